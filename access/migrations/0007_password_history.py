"""§14: password history. Existing accounts start their password age now, so that nobody is forced
to change a password on the day this is deployed, only PASSWORD_MAX_AGE_DAYS later."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

UNUSABLE_PASSWORD_PREFIX = "!"  # django.contrib.auth.hashers: set_unusable_password()


def start_password_ages(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    PasswordHistory = apps.get_model("access", "PasswordHistory")
    now = django.utils.timezone.now()
    PasswordHistory.objects.bulk_create([
        PasswordHistory(user_id=pk, password_hash=password, changed_at=now)
        for pk, password in User.objects.values_list("pk", "password")
        if password and not password.startswith(UNUSABLE_PASSWORD_PREFIX)
    ])


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0006_append_only_disclosures'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PasswordHistory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password_hash', models.CharField(max_length=128)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='password_history', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'password history',
                'indexes': [models.Index(fields=['user', '-changed_at'], name='password_history_user_idx')],
            },
        ),
        migrations.RunPython(start_password_ages, migrations.RunPython.noop),
    ]

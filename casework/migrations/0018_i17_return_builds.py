"""Issue 17: each build of a statutory return, kept (a trigger refuses deleting one: access.audit.protected)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from access.audit import protected

PROTECTED_TABLES = ("casework_returnbuild",)


def protect(apps, schema_editor):
    protected.create_triggers(schema_editor, PROTECTED_TABLES)


def unprotect(apps, schema_editor):
    protected.drop_triggers(schema_editor, PROTECTED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0017_i17_cin_episodes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReturnBuild',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(help_text='A kind of return listed in casework.returns.builds', max_length=30)),
                ('year', models.PositiveSmallIntegerField(help_text='The year the collection starts: 2025 for 2025-26', verbose_name='Collection year')),
                ('la_number', models.CharField(max_length=3, verbose_name='Local authority number')),
                ('status', models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Being built'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('file_name', models.CharField(blank=True, max_length=200)),
                ('error', models.TextField(blank=True)),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'statutory return build',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.RunPython(protect, unprotect),
    ]

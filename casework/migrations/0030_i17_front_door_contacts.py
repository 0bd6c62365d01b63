"""Issue 17: contacts received about a child (Ofsted's Annex A list 1), never deleted, with their history."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from access.audit import protected
from access.migration_operations import RenderOnce

PROTECTED_TABLES = ("casework_frontdoorcontact", "casework_historicalfrontdoorcontact")


def protect(apps, schema_editor):
    protected.create_triggers(schema_editor, PROTECTED_TABLES)


def unprotect(apps, schema_editor):
    protected.drop_triggers(schema_editor, PROTECTED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0029_i17_adoption_sibling_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='HistoricalFrontDoorContact',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('received_on', models.DateField(verbose_name='Date the contact was received')),
                    ('source', models.CharField(max_length=3, verbose_name='Who the contact came from (DfE code)')),
                    ('request', models.TextField(verbose_name='What was asked')),
                    ('decision', models.CharField(choices=[('referral', 'Progressed to a referral'), ('nfa', 'No further action'), ('advice', 'Information and advice given'), ('early_help', 'Passed to early help')], max_length=20, verbose_name='Decision')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical contact received',
                    'verbose_name_plural': 'historical contacts received',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='FrontDoorContact',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('received_on', models.DateField(verbose_name='Date the contact was received')),
                    ('source', models.CharField(max_length=3, verbose_name='Who the contact came from (DfE code)')),
                    ('request', models.TextField(verbose_name='What was asked')),
                    ('decision', models.CharField(choices=[('referral', 'Progressed to a referral'), ('nfa', 'No further action'), ('advice', 'Information and advice given'), ('early_help', 'Passed to early help')], max_length=20, verbose_name='Decision')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='front_door_contacts', to='casework.child')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'contact received',
                    'verbose_name_plural': 'contacts received',
                    'ordering': ['-received_on', '-id'],
                    'indexes': [models.Index(fields=['received_on', 'child'], name='contact_received_child')],
                    'constraints': [models.CheckConstraint(condition=models.Q(('decision__in', ['referral', 'nfa', 'advice', 'early_help'])), name='contact_decision_known'), models.CheckConstraint(condition=models.Q(('request', ''), _negated=True), name='contact_says_what_was_asked')],
                },
            ),
        ),
        migrations.RunPython(protect, unprotect),
    ]

"""Issue 17: brothers and sisters to be placed for adoption together (Ofsted's Annex A, list 10's family identifier):
a group their decisions to place for adoption name, never deleted, with its history."""

import casework.adoption.models
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from access.audit import protected
from access.migration_operations import RenderOnce

PROTECTED_TABLES = ("casework_adoptionsiblinggroup", "casework_historicaladoptionsiblinggroup")
# On SQLite, adding the column may rebuild the decisions' tables, which drops their triggers: made again below.
REBUILT = ("casework_adoptiondecision", "casework_historicaladoptiondecision")


def protect(apps, schema_editor):
    tables = PROTECTED_TABLES + (REBUILT if schema_editor.connection.vendor == "sqlite" else ())
    if schema_editor.connection.vendor == "sqlite":
        protected.drop_triggers(schema_editor, REBUILT)
    protected.create_triggers(schema_editor, tables)


def unprotect(apps, schema_editor):
    protected.drop_triggers(schema_editor, PROTECTED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0028_i17_pathway_plan_reviews'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='AdoptionSiblingGroup',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('reference', models.CharField(default=casework.adoption.models.new_family_reference, editable=False, max_length=8, unique=True, verbose_name='Family identifier')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'brothers and sisters to be placed for adoption together',
                    'verbose_name_plural': 'brothers and sisters to be placed for adoption together',
                },
            ),
            migrations.AddField(
                model_name='adoptiondecision',
                name='sibling_group',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='casework.adoptionsiblinggroup', verbose_name='Brothers and sisters to be placed with'),
            ),
            migrations.AddField(
                model_name='historicaladoptiondecision',
                name='sibling_group',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.adoptionsiblinggroup', verbose_name='Brothers and sisters to be placed with'),
            ),
            migrations.CreateModel(
                name='HistoricalAdoptionSiblingGroup',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('reference', models.CharField(db_index=True, default=casework.adoption.models.new_family_reference, editable=False, max_length=8, verbose_name='Family identifier')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical brothers and sisters to be placed for adoption together',
                    'verbose_name_plural': 'historical brothers and sisters to be placed for adoption together',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
        ),
        migrations.RunPython(protect, unprotect),
    ]

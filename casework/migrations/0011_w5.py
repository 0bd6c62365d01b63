"""§4 (EDT): emergency duty staff search every child by name, date of birth, local ID or NHS number, so each
is an indexed lookup: the NHS number, the expected date of birth of an unborn child, and on PostgreSQL a
trigram index on the normalised name, which serves the "part of a name" search (LIKE '%word%'). pg_trgm is a
trusted extension (PostgreSQL 13+): the database owner may create it. SQLite (`make run`) scans its few rows.
"""

from django.db import migrations, models
from access.migration_operations import RenderOnce

TRIGRAM_INDEX = "child_search_name_trgm_idx"


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON casework_child "
                              f"USING gin (search_name gin_trgm_ops)", params=None)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0009_recorded_dates'),
    ]

    operations = [
        RenderOnce(
            migrations.AddIndex(
                model_name='child',
                index=models.Index(condition=models.Q(('nhs_number', ''), _negated=True), fields=['nhs_number'], name='child_nhs_number_idx'),
            ),
            migrations.AddIndex(
                model_name='child',
                index=models.Index(condition=models.Q(('expected_date_of_birth__isnull', False)), fields=['expected_date_of_birth'], name='child_expected_dob_idx'),
            ),
        ),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]

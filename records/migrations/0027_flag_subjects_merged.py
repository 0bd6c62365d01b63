"""Flags may point at a paper file move (0024) or a team's audit schedule (0026): one subject each.
SQLite rebuilds the flag table for the constraint, so the flag guard of 0024 is applied again."""

import importlib

from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

_moves = importlib.import_module("records.migrations.0024_paper_file_moves")


def _flag_guard(apps, schema_editor):
    _moves._flags._apply(schema_editor, _moves.PG_GUARD, _moves.SQLITE_RULES)


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0018_audit_choices_merged'),
        ('casework', '0011_w5'),
        ('records', '0026_w7_sharing_audits_progress'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.RemoveConstraint(
                model_name='flag',
                name='flag_has_one_subject',
            ),
            migrations.AddConstraint(
                model_name='flag',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', False), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', False), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', False)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', False), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', False), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', False), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', True), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', False), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), models.Q(('audit_deficiency__isnull', True), ('audit_schedule__isnull', False), ('case__isnull', True), ('entry__isnull', True), ('paper_file_move__isnull', True), ('paper_file_removal__isnull', True), ('restriction__isnull', True), ('subject_access_request__isnull', True)), _connector='OR'), name='flag_has_one_subject'),
            ),
        ),
        migrations.RunPython(_flag_guard, migrations.RunPython.noop),
    ]

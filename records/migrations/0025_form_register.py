"""The form register (§2), and what happens to form designs approved by the system user at install.

1. The register's tables (records.form_register), never deleted, their history append-only.
2. Senior leadership and administrators see the register in the admin (senior leaders approve).
3. Databases installed by the first version of 0002 hold the policy's first designs *approved by the
   system user*, which §2 does not allow: only senior leadership approves. They stay in use, so that
   recording about children never stops on an upgrade, but each is now shown as "approved by the system
   at install, awaiting a senior leader's approval" (FormDesign.approved_at_install), and a copy of it is
   submitted (by the system user, who can submit but never decide) for a senior leader to approve in
   the admin or with records.designs.services.approve_latest_submitted. When they approve it, the
   system's approval is retired, like any design replaced by a newer approved version. A kind that
   already has a newer version submitted gets no copy: that version is the one to decide on.
   A fresh install has nothing to do here: 0002 now submits the first designs instead of approving them.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce
from django.utils import timezone

from access.audit import protected

TABLES = ("records_fixedform", "records_historicalfixedform", "records_fixedformversion",
          "records_historicalfixedformversion")

GRANTS = {
    "Administrator": ["view_fixedform", "view_fixedformversion"],
    "Senior leadership": ["view_fixedform", "view_fixedformversion"],
}
COPY_REASON = "Submitted for a senior leader's approval: the version in use was approved by the system at install"


def add_triggers(apps, schema_editor):
    protected.create_triggers(schema_editor, TABLES)


def drop_triggers(apps, schema_editor):
    protected.drop_triggers(schema_editor, TABLES)


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("records")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="records", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="records", codename__in=codenames))


def _history_row(HistoricalModel, instance, *, when, user, reason, kind="+"):
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    HistoricalModel.objects.create(**values, history_date=when, history_type=kind, history_user_id=user.pk,
                                   history_change_reason=reason)


def submit_copies_of_system_approvals(apps, schema_editor):
    """For each design in use that the system user approved, submit a copy for a senior leader (3. above)."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    FormDesign = apps.get_model("records", "FormDesign")
    FormQuestion = apps.get_model("records", "FormQuestion")
    HistoricalFormDesign = apps.get_model("records", "HistoricalFormDesign")
    HistoricalFormQuestion = apps.get_model("records", "HistoricalFormQuestion")
    system = User.objects.filter(username=settings.SYSTEM_USERNAME).first()
    if system is None:
        return
    for in_use in FormDesign.objects.filter(status="approved", decided_by=system).order_by("kind"):
        designs = FormDesign.objects.filter(kind=in_use.kind)
        if designs.filter(version__gt=in_use.version, status__in=["draft", "submitted"]).exists():
            continue
        now = timezone.now()
        version = max(designs.values_list("version", flat=True)) + 1
        # Inserted as a draft and then submitted: the database accepts no other way (records 0003).
        copy = FormDesign.objects.create(kind=in_use.kind, version=version, status="draft", title=in_use.title,
                                         purpose=in_use.purpose, created_by=system, created_at=now)
        for question in FormQuestion.objects.filter(design=in_use).order_by("position"):
            row = FormQuestion.objects.create(
                design=copy, key=question.key, position=question.position, label=question.label,
                help_text=question.help_text, required=question.required, answer_type=question.answer_type,
                options=question.options, answer_kind=question.answer_kind,
            )
            _history_row(HistoricalFormQuestion, row, when=now, user=system, reason=COPY_REASON)
        FormDesign.objects.filter(pk=copy.pk).update(status="submitted", submitted_by=system, submitted_at=now)
        copy.refresh_from_db()
        _history_row(HistoricalFormDesign, copy, when=now, user=system, reason=COPY_REASON)


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0024_paper_file_moves'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='FixedForm',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.SlugField(editable=False, max_length=80, unique=True)),
                    ('name', models.CharField(editable=False, max_length=200)),
                ],
                options={
                    'verbose_name': 'form in the register',
                    'verbose_name_plural': 'form register',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalFixedForm',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('key', models.SlugField(editable=False, max_length=80)),
                    ('name', models.CharField(editable=False, max_length=200)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical form in the register',
                    'verbose_name_plural': 'historical form register',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalFixedFormVersion',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(editable=False)),
                    ('fields', models.JSONField(editable=False)),
                    ('fingerprint', models.CharField(editable=False, max_length=64)),
                    ('changes', models.JSONField(default=list, editable=False)),
                    ('compared_with', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                    ('approved_at', models.DateTimeField(blank=True, editable=False, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('approved_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('form', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='records.fixedform')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical version of a form in the register',
                    'verbose_name_plural': 'historical version of a form in the registers',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='FixedFormVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(editable=False)),
                    ('fields', models.JSONField(editable=False)),
                    ('fingerprint', models.CharField(editable=False, max_length=64)),
                    ('changes', models.JSONField(default=list, editable=False)),
                    ('compared_with', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                    ('approved_at', models.DateTimeField(blank=True, editable=False, null=True)),
                    ('approved_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('form', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='records.fixedform')),
                ],
                options={
                    'verbose_name': 'version of a form in the register',
                    'ordering': ['form', '-version'],
                    'constraints': [models.UniqueConstraint(fields=('form', 'version'), name='fixedformversion_unique_version'), models.CheckConstraint(condition=models.Q(('version__gte', 1)), name='fixedformversion_version_positive'), models.CheckConstraint(condition=models.Q(models.Q(('approved_at__isnull', True), ('approved_by__isnull', True)), models.Q(('approved_at__isnull', False), ('approved_by__isnull', False)), _connector='OR'), name='fixedformversion_approval_names_who_and_when')],
                },
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(grant, revoke),
        migrations.RunPython(submit_copies_of_system_approvals, migrations.RunPython.noop),
    ]

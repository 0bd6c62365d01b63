"""Issue 17: a case's assessments (with the factors identified), section 47 enquiries and initial child protection
conferences, child protection plans and their reviews, and child in need plans, as the children in need census asks;
the DfE's list of assessment factors, loaded like the other code lists (0014's load_code_lists); none of these rows
is ever deleted (access.audit.protected)."""

import importlib

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce

from access.audit import protected

# The factors identified at the end of an assessment (the CIN census's AssessmentFactors, as the DfE's validator
# csc-validator-be-cin checks them). 18A and 19A were replaced by 18B/18C and 19B/19C and are not offered.
CODE_LISTS = {
    "cin_assessment_factor": ("Factors identified at assessment", "CIN census", [
        ("1A", "Alcohol misuse: concerns about the child"),
        ("1B", "Alcohol misuse: concerns about the parent or carer"),
        ("1C", "Alcohol misuse: concerns about another person living in the household"),
        ("2A", "Drug misuse: concerns about the child"),
        ("2B", "Drug misuse: concerns about the parent or carer"),
        ("2C", "Drug misuse: concerns about another person living in the household"),
        ("3A", "Domestic abuse: concerns about the child being the subject of domestic abuse"),
        ("3B", "Domestic abuse: concerns about the parent or carer being the subject of domestic abuse"),
        ("3C", "Domestic abuse: concerns about another person living in the household being the subject of domestic abuse"),
        ("4A", "Mental health: concerns about the child"),
        ("4B", "Mental health: concerns about the parent or carer"),
        ("4C", "Mental health: concerns about another person living in the household"),
        ("5A", "Learning disability: concerns about the child"),
        ("5B", "Learning disability: concerns about the parent or carer"),
        ("5C", "Learning disability: concerns about another person living in the household"),
        ("6A", "Physical disability or illness: concerns about the child"),
        ("6B", "Physical disability or illness: concerns about the parent or carer"),
        ("6C", "Physical disability or illness: concerns about another person living in the household"),
        ("7A", "Young carer"),
        ("8B", "Privately fostered: overseas child who intends to return to their family abroad"),
        ("8C", "Privately fostered: overseas child who intends to stay in the UK"),
        ("8D", "Privately fostered: UK child in an educational placement"),
        ("8E", "Privately fostered: UK child making an alternative care arrangement"),
        ("8F", "Privately fostered: other"),
        ("9A", "Unaccompanied asylum-seeking child"),
        ("10A", "Going or being missing"),
        ("11A", "Child sexual exploitation"),
        ("12A", "Trafficking"),
        ("13A", "Gangs"),
        ("14A", "Socially unacceptable behaviour"),
        ("15A", "Self-harm"),
        ("16A", "Abuse or neglect: neglect"),
        ("17A", "Abuse or neglect: emotional abuse"),
        ("18B", "Abuse or neglect: physical abuse by an adult"),
        ("18C", "Abuse or neglect: physical abuse by another child"),
        ("19B", "Abuse or neglect: sexual abuse by an adult"),
        ("19C", "Abuse or neglect: sexual abuse by another child"),
        ("20", "Other"),
        ("21", "No factors identified"),
        ("22A", "Female genital mutilation"),
        ("23A", "Abuse linked to faith or belief"),
        ("24A", "Child criminal exploitation"),
    ]),
}
PROTECTED_TABLES = tuple(table for name in ("assessment", "section47enquiry", "childprotectionplan",
                                            "protectionplanreview", "cinplan")
                         for table in (f"casework_{name}", f"casework_historical{name}"))


def load_code_lists(CodeList, Code):
    """This migration's lists; the tests put them back with it after a test empties the tables."""
    importlib.import_module("casework.migrations.0014_i17_returns").load_code_lists(CodeList, Code, CODE_LISTS)


def load(apps, schema_editor):
    CodeList = apps.get_model("casework", "CodeList")
    if not CodeList.objects.filter(key__in=CODE_LISTS).exists():  # codes are never deleted: kept after a reversal
        load_code_lists(CodeList, apps.get_model("casework", "Code"))
    protected.create_triggers(schema_editor, PROTECTED_TABLES)


def unload(apps, schema_editor):
    protected.drop_triggers(schema_editor, PROTECTED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0016_merge_i17_returns'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='ChildProtectionPlan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('initial_category', models.CharField(max_length=3, verbose_name='Initial category of abuse')),
                    ('latest_category', models.CharField(max_length=3, verbose_name='Latest category of abuse')),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='protection_plans', to='casework.case')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'ordering': ['start_date', 'id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='CinPlan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cin_plans', to='casework.case')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'child in need plan',
                    'ordering': ['start_date', 'id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='HistoricalAssessment',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('authorised_on', models.DateField(blank=True, null=True, verbose_name='Date the assessment was authorised')),
                    ('factors', models.JSONField(blank=True, default=list, help_text="Codes of the DfE's assessment factors list")),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical assessment',
                    'verbose_name_plural': 'historical assessments',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalChildProtectionPlan',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('initial_category', models.CharField(max_length=3, verbose_name='Initial category of abuse')),
                    ('latest_category', models.CharField(max_length=3, verbose_name='Latest category of abuse')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical child protection plan',
                    'verbose_name_plural': 'historical child protection plans',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCinPlan',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical child in need plan',
                    'verbose_name_plural': 'historical child in need plans',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalProtectionPlanReview',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('review_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.childprotectionplan')),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical protection plan review',
                    'verbose_name_plural': 'historical protection plan reviews',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalSection47Enquiry',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('icpc_needed', models.BooleanField(verbose_name='An initial child protection conference is needed')),
                    ('icpc_target_date', models.DateField(blank=True, null=True, verbose_name='Target date of the initial child protection conference')),
                    ('icpc_date', models.DateField(blank=True, null=True, verbose_name='Date of the initial child protection conference')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('case', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.case')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical section 47 enquiry',
                    'verbose_name_plural': 'historical section 47 enquiries',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='ProtectionPlanReview',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('review_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='casework.childprotectionplan')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'ordering': ['review_date', 'id'],
                },
            ),
            migrations.CreateModel(
                name='Section47Enquiry',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('icpc_needed', models.BooleanField(verbose_name='An initial child protection conference is needed')),
                    ('icpc_target_date', models.DateField(blank=True, null=True, verbose_name='Target date of the initial child protection conference')),
                    ('icpc_date', models.DateField(blank=True, null=True, verbose_name='Date of the initial child protection conference')),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='section47_enquiries', to='casework.case')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'section 47 enquiry',
                    'verbose_name_plural': 'section 47 enquiries',
                    'ordering': ['start_date', 'id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Assessment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField()),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('authorised_on', models.DateField(blank=True, null=True, verbose_name='Date the assessment was authorised')),
                    ('factors', models.JSONField(blank=True, default=list, help_text="Codes of the DfE's assessment factors list")),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='casework.case')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'ordering': ['start_date', 'id'],
                    'abstract': False,
                    'constraints': [models.CheckConstraint(condition=models.Q(('authorised_on__isnull', True), ('authorised_on__gte', models.F('start_date')), _connector='OR'), name='assessment_authorised_after_start')],
                },
            ),
            migrations.AddConstraint(
                model_name='childprotectionplan',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='cpp_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='cinplan',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='cin_plan_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='protectionplanreview',
                constraint=models.UniqueConstraint(fields=('plan', 'review_date'), name='cpp_review_once_a_day'),
            ),
            migrations.AddConstraint(
                model_name='section47enquiry',
                constraint=models.CheckConstraint(condition=models.Q(('icpc_target_date__isnull', True), ('icpc_target_date__gte', models.F('start_date')), _connector='OR'), name='s47_icpc_target_after_start'),
            ),
            migrations.AddConstraint(
                model_name='section47enquiry',
                constraint=models.CheckConstraint(condition=models.Q(('icpc_date__isnull', True), ('icpc_date__gte', models.F('start_date')), _connector='OR'), name='s47_icpc_after_start'),
            ),
            migrations.AddConstraint(
                model_name='section47enquiry',
                constraint=models.CheckConstraint(condition=models.Q(('icpc_needed', True), models.Q(('icpc_date__isnull', True), ('icpc_target_date__isnull', True)), _connector='OR'), name='s47_no_conference_dates_without_one'),
            ),
        ),
        migrations.RunPython(load, unload),
    ]

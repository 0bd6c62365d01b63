"""Issue 17 (statutory returns): the DfE's code lists as data (CodeList, Code), loaded for the 2025-26 and
2026-27 collections, kept in the admin by administrators and senior leadership, never deleted; the child's
sex, disability, UPN or why it is not known, and date of death; the case's primary need and whether the
referral led to no further action; the referral sources, closure reasons and ethnicities recorded before,
in the DfE's codes."""

import django.db.models.deletion
import simple_history.models
from django.contrib.auth.management import create_permissions

from access.audit import protected
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


# --- The DfE's code lists for the 2025-26 and 2026-27 collections (issue 17) ------------------------
# Codes as the Department's validators check them (csc-validator-be-cin and csc-validator-be-903, the
# 2025-26 rules); meanings from the CIN census and SSDA903 guides. A later year's changes are a later data
# migration (or the admin): a withdrawn code gets its last year, a new code its first.
FIRST_YEAR = 2025

CODE_LISTS = {
    "sex": ("Sex", "CIN census, SSDA903", [
        ("M", "Male"), ("F", "Female"), ("U", "Not known"),
    ]),
    "ethnicity": ("Ethnicity", "CIN census, SSDA903", [
        ("WBRI", "White: British"), ("WIRI", "White: Irish"), ("WIRT", "White: Traveller of Irish heritage"),
        ("WROM", "White: Gypsy or Roma"), ("WOTH", "White: any other White background"),
        ("MWBC", "Mixed: White and Black Caribbean"), ("MWBA", "Mixed: White and Black African"),
        ("MWAS", "Mixed: White and Asian"), ("MOTH", "Mixed: any other mixed background"),
        ("AIND", "Asian or Asian British: Indian"), ("APKN", "Asian or Asian British: Pakistani"),
        ("ABAN", "Asian or Asian British: Bangladeshi"), ("AOTH", "Asian or Asian British: any other Asian background"),
        ("BCRB", "Black or Black British: Caribbean"), ("BAFR", "Black or Black British: African"),
        ("BOTH", "Black or Black British: any other Black background"), ("CHNE", "Chinese"),
        ("OOTH", "Any other ethnic group"), ("REFU", "Refused"), ("NOBT", "Information not yet obtained"),
    ]),
    "disability": ("Disability", "CIN census", [
        ("NONE", "No disability"),
        ("MOB", "Mobility: getting about the house and beyond"),
        ("HAND", "Hand function: holding and touching"),
        ("PC", "Personal care, such as meals, dressing, going to the toilet or washing"),
        ("INC", "Incontinence: controlling the passage of urine or faeces"),
        ("COMM", "Communication: speaking and/or understanding others"),
        ("LD", "Learning: understanding or learning"),
        ("HEAR", "Hearing"),
        ("VIS", "Vision"),
        ("BEH", "Behaviour: a condition entailing behavioural difficulties, including ADHD"),
        ("CON", "Consciousness: seizures"),
        ("AUT", "Diagnosed with autism or Asperger syndrome"),
        ("DDA", "Other disability under the Equality Act 2010"),
    ]),
    "upn_unknown": ("Reason the unique pupil number is unknown", "CIN census (UN1 to UN5 also SSDA903)", [
        ("UN1", "Child is under 6 years old and not yet attending school"),
        ("UN2", "Child has never attended a school in England, so has never been given a UPN"),
        ("UN3", "Child is educated outside England"),
        ("UN4", "Child is new to the local authority and the UPN is not yet known"),
        ("UN5", "The sources of UPNs disagree"),
        ("UN6", "Child is unborn"),
        ("UN7", "Referral with no further action"),
    ]),
    "cin_referral_source": ("Source of referral", "CIN census", [
        ("1A", "Individual: family member, relative or carer"),
        ("1B", "Individual: acquaintance, including neighbours and child minders"),
        ("1C", "Individual: self"),
        ("1D", "Individual: other, including strangers and MPs"),
        ("2A", "School"),
        ("2B", "Education services"),
        ("3A", "Health services: GP"),
        ("3B", "Health services: health visitor"),
        ("3C", "Health services: school nurse"),
        ("3D", "Health services: other primary health services"),
        ("3E", "Health services: A&E (accident and emergency department)"),
        ("3F", "Health services: other, for example a hospice"),
        ("4", "Housing: local authority or housing association"),
        ("5A", "Local authority services: social care, for example adult social care"),
        ("5B", "Local authority services: another department of the council (not social care)"),
        ("5C", "Local authority services: external, for example another council's adult social care"),
        ("5D", "Early help"),
        ("6", "Police"),
        ("7", "Other legal agency, including courts, probation, immigration, Cafcass and prison"),
        ("8", "Other"),
        ("9", "Anonymous"),
        ("10", "Unknown"),
    ]),
    "cin_primary_need": ("Primary need", "CIN census", [
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability or illness"),
        ("N3", "Parent's disability or illness"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
        ("N9", "Cases other than children in need"),
        ("N0", "Not stated"),
    ]),
    "cin_closure_reason": ("Reason the case closed", "CIN census", [
        ("RC1", "Adopted"),
        ("RC2", "Died"),
        ("RC3", "Child arrangements order"),
        ("RC4", "Special guardianship order"),
        ("RC5", "Transferred to the services of another local authority"),
        ("RC6", "Transferred to adult social care services"),
        ("RC7", "Services ended for any other reason, including the child no longer being in need"),
        ("RC8", "Case closed after assessment: no further action"),
        ("RC9", "Case closed after assessment: referred to early help"),
    ]),
    "cin_category_of_abuse": ("Category of abuse", "CIN census", [
        ("NEG", "Neglect"), ("PHY", "Physical abuse"), ("SAB", "Sexual abuse"), ("EMO", "Emotional abuse"),
        ("MUL", "Multiple categories"),
    ]),
    "lac_reason_new_episode": ("Reason for new episode (RNE)", "SSDA903", [
        ("S", "Started to be looked after"),
        ("L", "Change of legal status only"),
        ("P", "Change of placement and carers only"),
        ("T", "Change of both legal status and placement and carers at the same time"),
        ("U", "Change of placement, but the carers stayed the same"),
        ("B", "Change of legal status and placement, but the carers stayed the same"),
    ]),
    "lac_legal_status": ("Legal status (LS)", "SSDA903", [
        ("C1", "Interim care order"),
        ("C2", "Full care order"),
        ("D1", "Freeing order granted"),
        ("E1", "Placement order granted"),
        ("V2", "Single period of accommodation under section 20 of the Children Act 1989"),
        ("V3", "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded"),
        ("V4", "Accommodated under an agreed series of short-term breaks, when agreements are recorded"),
        ("J1", "Remanded to local authority accommodation or to youth detention accommodation"),
        ("J2", "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984"),
        ("J3", "Sentenced to a youth rehabilitation order with a residence or intensive fostering requirement"),
        ("L1", "Under police protection and in local authority accommodation"),
        ("L2", "Emergency protection order"),
        ("L3", "Under a child assessment order and in local authority accommodation"),
    ]),
    "lac_category_of_need": ("Category of need (CIN)", "SSDA903", [
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability"),
        ("N3", "Parent's illness or disability"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
    ]),
    "lac_placement_type": ("Placement type (PLACE)", "SSDA903", [
        ("A3", "Placed for adoption with parental consent with current foster carers"),
        ("A4", "Placed for adoption with parental consent, not with current foster carers"),
        ("A5", "Placed for adoption with a placement order with current foster carers"),
        ("A6", "Placed for adoption with a placement order, not with current foster carers"),
        ("K1", "Secure children's home"),
        ("K2", "Children's home subject to the Children's Homes Regulations"),
        ("K3", "Supported accommodation registered with Ofsted"),
        ("P1", "Placed with own parents or other person with parental responsibility"),
        ("P3", "Residential employment"),
        ("R1", "Residential care home"),
        ("R2", "NHS or health trust or other establishment providing medical or nursing care"),
        ("R3", "Family centre or mother and baby unit"),
        ("R5", "Young offender institution or prison"),
        ("S1", "Residential school, except where dual-registered as a school and children's home"),
        ("T0", "All types of temporary move"),
        ("T1", "Temporary period in hospital"),
        ("T2", "Temporary absence of the child on holiday"),
        ("T3", "Temporary accommodation while the normal foster carers are on holiday"),
        ("T4", "Temporary accommodation of seven days or less, for any reason not covered by T1 to T3"),
        ("U1", "Foster placement with relatives or friends: long-term fostering"),
        ("U2", "Foster placement with relatives or friends who are also approved adopters: fostering for adoption or concurrent planning"),
        ("U3", "Foster placement with relatives or friends: not long-term, and not fostering for adoption"),
        ("U4", "Foster placement with other foster carers: long-term fostering"),
        ("U5", "Foster placement with other foster carers who are also approved adopters: fostering for adoption or concurrent planning"),
        ("U6", "Foster placement with other foster carers: not long-term, and not fostering for adoption"),
        ("Z11", "Other placement (DfE code Z11)"),
        ("Z12", "Other placement (DfE code Z12)"),
        ("Z13", "Other placement (DfE code Z13)"),
        ("Z14", "Other placement (DfE code Z14)"),
    ]),
    "lac_placement_provider": ("Placement provider (PR)", "SSDA903", [
        ("PR0", "Parents or other person with parental responsibility"),
        ("PR1", "Own provision (by the council)"),
        ("PR2", "Another council's provision"),
        ("PR3", "Other public provision, for example the NHS"),
        ("PR4", "Private provision"),
        ("PR5", "Voluntary or third sector provision"),
    ]),
    "lac_reason_ceased": ("Reason the episode ceased (REC)", "SSDA903", [
        ("E11", "Adopted: application for an adoption order unopposed"),
        ("E12", "Adopted: consent dispensed with by the court"),
        ("E2", "Died"),
        ("E3", "Care taken over by another local authority in the UK"),
        ("E4A", "Returned home to parents or others with parental responsibility, as part of the care plan"),
        ("E4B", "Returned home to parents or others with parental responsibility, not as part of the care plan"),
        ("E13", "Left care to live with parents, relatives or others with no parental responsibility"),
        ("E41", "Child arrangements order (who the child lives with) granted"),
        ("E45", "Special guardianship order made to former foster carers who are relatives or friends"),
        ("E46", "Special guardianship order made to former foster carers, not relatives or friends"),
        ("E47", "Special guardianship order made to carers, not former foster carers, who are relatives or friends"),
        ("E48", "Special guardianship order made to carers, not former foster carers, not relatives or friends"),
        ("E5", "Moved into independent living with formal advice or support, such as a hostel or staying close project"),
        ("E6", "Moved into independent living with no formal advice or support, such as a bedsit or own flat"),
        ("E7", "Transferred to residential care funded by adult social care services"),
        ("E8", "Stopped being looked after for any other reason"),
        ("E9", "Sentenced to custody"),
        ("E14", "Accommodation on remand ended"),
        ("E15", "Age assessment found the child is 18 or over, and E5, E6 and E7 do not apply"),
        ("E16", "Child moved abroad"),
        ("E17", "Aged 18 or over and stayed with current carers, including staying put"),
        ("X1", "Episode ended and a new one began on the same day, for any reason"),
    ]),
    "lac_reason_place_change": ("Reason for placement change", "SSDA903", [
        ("CARPL", "Change to or carrying out of the care plan"),
        ("CLOSE", "Resignation or closure of the provision"),
        ("ALLEG", "Allegation (section 47)"),
        ("STAND", "Concern about standards of care"),
        ("APPRR", "Approval removed"),
        ("CREQB", "Carers asked for the placement to end because of the child's behaviour"),
        ("CREQO", "Carers asked for the placement to end, not because of the child's behaviour"),
        ("CHILD", "Child asked for the placement to end"),
        ("LAREQ", "The responsible or area council asked for the placement to end"),
        ("PLACE", "Change in the status of the placement only"),
        ("CUSTOD", "Custody arrangement"),
        ("OTHER", "Other"),
    ]),
    "lac_review_participation": ("Participation in the review", "SSDA903", [
        ("PN0", "Child under 4 at the time of the review"),
        ("PN1", "Child attends and speaks for themselves"),
        ("PN2", "Child attends and an advocate speaks for them"),
        ("PN3", "Child attends and conveys their views without words"),
        ("PN4", "Child attends but does not speak or convey their views, and has no advocate speak for them"),
        ("PN5", "Child does not attend but briefs an advocate to speak for them"),
        ("PN6", "Child does not attend but conveys their feelings to the review another way"),
        ("PN7", "Child does not attend and their views are not conveyed to the review"),
    ]),
    "lac_missing": ("Missing or away from placement", "SSDA903", [
        ("M", "Missing"), ("A", "Away from placement without authorisation"),
    ]),
}

# Who keeps the lists in the admin: administrators add and correct codes, senior leadership reads them
# and corrects meanings. Nothing is deleted (a withdrawn code gets its last collection year).
ADMIN_GRANTS = {
    "Administrator": ["add_codelist", "change_codelist", "view_codelist", "add_code", "change_code", "view_code"],
    "Senior leadership": ["view_codelist", "view_code", "change_code"],
}
PROTECTED_TABLES = ("casework_codelist", "casework_historicalcodelist", "casework_code", "casework_historicalcode")


def load_code_lists(CodeList, Code, lists=None):
    """The lists and their codes; also used by the tests to put them back after a test empties the tables, and by
    later migrations for the lists they add (`lists`, shaped like CODE_LISTS)."""
    for key, (name, used_in, codes) in (CODE_LISTS if lists is None else lists).items():
        code_list = CodeList.objects.create(key=key, name=name, used_in=used_in)
        for position, (code, meaning) in enumerate(codes, start=1):
            Code.objects.create(code_list=code_list, code=code, meaning=meaning, valid_from_year=FIRST_YEAR,
                                position=position)


def load(apps, schema_editor):
    load_code_lists(apps.get_model("casework", "CodeList"), apps.get_model("casework", "Code"))
    app_config = apps.get_app_config("casework")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in ADMIN_GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="casework", codename__in=codenames))
    protected.create_triggers(schema_editor, PROTECTED_TABLES)


def unload(apps, schema_editor):
    protected.drop_triggers(schema_editor, PROTECTED_TABLES)


# The values recorded before issue 17, in the DfE's codes. Only the current rows change: earlier versions in the
# history tables are append-only, and keep the words they were recorded with.
REFERRAL_SOURCE = {"individual": "1D", "school": "2A", "health": "3F", "police": "6", "housing": "4",
                   "local_authority": "5B", "legal": "7", "anonymous": "9", "other": "8"}
CLOSURE_REASON = {"nfa": "RC8", "needs_met": "RC7", "step_down": "RC9", "moved_away": "RC5", "adopted": "RC1",
                  "sgo": "RC4", "adult_services": "RC6", "died": "RC2", "other": "RC7"}
ETHNICITY = {"ARAB": "OOTH"}  # the 2021 census's Arab group is "any other ethnic group" in the returns


def to_dfe_codes(apps, schema_editor):
    Case = apps.get_model("casework", "Case")
    Child = apps.get_model("casework", "Child")
    for old, new in REFERRAL_SOURCE.items():
        Case.objects.filter(referral_source=old).update(referral_source=new)
    for old, new in CLOSURE_REASON.items():
        Case.objects.filter(closure_reason=old).update(closure_reason=new)
    for old, new in ETHNICITY.items():
        Child.objects.filter(ethnicity=old).update(ethnicity=new)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0013_i16_banner_alert_protected'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('access', '0003_roles_and_append_only'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='CodeList',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.SlugField(max_length=40, unique=True, verbose_name='Key used by the system')),
                    ('name', models.CharField(max_length=200)),
                    ('used_in', models.CharField(max_length=200, verbose_name='Returns that use it')),
                ],
                options={
                    'verbose_name': 'DfE code list',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalCode',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('code', models.CharField(max_length=10)),
                    ('meaning', models.CharField(max_length=500)),
                    ('valid_from_year', models.PositiveSmallIntegerField(help_text='The year the collection starts: 2025 for 2025-26', verbose_name='First collection year')),
                    ('valid_to_year', models.PositiveSmallIntegerField(blank=True, help_text='Empty while the code is still valid', null=True, verbose_name='Last collection year')),
                    ('position', models.PositiveSmallIntegerField(default=0, help_text='Order in lists')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('code_list', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.codelist')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical DfE code',
                    'verbose_name_plural': 'historical DfE codes',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCodeList',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('key', models.SlugField(max_length=40, verbose_name='Key used by the system')),
                    ('name', models.CharField(max_length=200)),
                    ('used_in', models.CharField(max_length=200, verbose_name='Returns that use it')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical DfE code list',
                    'verbose_name_plural': 'historical DfE code lists',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Code',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.CharField(max_length=10)),
                    ('meaning', models.CharField(max_length=500)),
                    ('valid_from_year', models.PositiveSmallIntegerField(help_text='The year the collection starts: 2025 for 2025-26', verbose_name='First collection year')),
                    ('valid_to_year', models.PositiveSmallIntegerField(blank=True, help_text='Empty while the code is still valid', null=True, verbose_name='Last collection year')),
                    ('position', models.PositiveSmallIntegerField(default=0, help_text='Order in lists')),
                    ('code_list', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='codes', to='casework.codelist')),
                ],
                options={
                    'verbose_name': 'DfE code',
                    'ordering': ['code_list', 'position', 'code'],
                    'constraints': [models.UniqueConstraint(fields=('code_list', 'code'), name='code_unique_in_list'), models.CheckConstraint(condition=models.Q(('valid_to_year__isnull', True), ('valid_to_year__gte', models.F('valid_from_year')), _connector='OR'), name='code_valid_to_after_from')],
                },
            ),
            migrations.AddField(
                model_name='case',
                name='primary_need',
                field=models.CharField(blank=True, db_default='', help_text="A code of the DfE's primary need list", max_length=2),
            ),
            migrations.AddField(
                model_name='case',
                name='referral_nfa',
                field=models.BooleanField(blank=True, null=True, verbose_name='Referral led to no further action'),
            ),
            migrations.AddField(
                model_name='child',
                name='date_of_death',
                field=models.DateField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='child',
                name='disabilities',
                field=models.JSONField(blank=True, db_default=models.Value([], output_field=models.JSONField()), default=list, help_text="Codes of the DfE's disability list; NONE alone for no disability"),
            ),
            migrations.AddField(
                model_name='child',
                name='sex',
                field=models.CharField(blank=True, db_default='', help_text="A code of the DfE's sex list", max_length=1),
            ),
            migrations.AddField(
                model_name='child',
                name='upn',
                field=models.CharField(blank=True, db_default='', max_length=13, verbose_name='Unique pupil number'),
            ),
            migrations.AddField(
                model_name='child',
                name='upn_unknown_reason',
                field=models.CharField(blank=True, db_default='', max_length=3, verbose_name='Why the UPN is not known'),
            ),
            migrations.AddField(
                model_name='historicalcase',
                name='primary_need',
                field=models.CharField(blank=True, db_default='', help_text="A code of the DfE's primary need list", max_length=2),
            ),
            migrations.AddField(
                model_name='historicalcase',
                name='referral_nfa',
                field=models.BooleanField(blank=True, null=True, verbose_name='Referral led to no further action'),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='date_of_death',
                field=models.DateField(blank=True, null=True),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='disabilities',
                field=models.JSONField(blank=True, db_default=models.Value([], output_field=models.JSONField()), default=list, help_text="Codes of the DfE's disability list; NONE alone for no disability"),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='sex',
                field=models.CharField(blank=True, db_default='', help_text="A code of the DfE's sex list", max_length=1),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='upn',
                field=models.CharField(blank=True, db_default='', max_length=13, verbose_name='Unique pupil number'),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='upn_unknown_reason',
                field=models.CharField(blank=True, db_default='', max_length=3, verbose_name='Why the UPN is not known'),
            ),
            migrations.AlterField(
                model_name='case',
                name='closure_reason',
                field=models.CharField(blank=True, help_text="A code of the DfE's reason for closure list", max_length=30),
            ),
            migrations.AlterField(
                model_name='case',
                name='referral_source',
                field=models.CharField(help_text="A code of the DfE's source of referral list", max_length=30),
            ),
            migrations.AlterField(
                model_name='child',
                name='ethnicity',
                field=models.CharField(default='NOBT', help_text="A code of the DfE's ethnicity list", max_length=4),
            ),
            migrations.AlterField(
                model_name='historicalcase',
                name='closure_reason',
                field=models.CharField(blank=True, help_text="A code of the DfE's reason for closure list", max_length=30),
            ),
            migrations.AlterField(
                model_name='historicalcase',
                name='referral_source',
                field=models.CharField(help_text="A code of the DfE's source of referral list", max_length=30),
            ),
            migrations.AlterField(
                model_name='historicalchild',
                name='ethnicity',
                field=models.CharField(default='NOBT', help_text="A code of the DfE's ethnicity list", max_length=4),
            ),
            migrations.AddConstraint(
                model_name='child',
                constraint=models.CheckConstraint(condition=models.Q(('upn', ''), ('upn_unknown_reason', ''), _connector='OR'), name='child_upn_or_reason_not_both'),
            ),
            migrations.AddConstraint(
                model_name='child',
                constraint=models.CheckConstraint(condition=models.Q(('date_of_death__isnull', True), ('date_of_birth__isnull', True), ('date_of_death__gte', models.F('date_of_birth')), _connector='OR'), name='child_death_not_before_birth'),
            ),
        ),
        migrations.RunPython(load, unload),
        migrations.RunPython(to_dfe_codes, migrations.RunPython.noop),
    ]

"""Issue 17: the SSDA903 return's social worker episodes, care leavers (OC3) and children looked after for 12 months
(OC2). The reason for a change of social worker recorded on the allocation that makes it; the DfE's code lists for
those files, loaded like the other code lists (0014's load_code_lists) and never deleted."""

import importlib

from django.db import migrations, models

# Codes as the Department's validator (csc-validator-be-903) checks them; meanings from the SSDA903 guide.
SUITABLE, UNSUITABLE = "considered suitable", "not considered suitable"
ACCOMMODATION = [
    ("B", "With parents or relatives"), ("C", "Community home or other residential care, such as an NHS establishment"),
    ("D", "Semi-independent, transitional accommodation"), ("E", "Supported lodgings"), ("G", "Gone abroad"),
    ("H", "Deported"), ("K", "Ordinary lodgings, without formal support"), ("R", "Residence not known"),
    ("S", "No fixed abode or homeless"), ("T", "Foyer or similar supported accommodation"),
    ("U", "Independent living, such as a flat or tenancy"), ("V", "Emergency accommodation, such as a night shelter"),
    ("W", "Bed and breakfast"), ("X", "In custody"), ("Y", "Other accommodation"), ("Z", "With former foster carers"),
]
ONLY_UNSUITABLE = ("S", "X")  # homeless and in custody are never suitable: S2 and X2 only
CODE_LISTS = {
    "lac_sw_reason": ("Reason for the change of social worker", "SSDA903", [
        ("FCONTA", "First contact: the child's first social worker, or the first after a time with none"),
        ("MANAGE", "Management decision"),
        ("LEFTRL", "The social worker left the role"),
        ("ORGRST", "Organisational restructure"),
        ("TSPROC", "Transfer between teams or services as part of the usual process"),
        ("ABSENC", "The social worker is absent, for example on sick or parental leave"),
        ("CHCHAN", "The child asked for a change of social worker"),
        ("PCCHAN", "The parent or carer asked for a change of social worker"),
        ("SWDIED", "The social worker died"),
        ("OTHERS", "Other reason"),
    ]),
    "lac_oc3_in_touch": ("Care leaver: is the council in touch?", "SSDA903 (OC3)", [
        ("YES", "Yes, in touch"),
        ("NO", "No, not in touch"),
        ("REFU", "The young person refuses contact"),
        ("NREQ", "The young person no longer needs services"),
        ("RHOM", "The young person has returned home to their parents or others with parental responsibility for "
                 "six months or more"),
        ("DIED", "The young person has died"),
    ]),
    "lac_oc3_activity": ("Care leaver: main activity", "SSDA903 (OC3)", [
        ("F1", "Full time in higher education"), ("P1", "Part time in higher education"),
        ("F2", "Full time in education other than higher education"),
        ("P2", "Part time in education other than higher education"),
        ("F4", "Full time in an apprenticeship"), ("P4", "Part time in an apprenticeship"),
        ("F5", "Full time in training or employment, not an apprenticeship"),
        ("P5", "Part time in training or employment, not an apprenticeship"),
        ("G4", "Not in education, employment or training because of illness or disability"),
        ("G5", "Not in education, employment or training for another reason"),
        ("G6", "Not in education, employment or training because of pregnancy or parenting"),
    ]),
    "lac_oc3_accommodation": ("Care leaver: accommodation", "SSDA903 (OC3)", [
        (f"{letter}{digit}", f"{meaning}: {suitability}")
        for letter, meaning in ACCOMMODATION
        for digit, suitability in (("1", SUITABLE), ("2", UNSUITABLE))
        if not (digit == "1" and letter in ONLY_UNSUITABLE)
    ]),
    "lac_sdq_reason": ("Reason there is no strengths and difficulties questionnaire (SDQ) score", "SSDA903 (OC2)", [
        ("SDQ1", "The child was under 4 or over 17 at the date of the latest assessment"),
        ("SDQ2", "The carer refused to complete and return the questionnaire"),
        ("SDQ3", "The child's disability is too severe for the questionnaire to be completed"),
        ("SDQ4", "Other"),
        ("SDQ5", "The young person refused to allow the questionnaire to be completed"),
    ]),
}


def load_code_lists(CodeList, Code):
    """This migration's lists; the tests put them back with it after a test empties the tables."""
    importlib.import_module("casework.migrations.0014_i17_returns").load_code_lists(CodeList, Code, CODE_LISTS)


def load(apps, schema_editor):
    CodeList = apps.get_model("casework", "CodeList")
    if not CodeList.objects.filter(key__in=CODE_LISTS).exists():  # codes are never deleted: kept after a reversal
        load_code_lists(CodeList, apps.get_model("casework", "Code"))


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0020_merge_i17d_i17e'),
    ]

    operations = [
        migrations.AddField(
            model_name='allocation',
            name='sw_change_reason',
            field=models.CharField(blank=True, default='', help_text="The SSDA903 return's social worker episodes ask it (casework.returns.codes.SW_REASON)", max_length=6, verbose_name='Reason for the change of social worker (DfE code)'),
        ),
        migrations.AddField(
            model_name='historicalallocation',
            name='sw_change_reason',
            field=models.CharField(blank=True, default='', help_text="The SSDA903 return's social worker episodes ask it (casework.returns.codes.SW_REASON)", max_length=6, verbose_name='Reason for the change of social worker (DfE code)'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]

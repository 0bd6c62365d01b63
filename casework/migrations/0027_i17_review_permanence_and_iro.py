"""Issue 17: a looked-after review records the permanence plan it agrees (Ofsted's Annex A's categories, held as a code
list like the DfE's) and when the independent reviewing officer last saw or spoke with the child; both optional."""

import importlib

from django.db import migrations, models

# Ofsted's Annex A (list 8, "What is the permanence plan for this child?"): its categories, in its order.
CODE_LISTS = {
    "lac_permanence_plan": ("Permanence plan (Ofsted's Annex A)", "Annex A", [
        ("RTF", "Return to family"),
        ("ADO", "Adoption"),
        ("SGO", "Special guardianship order or child arrangements order (SGO/CAO)"),
        ("SLC", "Supported living in the community"),
        ("LTR", "Long-term residential placement"),
        ("LTF", "Long-term fostering"),
        ("OTH", "Other"),
    ]),
}


def load_code_lists(CodeList, Code):
    """This migration's list; the tests put it back with it after a test empties the tables."""
    importlib.import_module("casework.migrations.0014_i17_returns").load_code_lists(CodeList, Code, CODE_LISTS)


def load(apps, schema_editor):
    CodeList = apps.get_model("casework", "CodeList")
    if not CodeList.objects.filter(key__in=CODE_LISTS).exists():  # codes are never deleted: kept after a reversal
        load_code_lists(CodeList, apps.get_model("casework", "Code"))



class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0026_i17_placement_la'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.AddField(
            model_name='historicallookedafterreview',
            name='iro_contact_on',
            field=models.DateField(blank=True, null=True, verbose_name='When the independent reviewing officer last saw or spoke with the child'),
        ),
        migrations.AddField(
            model_name='historicallookedafterreview',
            name='permanence_plan',
            field=models.CharField(blank=True, default='', max_length=3, verbose_name='Permanence plan'),
        ),
        migrations.AddField(
            model_name='lookedafterreview',
            name='iro_contact_on',
            field=models.DateField(blank=True, null=True, verbose_name='When the independent reviewing officer last saw or spoke with the child'),
        ),
        migrations.AddField(
            model_name='lookedafterreview',
            name='permanence_plan',
            field=models.CharField(blank=True, default='', max_length=3, verbose_name='Permanence plan'),
        ),
    ]

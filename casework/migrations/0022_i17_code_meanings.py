"""Issue 17: code meanings put right against the Department's own rules (the validators' rules name what a code is
for), so that what a practitioner reads beside a code is what the DfE means by it:

- UN6 (reason the UPN is unknown) is not "Child is unborn": the CIN validator's rule 8770Q accepts UN6 for a child
  of school age with no UPN, and leaves out only UN1, "not of school age". Its wording in the census guide could
  not be confirmed here, so it says no more than the rules do, as the Z11 to Z14 placement codes already do.
- K3 is supported accommodation for young people of 16 or over, not a children's home (the 903 rule 371).
- RNE U and B are a change of the placement's type with the same carers: a child placed for adoption with their
  current foster carers (A3, A5) starts an episode for S, T or U (the 903 rule 217).

A data migration only: the codes stay; the earlier meanings are put back if it is reversed."""

from django.db import migrations

# list key, code: (earlier meaning, corrected meaning)
CORRECTIONS = {
    ("upn_unknown", "UN6"): ("Child is unborn", "UPN not known for another reason (DfE code UN6)"),
    ("lac_placement_type", "K3"): (
        "Supported accommodation registered with Ofsted",
        "Supported accommodation registered with Ofsted (not a children's home), for young people aged 16 or 17"),
    ("lac_reason_new_episode", "U"): (
        "Change of placement, but the carers stayed the same",
        "Change of placement type, with the same carers (for example, foster carers becoming the child's adopters)"),
    ("lac_reason_new_episode", "B"): (
        "Change of legal status and placement, but the carers stayed the same",
        "Change of legal status and of placement type, with the same carers"),
}


def _apply(Code, which: int) -> None:
    for (list_key, code), meanings in CORRECTIONS.items():
        for item in Code.objects.filter(code_list__key=list_key, code=code):
            item.meaning = meanings[which]
            item.save(update_fields=["meaning"])


def load_code_lists(CodeList, Code):
    """The tests put the lists back after a test empties the tables (0014, 0017, 0021), then these corrections."""
    _apply(Code, 1)


def correct(apps, schema_editor):
    _apply(apps.get_model("casework", "Code"), 1)


def restore(apps, schema_editor):
    _apply(apps.get_model("casework", "Code"), 0)


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0021_i17_adoption"),
    ]

    operations = [
        migrations.RunPython(correct, restore),
    ]

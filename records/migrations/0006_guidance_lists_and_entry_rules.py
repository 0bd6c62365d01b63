"""Seed the plain English lists (§11), and make the Late entry mark and entries permanent in the database."""

from django.db import migrations

GLOSSARY = {
    "CIN": "child in need", "CP": "child protection", "CPP": "child protection plan", "LAC": "looked after child",
    "CLA": "child looked after", "PEP": "personal education plan", "EHCP": "education, health and care plan",
    "SEN": "special educational needs", "SEND": "special educational needs and disabilities",
    "IRO": "independent reviewing officer", "IFA": "independent fostering agency", "PR": "parental responsibility",
    "TAF": "team around the family", "MASH": "multi-agency safeguarding hub", "EDT": "emergency duty team",
    "ICPC": "initial child protection conference", "RCPC": "review child protection conference",
    "PLO": "public law outline", "SGO": "special guardianship order", "DV": "domestic violence",
    "DA": "domestic abuse", "CAMHS": "child and adolescent mental health services", "GP": "family doctor (GP)",
    "LADO": "local authority designated officer", "UASC": "unaccompanied asylum-seeking child",
    "CSE": "child sexual exploitation", "CCE": "child criminal exploitation", "NFA": "no further action",
    "S47": "section 47 enquiry (a child protection enquiry)", "S17": "section 17 (support for a child in need)",
}

PHRASES = {
    "non-compliant": "Say what the person did or did not do, and what they said about it.",
    "non-engagement": "Describe what was offered and what happened.",
    "manipulative": "Describe the behaviour you saw and its effect.",
    "attention seeking": "Describe what the child did and what they may have needed.",
    "aggressive": "Describe what was said and done.",
    "promiscuous": "Describe the risk or the facts without judgement.",
    "placement breakdown": "Say the child had to move and why.",
    "contact": "Say 'family time' or 'time with mum' where you mean time with family.",
    "absconded": "Say the child left or went missing, and where they went if known.",
    "respite": "Say 'short break' or 'time with another carer'.",
    "unkempt": "Describe what you saw: clothes, hygiene, the home.",
    "kicked off": "Describe what happened.",
}


def seed_lists(apps, schema_editor):
    GlossaryTerm = apps.get_model("records", "GlossaryTerm")
    PhraseToAvoid = apps.get_model("records", "PhraseToAvoid")
    for acronym, meaning in GLOSSARY.items():
        GlossaryTerm.objects.get_or_create(acronym=acronym, defaults={"meaning": meaning})
    for phrase, suggestion in PHRASES.items():
        PhraseToAvoid.objects.get_or_create(phrase=phrase, defaults={"suggestion": suggestion})


PG_RULES = """
CREATE OR REPLACE FUNCTION records_entry_permanent() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'entries are never deleted';
    END IF;
    IF OLD.is_late_entry AND (NOT NEW.is_late_entry OR NEW.late_entry_recorded_at IS DISTINCT FROM OLD.late_entry_recorded_at) THEN
        RAISE EXCEPTION 'the Late entry mark can never be removed or changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER records_entry_permanent BEFORE UPDATE OR DELETE ON records_entry
    FOR EACH ROW EXECUTE FUNCTION records_entry_permanent();
"""

SQLITE_RULES = [
    """CREATE TRIGGER records_entry_no_delete BEFORE DELETE ON records_entry
       BEGIN SELECT RAISE(ABORT, 'entries are never deleted'); END;""",
    """CREATE TRIGGER records_entry_late_mark BEFORE UPDATE ON records_entry
       WHEN OLD.is_late_entry AND (NOT NEW.is_late_entry OR NEW.late_entry_recorded_at IS NOT OLD.late_entry_recorded_at)
       BEGIN SELECT RAISE(ABORT, 'the Late entry mark can never be removed or changed'); END;""",
]


def add_rules(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_RULES, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_RULES:
            schema_editor.execute(statement, params=None)


def drop_rules(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_entry_permanent ON records_entry;", params=None)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS records_entry_no_delete;", params=None)
        schema_editor.execute("DROP TRIGGER IF EXISTS records_entry_late_mark;", params=None)


class Migration(migrations.Migration):
    dependencies = [("records", "0005_entries_for_recording")]

    operations = [
        migrations.RunPython(seed_lists, migrations.RunPython.noop),
        migrations.RunPython(add_rules, drop_rules),
    ]

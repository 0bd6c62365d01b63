"""§11: words to avoid that might give offence on the basis of race, religion, disability, sexuality or
gender, each with a better alternative. Added to existing databases too; a phrase already listed (an
administrator may have added it, or changed its suggestion) is left as it is, never duplicated."""

from django.db import migrations

# (group, phrase) -> what to write instead. The group is for the test and for reading; the list in
# admin holds only phrase and suggestion.
PHRASES = {
    ("race", "half-caste"): "Say 'mixed heritage' or 'dual heritage', or use the words the person uses about themselves.",
    ("race", "coloured"): "Name the person's ethnicity as they describe it, for example 'Black British' or 'mixed White and Asian'.",
    ("race", "ethnics"): "Say 'people from minority ethnic groups', or name the group.",
    ("race", "pikey"): "This is a term of abuse. Say 'Gypsy', 'Roma' or 'Irish Traveller', as the family describes themselves.",
    ("religion", "religious fanatic"): "Describe the beliefs and practices as the family describes them, and any effect on the child.",
    ("religion", "mohammedan"): "Say 'Muslim'.",
    ("religion", "cult"): "Name the faith group or organisation, and describe what happens and its effect on the child.",
    ("disability", "handicapped"): "Say 'disabled', or name the impairment and what help the child needs.",
    ("disability", "wheelchair-bound"): "Say 'uses a wheelchair'.",
    ("disability", "retarded"): "Say 'has a learning disability', and describe what the child can do and needs help with.",
    ("disability", "suffers from"): "Say 'has' (for example 'has epilepsy').",
    ("disability", "mentally ill"): "Name the condition if diagnosed, or describe what you saw; say 'has a mental health condition'.",
    ("disability", "crippled"): "Say 'disabled' or 'has a physical impairment', and describe what help is needed.",
    ("sexuality", "homosexual"): "Say 'gay', 'lesbian' or 'bisexual', as the person describes themselves.",
    ("sexuality", "sexual preference"): "Say 'sexual orientation'.",
    ("sexuality", "gay lifestyle"): "Describe the relationship or the facts; being gay is not a lifestyle.",
    ("gender", "sex change"): "Say 'transition' or 'gender reassignment', as the person describes it.",
    ("gender", "transsexual"): "Say 'trans' or 'transgender', and use the person's name and pronouns.",
    ("gender", "tranny"): "This is a term of abuse. Say 'trans' or 'transgender', and use the person's name and pronouns.",
    ("gender", "hysterical"): "Describe what the person said and did, and how they seemed.",
}


def add_phrases(apps, schema_editor):
    PhraseToAvoid = apps.get_model("records", "PhraseToAvoid")
    # Phrases are unique and the matcher ignores case: an existing phrase in any case is kept as it is.
    existing = {phrase.casefold() for phrase in PhraseToAvoid.objects.values_list("phrase", flat=True)}
    for (_group, phrase), suggestion in PHRASES.items():
        if phrase.casefold() not in existing:
            PhraseToAvoid.objects.create(phrase=phrase, suggestion=suggestion)


class Migration(migrations.Migration):
    dependencies = [("records", "0025_form_register")]

    operations = [migrations.RunPython(add_phrases, migrations.RunPython.noop)]

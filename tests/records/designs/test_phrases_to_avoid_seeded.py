"""§11: the seeded words-to-avoid list covers offence on the basis of race, religion, disability,
sexuality and gender, each with a better alternative; existing databases get them without duplicates."""

import importlib

import pytest
from django.apps import apps as django_apps

from records.designs.plain_english import find_phrases_to_avoid
from records.models import PhraseToAvoid

migration = importlib.import_module("records.migrations.0026_w7_phrases_to_avoid")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group", ["race", "religion", "disability", "sexuality", "gender"])
def test_each_group_has_seeded_phrases_with_an_alternative(group):
    phrases = [phrase for (g, phrase) in migration.PHRASES if g == group]
    assert len(phrases) >= 2
    seeded = dict(PhraseToAvoid.objects.filter(phrase__in=phrases).values_list("phrase", "suggestion"))
    assert set(seeded) == set(phrases)
    assert all(len(suggestion) > 10 for suggestion in seeded.values())


def test_seeded_phrases_are_found_while_writing():
    phrases = dict(PhraseToAvoid.objects.values_list("phrase", "suggestion"))
    found = dict(find_phrases_to_avoid("Dad is wheelchair-bound and his partner had a sex change.", phrases))
    assert set(found) == {"wheelchair-bound", "sex change"}
    assert found["wheelchair-bound"] == "Say 'uses a wheelchair'."


def test_running_again_on_an_existing_database_duplicates_nothing_and_keeps_local_edits():
    PhraseToAvoid.objects.filter(phrase="handicapped").delete()
    PhraseToAvoid.objects.create(phrase="Handicapped", suggestion="Our council's own wording.")
    PhraseToAvoid.objects.filter(phrase="homosexual").update(suggestion="Edited in admin.")
    before = PhraseToAvoid.objects.count()
    migration.add_phrases(django_apps, None)
    migration.add_phrases(django_apps, None)
    assert PhraseToAvoid.objects.count() == before
    assert PhraseToAvoid.objects.get(phrase="Handicapped").suggestion == "Our council's own wording."
    assert PhraseToAvoid.objects.get(phrase="homosexual").suggestion == "Edited in admin."


def test_a_database_missing_the_new_phrases_gets_them():
    PhraseToAvoid.objects.filter(phrase__in=[p for (_g, p) in migration.PHRASES]).delete()
    migration.add_phrases(django_apps, None)
    assert PhraseToAvoid.objects.filter(phrase__in=[p for (_g, p) in migration.PHRASES]).count() == len(migration.PHRASES)

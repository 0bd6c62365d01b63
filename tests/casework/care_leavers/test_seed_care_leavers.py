"""Issue 17: the demo's care leaver information and yearly outcomes are recorded through the services, only for the
children the return asks about, once."""

import pytest

from casework.care_leavers.models import CareLeaverContact, LookedAfterOutcomes
from casework.returns import codes
from records.management.commands._seed_care_leavers import seed_care_leavers
from tests.casework.care_leavers.builders import care_leavers

pytestmark = pytest.mark.django_db


def test_the_demo_seed_records_for_those_the_return_asks_about_once(care_team, care_manager, other_practitioner):
    found = care_leavers(care_team, care_manager, other_practitioner)
    assert seed_care_leavers(other_practitioner) == 4
    last_year = codes.collection_year() - 1
    assert list(LookedAfterOutcomes.objects.values_list("child", "year")) == [(found["in_care"].pk, last_year)]
    assert sorted(CareLeaverContact.objects.values_list("child", "birthday")) == sorted(
        [(found["nineteen"].pk, 18), (found["nineteen"].pk, 19), (found["seventeen"].pk, 17)])
    assert seed_care_leavers(other_practitioner) == 0  # run again: nothing more

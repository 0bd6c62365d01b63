"""Issue 17: the demo's care leaver information, pathway plan reviews and yearly outcomes are recorded through the
services, only for the children the return (or Ofsted's Annex A) asks about, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.care_leavers.models import CareLeaverContact, LookedAfterOutcomes, PathwayPlanReview
from casework.care_leavers.selectors import birthday
from casework.returns import codes
from records.management.commands._seed_care_leavers import seed_care_leavers
from tests.casework.care_leavers.builders import care_leavers

pytestmark = pytest.mark.django_db


def test_the_demo_seed_records_for_those_the_return_asks_about_once(care_team, care_manager, other_practitioner):
    found = care_leavers(care_team, care_manager, other_practitioner)
    assert seed_care_leavers(other_practitioner) == 6
    last_year = codes.collection_year() - 1
    assert list(LookedAfterOutcomes.objects.values_list("child", "year")) == [(found["in_care"].pk, last_year)]
    assert sorted(CareLeaverContact.objects.values_list("child", "birthday")) == sorted(
        [(found["nineteen"].pk, 18), (found["nineteen"].pk, 19), (found["seventeen"].pk, 17)])
    reviewed_on = timezone.localdate() - timedelta(days=30)  # a month ago: 17, or 18 already late in the year
    seventeen = found["seventeen"]
    grown = "former_relevant" if birthday(seventeen.date_of_birth, 18) <= reviewed_on else "relevant"
    assert sorted(PathwayPlanReview.objects.values_list("child", "reviewed_on", "eligibility", "personal_adviser")) == \
        sorted([(found["nineteen"].pk, reviewed_on, "former_relevant", other_practitioner.pk),
                (seventeen.pk, reviewed_on, grown, other_practitioner.pk)])
    assert seed_care_leavers(other_practitioner) == 0  # run again: nothing more

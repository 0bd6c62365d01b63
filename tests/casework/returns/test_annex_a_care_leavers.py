"""Issue 17: Ofsted's Annex A list 9 (care leavers) from what is recorded in the work with them: the personal adviser,
leaving care category and date of the latest pathway plan review (casework.care_leavers), the latest contact with the
young person (the records app's visits and contacts, handed over as casework.returns.annex_a_contacts; a restricted
one withheld, §7), and whether the accommodation was suitable (the last character of its DfE code)."""

from datetime import datetime, time, timedelta

import pytest

from casework.care_leavers import services
from casework.care_leavers.selectors import birthday
from casework.returns import annex_a_contacts
from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import WITHHELD
from records.calendar.working_days import LONDON
from tests.casework.care_leavers.builders import born_for, care_leavers, left_care, record_them
from tests.casework.returns.test_annex_a import rows_of, sheets
from tests.casework.returns.test_annex_a_visits import restrict
from tests.casework.returns.test_ssda903 import looked_after_child
from tests.factories import CompletedEntryFactory
from tests.records.statutory_visits.visit_builders import visit_on

pytestmark = pytest.mark.django_db

ADVISER, CATEGORY, REVIEWED = "Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date"
CONTACT, SUITABLE = "Latest Date of Contact", "Suitability of Accommodation"


@pytest.fixture
def found(care_team, care_manager, other_practitioner):
    found = care_leavers(care_team, care_manager, other_practitioner)
    record_them(found, other_practitioner)  # 19 at s+60, in touch, U1; 17 at s+30, not in touch
    return found


def row(found, child, today=None):
    book = sheets(build_annex_a(year=found["year"], la_number="822", today=today))
    [only] = rows_of(book, "care_leavers", child)
    return only


def contact_on(child, by, day, kind="contact_phone", **fields):
    return CompletedEntryFactory(child=child, recorded_by=by, kind=kind,
                                 event_at=datetime.combine(day, time(15), tzinfo=LONDON), **fields)


def test_suitability_is_read_from_the_accommodation_code(found, other_practitioner):
    nineteen = found["nineteen"]
    assert (row(found, nineteen)["Type of Accommodation"], row(found, nineteen)[SUITABLE]) == ("U1", "Suitable")
    services.record_care_leaver_contact(child=nineteen, by=other_practitioner, birthday=19, in_touch="YES",
                                        activity="G5", accommodation="S2")
    assert (row(found, nineteen)["Type of Accommodation"], row(found, nineteen)[SUITABLE]) == ("S2", "Unsuitable")
    assert row(found, found["seventeen"])[SUITABLE] is None  # not in touch: no accommodation recorded


def test_the_latest_pathway_plan_review_gives_the_adviser_category_and_date(found, other_practitioner,
                                                                            care_manager):
    s, nineteen = found["s"], found["nineteen"]
    assert [row(found, nineteen)[name] for name in (ADVISER, CATEGORY, REVIEWED)] == [None, None, None]
    services.record_pathway_plan_review(child=nineteen, by=other_practitioner, reviewed_on=s + timedelta(days=10),
                                        eligibility="former_relevant", personal_adviser=other_practitioner)
    services.record_pathway_plan_review(child=nineteen, by=other_practitioner, reviewed_on=s + timedelta(days=70),
                                        eligibility="former_relevant", personal_adviser=care_manager)
    assert [row(found, nineteen)[name] for name in (ADVISER, CATEGORY, REVIEWED)] == [
        care_manager.get_full_name(), "Former relevant child", s + timedelta(days=70)]
    # As at a day before the second review, the first is the latest.
    assert [row(found, nineteen, today=s + timedelta(days=65))[name] for name in (ADVISER, REVIEWED)] == [
        other_practitioner.get_full_name(), s + timedelta(days=10)]
    services.record_pathway_plan_review(child=nineteen, by=other_practitioner, reviewed_on=s + timedelta(days=80),
                                        eligibility="former_relevant")
    assert [row(found, nineteen)[name] for name in (ADVISER, REVIEWED)] == [None, s + timedelta(days=80)]


def test_a_relevant_child_who_has_turned_18_since_the_review_is_former_relevant(found, care_team, care_manager,
                                                                               other_practitioner):
    s, by = found["s"], other_practitioner
    born = born_for(s + timedelta(days=60), 18)
    child = looked_after_child(care_team, care_manager, by, number=36, first_name="Eighteen", born=born)
    left_care(child, by, since=birthday(born, 14) + timedelta(days=10), until=birthday(born, 16) + timedelta(days=100))
    for years in (17, 18):
        services.record_care_leaver_contact(child=child, by=by, birthday=years, in_touch="NO")
    services.record_pathway_plan_review(child=child, by=by, reviewed_on=s + timedelta(days=10), eligibility="relevant")
    assert row(found, child, today=s + timedelta(days=59))[CATEGORY] == "Relevant child"  # 17 still
    assert row(found, child, today=s + timedelta(days=60))[CATEGORY] == "Former relevant child"  # 18 that day
    assert row(found, child)[CATEGORY] == "Former relevant child"


def test_the_latest_contact_with_the_young_person_is_read_from_the_record(found, other_practitioner, care_manager):
    s, nineteen, by = found["s"], found["nineteen"], other_practitioner
    assert row(found, nineteen)[CONTACT] is None  # none yet
    contact_on(nineteen, by, s + timedelta(days=20))  # a phone call
    visit_on(nineteen, by, s + timedelta(days=40))
    visit_on(nineteen, by, s + timedelta(days=50), seen=False)  # not seen: not a contact with them
    contact_on(nineteen, by, s + timedelta(days=55), kind="contact_professional")  # not with them
    contact_on(nineteen, by, s + timedelta(days=56), kind="contact_other")  # not said who with
    visit_on(nineteen, by, s + timedelta(days=57), status="planned")  # not yet made
    assert row(found, nineteen)[CONTACT] == s + timedelta(days=40)
    assert row(found, nineteen, today=s + timedelta(days=65))[CONTACT] == s + timedelta(days=40)
    email = contact_on(nineteen, by, s + timedelta(days=58), kind="contact_email")
    assert row(found, nineteen)[CONTACT] == s + timedelta(days=58)
    restrict(email, care_manager)
    assert row(found, nineteen)[CONTACT] == WITHHELD  # §7: the latest contact's date is withheld
    assert row(found, found["seventeen"])[CONTACT] is None


def test_without_the_records_apps_reader_the_contact_cell_stays_empty(found, other_practitioner, monkeypatch):
    contact_on(found["nineteen"], other_practitioner, found["s"] + timedelta(days=20))
    monkeypatch.setattr(annex_a_contacts.reader, "given", None)
    assert row(found, found["nineteen"])[CONTACT] is None

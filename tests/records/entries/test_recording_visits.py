"""Recording a visit (§5.2, §9): plan -> basic details -> write-up -> complete and sign; failed visits.

The builders at the top are shared by the other test_recording_* and test_entry_* modules.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import dateformat, timezone

from records.designs import services as designs
from records.entries import services
from records.models import DraftAutosave, Entry, RecordKind
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, error_summary, parse, texts

LONDON = ZoneInfo("Europe/London")

# An answer to each required question of the approved first visit design (records 0002).
VISIT_ANSWERS = {
    "purpose": "Review progress against the child in need plan.",
    "information_exchanged": "Gave mother the leaflet about the family hub.",
    "discussion": "Mother said the new school routine is working.",
    "child_views": "Amara said she likes her new teacher.",
    "parent_carer_views": "Mother is pleased with the support.",
    "change_of_circumstances": "None: the household is the same.",
    "analysis": "Home conditions have improved since the last visit.",
}


# --- Builders ---------------------------------------------------------------------------------

def page_url(child, name, entry=None) -> str:
    return reverse(f"records:{name}", args=[child.local_id] + ([entry.pk] if entry is not None else []))


def date_fields(prefix: str, day) -> dict:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def when_fields(moment: datetime) -> dict:
    """The date and time inputs of the start and basic details pages, for a moment in London."""
    local = timezone.localtime(moment)
    return {**date_fields("event_date", local.date()), "event_time": f"{local:%H:%M}"}


def an_hour_ago() -> datetime:
    """A past moment the date and time inputs can express exactly (whole minutes)."""
    return timezone.localtime(timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)


def tomorrow_at(hour: int = 14, minute: int = 30) -> datetime:
    return datetime.combine(timezone.localdate() + timedelta(days=1), time(hour, minute), tzinfo=LONDON)


def row(entry) -> dict:
    """Every column of the entry as the database holds it, to compare before and after a refused change."""
    return Entry.objects.filter(pk=entry.pk).values().get()


def write_up(answers=None, **authorship) -> services.WriteUp:
    fields = {"information_source": Entry.InformationSource.FIRST_HAND, "third_party_source": "", "originator": None,
              "interpreter_used": "no", "household_changed": False, "significant": False, **authorship}
    return services.WriteUp(answers=dict(VISIT_ANSWERS if answers is None else answers), **fields)


def autosave_version(entry) -> int:
    return DraftAutosave.objects.get(entry=entry).version


def planned_visit(child, by, *, event_at=None) -> Entry:
    return services.plan_visit(child=child, by=by, event_at=event_at or an_hour_ago(), purpose="See Amara at home")


def visit_with_basic_details(child, by, *, event_at=None) -> Entry:
    entry = planned_visit(child, by, event_at=event_at)
    return services.record_basic_details(
        entry=entry, by=by, event_at=entry.event_at, who_was_seen="Amara and her mother", child_seen=True,
        reason_child_not_seen="", child_seen_alone=True, venue="Family home", others_present="",
    )


def completed_visit(child, by, *, event_at=None, answers=None, **authorship) -> Entry:
    entry = visit_with_basic_details(child, by, event_at=event_at)
    return services.complete_entry(entry=entry, by=by, write_up=write_up(answers, **authorship), expected_version=None)


def write_up_fields(entry, answers=None, *, action: str, **overrides) -> dict:
    """A POST of the write-up page, with the autosave version the page would carry."""
    return {
        "autosave_version": str(autosave_version(entry)), "action": action,
        "information_source": Entry.InformationSource.FIRST_HAND, "third_party_source": "", "originator": "",
        "household_changed": "False", "interpreter_used": "no",  # §5.2: required on a visit's write-up when completing
        **(VISIT_ANSWERS if answers is None else answers), **overrides,
    }


def complete_and_sign(client, child, entry, fields: dict):
    """"Complete and sign" on the write-up (which saves the draft and opens the check-your-answers page),
    then "Sign the entry" there (§9): the response of the signature."""
    checked = client.post(page_url(child, "write_up", entry), {**fields, "action": "complete"})
    assert checked.status_code == 302 and checked.url == page_url(child, "check_and_sign", entry), checked
    return client.post(checked.url, {"autosave_version": str(autosave_version(entry))})


def basic_details_fields(moment=None, **overrides) -> dict:
    return {
        **when_fields(moment or an_hour_ago()), "who_was_seen": "Amara and her mother", "child_seen": "True",
        "reason_child_not_seen": "", "child_seen_alone": "True", "venue": "Family home",
        "others_present": "Mother's partner", **overrides,
    }


def signature_text(entry) -> str:
    return f"{entry.signed_name}, {entry.signed_post_title}, " + dateformat.format(
        timezone.localtime(entry.completed_at), "j F Y, H:i")


def element_by_id(response, element_id):
    return next(el for el in parse(response.content).iter() if el.attrs.get("id") == element_id)


# --- Planning --------------------------------------------------------------------------------

def test_planning_a_visit_records_its_date_time_and_purpose(child, practitioner):
    when = tomorrow_at(14, 30)

    response = client_for(practitioner).post(page_url(child, "visit_new"), {
        **when_fields(when), "planned_purpose": "Meet Amara after school",
    })

    entry = Entry.objects.get(child=child)
    assert response.status_code == 302
    assert response.url == page_url(child, "entry_detail", entry)
    assert (entry.kind, entry.status) == (RecordKind.VISIT, Entry.Status.PLANNED)
    assert entry.event_at == when
    assert entry.planned_purpose == "Meet Amara after school"
    assert entry.form_design == designs.approved_design_for(RecordKind.VISIT)
    assert entry.recorded_by == practitioner


def test_planned_visit_page_offers_the_basic_details(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=tomorrow_at())

    response = client_for(practitioner).get(page_url(child, "entry_detail", entry))

    tags = texts(response, "govuk-tag")
    assert "Planned" in tags and "Completed" not in tags  # (the banner may tag a statutory visit overdue)
    assert "Record basic details" in texts(response, "govuk-button")
    assert "See Amara at home" in texts(response, "govuk-summary-list__value")


def test_plan_needs_date_time_and_purpose(child, practitioner):
    response = client_for(practitioner).post(page_url(child, "visit_new"), {
        "event_date_0": "", "event_date_1": "", "event_date_2": "", "event_time": "", "planned_purpose": "",
    })

    assert response.status_code == 200
    assert_form_error(response, "Enter the date as a day, month and year")
    assert_form_error(response, "Enter the time as hours and minutes, for example 14:30")
    assert_form_error(response, "Enter the purpose of the visit")
    assert not Entry.objects.exists()


# --- Basic details (§5.2) ----------------------------------------------------------------------

def test_basic_details_are_recorded_and_lead_to_the_write_up(child, practitioner):
    entry = planned_visit(child, practitioner)
    when = an_hour_ago()

    response = client_for(practitioner).post(page_url(child, "basic_details", entry), basic_details_fields(when))

    assert response.status_code == 302
    assert response.url == page_url(child, "write_up", entry)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.BASIC
    assert entry.event_at == when
    assert (entry.who_was_seen, entry.venue, entry.others_present) == ("Amara and her mother", "Family home",
                                                                         "Mother's partner")
    assert (entry.child_seen, entry.child_seen_alone) == (True, True)
    assert entry.visit_outcome == Entry.VisitOutcome.TOOK_PLACE
    assert entry.basic_details_recorded_at is not None


def test_child_not_seen_is_recorded_with_the_reason(child, practitioner):
    entry = planned_visit(child, practitioner)

    client_for(practitioner).post(page_url(child, "basic_details", entry), basic_details_fields(
        child_seen="False", reason_child_not_seen="Amara was at her grandmother's", child_seen_alone=""))

    entry.refresh_from_db()
    assert (entry.child_seen, entry.reason_child_not_seen, entry.child_seen_alone) == (
        False, "Amara was at her grandmother's", None)


def test_child_not_seen_without_a_reason_is_refused_and_nothing_saved(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry), basic_details_fields(
        child_seen="False", reason_child_not_seen="  ", child_seen_alone=""))

    assert response.status_code == 200
    assert_form_error(response, "Enter why the child was not seen")
    assert row(entry) == before


def test_child_seen_without_saying_whether_alone_is_refused_and_nothing_saved(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(child_seen_alone=""))

    assert response.status_code == 200
    assert_form_error(response, "Select yes if the child was seen alone")
    assert row(entry) == before


def test_basic_details_need_who_was_seen_and_where(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(who_was_seen="", venue="", child_seen=""))

    assert_form_error(response, "Enter who was seen")
    assert_form_error(response, "Enter where the visit took place")
    assert_form_error(response, "Select yes if the child was seen")
    assert row(entry) == before


def test_visit_in_the_future_cannot_have_basic_details(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=tomorrow_at())
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(tomorrow_at()))

    assert response.status_code == 200
    assert_form_error(response, "A visit that took place cannot be in the future")
    assert row(entry) == before


def test_basic_details_service_refuses_a_visit_in_the_future(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=tomorrow_at())
    before = row(entry)

    with pytest.raises(ValidationError, match="A visit that took place cannot be in the future"):
        services.record_basic_details(entry=entry, by=practitioner, event_at=tomorrow_at(), who_was_seen="Amara",
                                      child_seen=True, reason_child_not_seen="", child_seen_alone=True,
                                      venue="Home", others_present="")
    assert row(entry) == before


def test_basic_details_service_refuses_child_not_seen_without_a_reason(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Enter why the child was not seen"):
        services.record_basic_details(entry=entry, by=practitioner, event_at=entry.event_at, who_was_seen="Mother",
                                      child_seen=False, reason_child_not_seen=" ", child_seen_alone=None,
                                      venue="Home", others_present="")
    assert row(entry) == before


def test_basic_details_service_refuses_child_seen_without_saying_whether_alone(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="seen alone"):
        services.record_basic_details(entry=entry, by=practitioner, event_at=entry.event_at, who_was_seen="Amara",
                                      child_seen=True, reason_child_not_seen="", child_seen_alone=None,
                                      venue="Home", others_present="")
    assert row(entry) == before


# --- Write-up and sign-off (§9) -----------------------------------------------------------------

def test_saving_the_write_up_as_a_draft_keeps_the_answers_unsigned(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, {"purpose": "Review the plan"}, action="save"))

    assert response.status_code == 302
    assert response.url == page_url(child, "write_up", entry)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
    assert entry.answers == {"purpose": "Review the plan"}
    assert (entry.completed_at, entry.completed_by, entry.signed_name) == (None, None, "")


def test_completing_signs_with_name_post_title_date_and_time(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)
    started = timezone.now()

    response = complete_and_sign(client_for(practitioner), child, entry, write_up_fields(entry, action="complete"))

    assert response.status_code == 302
    assert response.url == page_url(child, "entry_detail", entry)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.COMPLETED
    assert entry.answers == VISIT_ANSWERS
    assert entry.completed_by == practitioner
    assert (entry.signed_name, entry.signed_post_title) == ("Priya Shah", "Social Worker")
    assert started <= entry.completed_at <= timezone.now()


def test_completed_entry_page_shows_the_signature(child, practitioner):
    entry = completed_visit(child, practitioner)

    response = client_for(practitioner).get(page_url(child, "entry_detail", entry))

    assert element_by_id(response, "signature").text() == signature_text(entry)
    assert signature_text(entry).startswith("Priya Shah, Social Worker, ")
    assert texts(response, "govuk-tag") == ["Completed"]


def test_visit_goes_from_plan_to_signed_record_through_the_services(child, practitioner):
    entry = planned_visit(child, practitioner)
    statuses = [entry.status]
    entry = services.record_basic_details(
        entry=entry, by=practitioner, event_at=entry.event_at, who_was_seen="Amara", child_seen=True,
        reason_child_not_seen="", child_seen_alone=False, venue="School", others_present="Teacher")
    statuses.append(entry.status)
    entry = services.save_draft(entry=entry, by=practitioner, write_up=write_up({"purpose": "Plan review"}),
                                expected_version=autosave_version(entry))
    statuses.append(entry.status)
    entry = services.complete_entry(entry=entry, by=practitioner, write_up=write_up(),
                                    expected_version=autosave_version(entry))
    statuses.append(entry.status)

    assert statuses == ["planned", "basic", "draft", "completed"]
    assert Entry.objects.get(pk=entry.pk).signed_name == "Priya Shah"


def test_visit_cannot_be_completed_before_its_basic_details(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Record the basic details of the visit before completing it"):
        services.complete_entry(entry=entry, by=practitioner, write_up=write_up(), expected_version=None)
    assert row(entry) == before


def test_visit_in_the_future_cannot_be_completed(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=tomorrow_at())
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, action="complete"))

    assert response.status_code == 200
    assert "This entry is dated in the future. Change the date before completing it." in error_summary(response)
    assert row(entry) == before


def test_only_the_author_may_complete_the_draft(child, practitioner, colleague):
    entry = visit_with_basic_details(child, practitioner)
    before = row(entry)

    with pytest.raises(PermissionDenied, match="Only the person recording this entry"):
        services.complete_entry(entry=entry, by=colleague, write_up=write_up(), expected_version=None)
    response = client_for(colleague).post(page_url(child, "write_up", entry), write_up_fields(entry, action="complete"))

    assert response.status_code == 404
    assert row(entry) == before


# --- Failed appointments and no response (§5.2) ------------------------------------------------

@pytest.mark.parametrize("outcome, shown", [
    (Entry.VisitOutcome.FAILED_APPOINTMENT, "Failed appointment"),
    (Entry.VisitOutcome.NO_RESPONSE, "No response at the door"),
])
def test_failed_visit_is_recorded_with_the_actions_taken_and_signed(child, practitioner, outcome, shown):
    entry = planned_visit(child, practitioner)
    client = client_for(practitioner)

    response = client.post(page_url(child, "failed_visit", entry), {
        "visit_outcome": outcome, "failed_visit_actions": "Card left. Manager told. New visit booked for Friday.",
    })

    assert response.status_code == 302
    assert response.url == page_url(child, "entry_detail", entry)
    entry.refresh_from_db()
    assert (entry.status, entry.visit_outcome, entry.child_seen) == (Entry.Status.COMPLETED, outcome, False)
    assert entry.failed_visit_actions == "Card left. Manager told. New visit booked for Friday."
    assert (entry.completed_by, entry.signed_name) == (practitioner, "Priya Shah")
    page = client.get(response.url)
    values = texts(page, "govuk-summary-list__value")
    assert shown in values
    assert "Card left. Manager told. New visit booked for Friday." in values
    assert element_by_id(page, "signature").text() == signature_text(entry)


def test_failed_visit_needs_what_happened_and_the_actions(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "failed_visit", entry),
                                             {"visit_outcome": "", "failed_visit_actions": " "})

    assert response.status_code == 200
    assert_form_error(response, "Select what happened")
    assert_form_error(response, "Enter the actions taken after the failed visit")
    assert row(entry) == before


def test_visit_in_the_future_cannot_be_recorded_as_failed(child, practitioner):
    entry = planned_visit(child, practitioner, event_at=tomorrow_at())
    before = row(entry)

    response = client_for(practitioner).post(page_url(child, "failed_visit", entry), {
        "visit_outcome": Entry.VisitOutcome.NO_RESPONSE, "failed_visit_actions": "Card left.",
    })

    assert response.status_code == 200
    assert "A visit that has not happened yet cannot be recorded as failed." in error_summary(response)
    assert row(entry) == before


def test_failed_visit_service_needs_the_actions(child, practitioner):
    entry = planned_visit(child, practitioner)
    before = row(entry)

    with pytest.raises(ValidationError, match="Enter the actions taken after the failed visit"):
        services.record_failed_visit(entry=entry, by=practitioner, visit_outcome=Entry.VisitOutcome.NO_RESPONSE,
                                     actions="   ")
    assert row(entry) == before

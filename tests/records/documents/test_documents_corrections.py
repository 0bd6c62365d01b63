"""§12, §4, §9: an order, a report to court, education and health details are corrected with a reason, the earlier
version kept in the history, who corrected it shown, and "Late update" when corrected late."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from records.documents.models import CourtOrder, CourtReport, EducationRecord, HealthRecord
from records.documents.services import add_section_record, correct_section_record
from tests.conftest import client_for
from tests.govuk_html import error_summary
from tests.records.documents.document_builders import restricted_document

pytestmark = pytest.mark.django_db


def _date(prefix, day: date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _order(child, by, made_on):
    return add_section_record(section="court_order", child=child, by=by, order_type="interim_care",
                              court="Family Court at Luton", made_on=made_on)


def _correct_url(child, section, record):
    return reverse("records:section_correct", args=[child.local_id, section, record.pk])


def test_an_order_is_corrected_on_its_page_with_the_reason_kept_in_the_history(child, practitioner, manager):
    today = timezone.localdate()
    order = _order(child, practitioner, today)
    page = client_for(manager).get(_correct_url(child, "court_order", order)).content.decode()
    assert "Family Court at Luton" in page  # the form starts from what was recorded

    response = client_for(manager).post(_correct_url(child, "court_order", order), {
        "order_type": "interim_care", "court": "Family Court at Bedford", **_date("made_on", today),
        "correction_reason": "Wrong court typed"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.court == "Family Court at Bedford" and order.recorded_by == practitioner
    assert order.updated_name == manager.get_full_name() and order.late_update_recorded_at is None
    latest = order.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Corrected: Wrong court typed"
    assert order.history.order_by("history_id").first().court == "Family Court at Luton"
    assert AuditEvent.objects.filter(child=child, action=AuditAction.CORRECTED_BASIC_RECORD,
                                     detail=f"court_order {order.pk}").exists()
    record_page = client_for(practitioner).get(reverse("casework:child_orders", args=[child.local_id])).content.decode()
    assert f"Corrected or updated by {manager.get_full_name()}" in record_page
    assert _correct_url(child, "court_order", order) in record_page


def test_a_correction_made_more_than_two_working_days_after_what_it_records_is_a_late_update(child, practitioner):
    order = _order(child, practitioner, timezone.localdate() - timedelta(days=10))
    corrected = correct_section_record(section="court_order", record=order, child=child, by=practitioner,
                                       reason="Court name", court="Family Court at Bedford")
    assert corrected.late_update_recorded_at is not None
    record_page = client_for(practitioner).get(reverse("casework:child_orders", args=[child.local_id])).content.decode()
    assert "Late update" in record_page


@pytest.mark.parametrize("section, fields, change", [
    ("court_report", {"kind": "local_authority", "author": "A Worker", "court": "Luton", "report_date": None},
     {"author": "B Worker, social worker"}),
    ("education", {"school": "Park School", "event_date": None, "sen_status": "none"}, {"school": "Hill School"}),
    ("health", {"kind": "health_plan", "carried_out_on": None, "carried_out_by": "GP"}, {"carried_out_by": "School nurse"}),
])
def test_reports_education_and_health_are_corrected_too(child, practitioner, section, fields, change):
    today = timezone.localdate()
    record = add_section_record(section=section, child=child, by=practitioner,
                                **{name: today if value is None else value for name, value in fields.items()})
    correct_section_record(section=section, record=record, child=child, by=practitioner, reason="Typed wrongly",
                           **change)
    model = {"court_report": CourtReport, "education": EducationRecord, "health": HealthRecord}[section]
    saved = model.objects.values(*change).get(pk=record.pk)
    assert saved == change


def test_a_wrong_correction_gets_a_specific_error_and_nothing_is_saved(child, practitioner):
    order = _order(child, practitioner, timezone.localdate() - timedelta(days=5))
    refused = [
        ({"reason": " ", "court": "Bedford"}, "Enter why you are correcting this"),
        ({"reason": "x", "court": "Family Court at Luton"}, "Nothing has changed"),
        ({"reason": "x", "made_on": timezone.localdate() + timedelta(days=2)}, "cannot be in the future"),
    ]
    for fields, message in refused:
        with pytest.raises(ValidationError, match=message):
            correct_section_record(section="court_order", record=order, child=child, by=practitioner, **fields)
    assert CourtOrder.objects.values("court", "made_on", "updated_at").get() == {
        "court": "Family Court at Luton", "made_on": order.made_on, "updated_at": None}
    assert order.history.count() == 1

    response = client_for(practitioner).post(_correct_url(child, "court_order", order), {
        "order_type": "interim_care", "court": "Family Court at Bedford", **_date("made_on", order.made_on)})
    assert "Enter why you are correcting this" in error_summary(response)


def test_another_childs_record_or_an_unknown_section_is_a_404(child, other_child, practitioner, other_practitioner):
    theirs = _order(other_child, other_practitioner, timezone.localdate())
    mine = _order(child, practitioner, timezone.localdate())
    client = client_for(practitioner)
    assert client.get(_correct_url(child, "court_order", theirs)).status_code == 404
    assert client.get(reverse("records:section_correct", args=[child.local_id, "passport", mine.pk])).status_code == 404
    with pytest.raises(ValidationError, match="this child's record"):
        correct_section_record(section="court_order", record=theirs, child=child, by=practitioner, reason="x",
                               court="Elsewhere")


def test_a_copy_the_corrector_may_not_see_is_neither_named_nor_lost(child, practitioner, colleague, manager):
    """§7: a report whose copy is restricted, corrected by someone who may not see restricted information: the
    form does not offer or name the copy, and the correction keeps it."""
    from casework.children.selectors import may_see_restricted

    copy = restricted_document(child, manager, manager, "MARKER-COPY")
    report = CourtReport.objects.get(document=copy)
    assert not may_see_restricted(colleague, child)
    client = client_for(colleague)
    page = client.get(_correct_url(child, "court_report", report)).content.decode()
    assert "MARKER-COPY" not in page

    response = client.post(_correct_url(child, "court_report", report), {
        "kind": report.kind, "author": "Sam Idowu, Children's Guardian", "court": report.court,
        **_date("report_date", report.report_date), "correction_reason": "Author's name"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.author == "Sam Idowu, Children's Guardian" and report.document == copy

"""The basic record's sections that point at documents (§5.1), and material that belongs to the child (§5.4)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from records.documents.models import CourtOrder, CourtReport, EducationRecord, HealthRecord
from records.documents.services import add_section_record, record_return, restrict_document
from tests.conftest import client_for
from tests.govuk_html import error_summary
from tests.records.documents.document_builders import make_document


def _record_page(user, child) -> str:
    """The basic record's orders, reports to court, education and health: their own tab since issue 16."""
    return client_for(user).get(reverse("casework:child_orders", args=[child.local_id])).content.decode()


def _date(prefix, day: date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


# --- Orders ------------------------------------------------------------------------------------

def test_an_order_is_recorded_with_its_copy_and_shown_on_the_basic_record(child, practitioner, colleague):
    copy = make_document(child, practitioner, title="Interim care order, sealed")
    response = client_for(practitioner).post(reverse("records:court_order_add", args=[child.local_id]), {
        "order_type": "interim_care", "court": "Family Court at Luton", **_date("made_on", date(2026, 2, 3)),
        **_date("ends_on", date(2026, 8, 3)), "document": copy.pk})

    assert response.status_code == 302
    order = CourtOrder.objects.get()
    assert (order.order_type, order.court, order.made_on, order.ends_on, order.document) == (
        "interim_care", "Family Court at Luton", date(2026, 2, 3), date(2026, 8, 3), copy)
    assert order.recorded_by == practitioner
    assert AuditEvent.objects.filter(child=child, action=AuditAction.RECORDED_COURT_ORDER).exists()
    body = _record_page(colleague, child)
    assert "Interim care order" in body and "Family Court at Luton" in body and "3 Feb 2026" in body
    assert reverse("records:document_detail", args=[child.local_id, copy.pk]) in body


def test_an_order_that_ends_before_it_was_made_is_refused(child, practitioner):
    response = client_for(practitioner).post(reverse("records:court_order_add", args=[child.local_id]), {
        "order_type": "care", "court": "Family Court", **_date("made_on", date(2026, 2, 3)),
        **_date("ends_on", date(2026, 1, 3))})
    assert "The end date must be the same as or after the date the order was made" in error_summary(response)
    assert not CourtOrder.objects.exists()


def test_an_order_without_type_or_court_names_each_missing_answer(child, practitioner):
    response = client_for(practitioner).post(reverse("records:court_order_add", args=[child.local_id]), {"court": ""})
    errors = error_summary(response)
    assert "Select the type of order" in errors and "Enter the court that made the order" in errors
    assert not CourtOrder.objects.exists()


def test_a_section_cannot_point_at_another_childs_document(child, other_child, practitioner, other_practitioner):
    theirs = make_document(other_child, other_practitioner)
    response = client_for(practitioner).post(reverse("records:court_order_add", args=[child.local_id]), {
        "order_type": "care", "court": "Family Court", **_date("made_on", date(2026, 2, 3)), "document": theirs.pk})
    assert response.status_code == 200  # not among the choices
    assert not CourtOrder.objects.exists()
    with pytest.raises(ValidationError):
        add_section_record(section="court_order", child=child, by=practitioner, document=theirs, order_type="care",
                           court="Family Court", made_on=date(2026, 2, 3))


# --- Reports to court ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind, shown", [
    ("specialist_assessment", "Specialist assessment"),
    ("childrens_guardian", "Children's Guardian's report"),
])
def test_reports_to_court_record_kind_author_court_and_date(child, practitioner, kind, shown):
    copy = make_document(child, practitioner, title="Report", category="guardian_report")
    response = client_for(practitioner).post(reverse("records:court_report_add", args=[child.local_id]), {
        "kind": kind, "author": "Dr Ruth Adeyemi, consultant psychologist", "court": "Family Court at Luton",
        **_date("report_date", date(2026, 3, 1)), "document": copy.pk})
    assert response.status_code == 302
    report = CourtReport.objects.get()
    assert (report.kind, report.author, report.report_date, report.document) == (
        kind, "Dr Ruth Adeyemi, consultant psychologist", date(2026, 3, 1), copy)
    body = _record_page(practitioner, child)
    assert shown.replace("'", "&#x27;") in body and "Dr Ruth Adeyemi" in body


# --- Education -----------------------------------------------------------------------------------

def test_education_records_school_pep_sen_status_and_ehcp_dates(child, practitioner):
    plan = make_document(child, practitioner, title="EHCP 2026", category="ehcp")
    response = client_for(practitioner).post(reverse("records:education_add", args=[child.local_id]), {
        "school": "Priory Primary School", **_date("event_date", date(2026, 1, 20)), **_date("pep_date", date(2026, 1, 20)),
        **_date("pep_review_due", date(2026, 7, 20)), "sen_status": "ehcp",
        **_date("ehcp_issued_on", date(2025, 11, 1)), **_date("ehcp_review_due", date(2026, 11, 1)),
        "document": plan.pk})
    assert response.status_code == 302
    row = EducationRecord.objects.get()
    assert (row.school, row.pep_date, row.sen_status, row.ehcp_issued_on, row.ehcp_review_due) == (
        "Priory Primary School", date(2026, 1, 20), "ehcp", date(2025, 11, 1), date(2026, 11, 1))
    body = _record_page(practitioner, child)
    assert "Priory Primary School" in body and "Has an Education, Health and Care Plan" in body
    assert "Issued 1 Nov 2025" in body and "EHCP 2026" in body


def test_ehcp_dates_without_an_ehcp_status_are_refused(child, practitioner):
    response = client_for(practitioner).post(reverse("records:education_add", args=[child.local_id]), {
        "school": "Priory Primary School", "sen_status": "sen_support", **_date("ehcp_issued_on", date(2025, 11, 1))})
    assert any("select that the child has an Education, Health and Care Plan" in e for e in error_summary(response))
    assert not EducationRecord.objects.exists()


# --- Health --------------------------------------------------------------------------------------

def test_health_records_the_plan_or_assessment_its_date_and_by_whom(child, practitioner):
    response = client_for(practitioner).post(reverse("records:health_add", args=[child.local_id]), {
        "kind": "review_assessment", **_date("carried_out_on", date(2026, 2, 10)),
        "carried_out_by": "Sam Idowu, looked-after children's nurse", **_date("next_due", date(2026, 8, 10))})
    assert response.status_code == 302
    row = HealthRecord.objects.get()
    assert (row.kind, row.carried_out_on, row.carried_out_by, row.next_due, row.document) == (
        "review_assessment", date(2026, 2, 10), "Sam Idowu, looked-after children's nurse", date(2026, 8, 10), None)
    body = _record_page(practitioner, child)
    assert "Review health assessment (looked-after child)" in body and "Sam Idowu" in body and "No copy" in body


def test_a_dental_check_is_recorded_on_the_health_section_and_kept_in_the_history(child, practitioner):
    response = client_for(practitioner).post(reverse("records:health_add", args=[child.local_id]), {
        "kind": "dental_check", **_date("carried_out_on", date(2026, 3, 4)),
        "carried_out_by": "Ade Bello, dentist", **_date("next_due", date(2026, 9, 4))})
    assert response.status_code == 302
    row = HealthRecord.objects.get()
    assert (row.kind, row.carried_out_on, row.carried_out_by) == ("dental_check", date(2026, 3, 4), "Ade Bello, dentist")
    assert [version.kind for version in row.history.all()] == ["dental_check"]
    body = _record_page(practitioner, child)
    assert "Dental check (looked-after child)" in body and "Ade Bello, dentist" in body
    response = client_for(practitioner).post(reverse("records:health_add", args=[child.local_id]), {
        "kind": "dental_check", "carried_out_by": "Ade Bello, dentist"})  # no date: refused, nothing saved
    assert error_summary(response) and HealthRecord.objects.count() == 1


def test_future_dates_of_things_that_have_happened_are_refused(child, practitioner):
    future = timezone.localdate() + timedelta(days=3)
    response = client_for(practitioner).post(reverse("records:health_add", args=[child.local_id]), {
        "kind": "health_plan", **_date("carried_out_on", future), "carried_out_by": "GP"})
    assert "The date must be today or in the past" in error_summary(response)
    assert not HealthRecord.objects.exists()


def test_only_people_who_write_records_add_to_sections(child, cast):
    for role in ("slt", "other_practitioner"):
        assert client_for(cast[role]).get(reverse("records:health_add", args=[child.local_id])).status_code == 404
    body = _record_page(cast["admin"], child)  # reads the record, does not write on it
    assert reverse("records:health_add", args=[child.local_id]) not in body


def test_a_restricted_copy_is_not_named_on_the_basic_record_without_view_restricted(child, practitioner, colleague,
                                                                                    manager):
    copy = make_document(child, practitioner, title="Guardian report ZQXSECRET")
    add_section_record(section="court_report", child=child, by=practitioner, document=copy, kind="childrens_guardian",
                       author="Children's Guardian", court="Family Court", report_date=date(2026, 3, 1))
    restrict_document(document=copy, by=practitioner, reason="third_party", reason_detail="Guardian asked",
                      advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    colleague_sees = _record_page(colleague, child)
    assert "ZQXSECRET" not in colleague_sees
    assert "A copy is in the 'Restricted from user' section" in colleague_sees
    assert "ZQXSECRET" in _record_page(practitioner, child)


# --- Material that belongs to the child (§5.4) --------------------------------------------------

def test_material_belonging_to_the_child_is_listed_until_returned(child, practitioner, colleague):
    photo = make_document(child, practitioner, title="Photographs of Amara's first birthday", category="photo",
                          belongs_to_child=True)
    make_document(child, practitioner, title="Letter from school", category="letter")
    listing = reverse("records:documents", args=[child.local_id])
    body = client_for(colleague).get(listing).content.decode()
    assert 'id="to-return"' in body and "1 item belonging to the child is still to be returned" in body

    response = client_for(practitioner).post(reverse("records:document_return", args=[child.local_id, photo.pk]), {
        **_date("returned_on", timezone.localdate()), "returned_to": "Amara, with her foster carer present"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.returned_on == timezone.localdate()
    assert photo.returned_to == "Amara, with her foster carer present"
    assert photo.return_recorded_by == practitioner
    assert AuditEvent.objects.filter(action=AuditAction.RETURNED_CHILDS_MATERIAL, detail=f"document {photo.pk}").exists()
    body = client_for(colleague).get(listing).content.decode()
    assert 'id="to-return"' not in body
    detail = client_for(colleague).get(reverse("records:document_detail", args=[child.local_id, photo.pk]))
    assert "Returned to Amara, with her foster carer present" in detail.content.decode()


def test_a_return_needs_who_and_a_date_and_only_for_the_childs_material(child, practitioner):
    photo = make_document(child, practitioner, category="photo", belongs_to_child=True)
    url = reverse("records:document_return", args=[child.local_id, photo.pk])
    response = client_for(practitioner).post(url, {"returned_to": ""})
    errors = error_summary(response)
    assert "Enter who it was returned to" in errors and any("date it was returned" in e for e in errors)
    photo.refresh_from_db()
    assert photo.returned_on is None
    letter = make_document(child, practitioner, category="letter")
    assert client_for(practitioner).get(reverse("records:document_return",
                                                args=[child.local_id, letter.pk])).status_code == 404
    with pytest.raises(ValidationError):
        record_return(document=letter, by=practitioner, returned_on=timezone.localdate(), returned_to="Amara")


def test_uploading_through_the_form_marks_what_belongs_to_the_child(child, practitioner):
    from tests.records.documents.document_builders import JPEG_BYTES, pdf_file, upload_data, upload_url

    client_for(practitioner).post(upload_url(child), upload_data(
        pdf_file("certificate.jpg", JPEG_BYTES, "image/jpeg"), category="photo", belongs_to_child="True",
        title="Swimming certificate"))
    assert child.documents.get().awaiting_return

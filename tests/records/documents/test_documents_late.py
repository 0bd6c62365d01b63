"""§4, §9, §10 for documents and the basic record's orders, court reports, education and health: who recorded
each (name and post title as they were, when), and "Late entry" when recorded more than two working days
after the date of what it records."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from records.documents.services import add_section_record
from records.models import CourtOrder, Document, EducationRecord
from tests.casework.basic_record.test_basic_record_late import working_days_ago
from tests.conftest import client_for
from tests.govuk_html import texts
from tests.records.documents.document_builders import make_document


def test_a_document_dated_three_working_days_ago_is_a_late_entry(child, practitioner):
    document = Document.objects.get(pk=make_document(child, practitioner, document_date=working_days_ago(3)).pk)
    assert document.late_entry_recorded_at == document.uploaded_at
    assert document.recorded_name == practitioner.get_full_name()
    assert document.recorded_post_title == practitioner.staff_profile.post_title


def test_a_document_dated_two_working_days_ago_is_not_late(child, practitioner):
    document = make_document(child, practitioner, document_date=working_days_ago(2))
    assert Document.objects.get(pk=document.pk).late_entry_recorded_at is None


def test_an_order_recorded_three_working_days_after_it_was_made_is_a_late_entry(child, practitioner):
    late = add_section_record(section="court_order", child=child, by=practitioner, order_type="care",
                              court="Family Court", made_on=working_days_ago(3))
    on_time = add_section_record(section="court_order", child=child, by=practitioner, order_type="care",
                                 court="Family Court", made_on=working_days_ago(2))
    assert CourtOrder.objects.get(pk=late.pk).is_late_entry
    assert not CourtOrder.objects.get(pk=on_time.pk).is_late_entry


def test_education_details_need_the_date_of_what_they_record(child, practitioner):
    with pytest.raises(ValidationError, match="Enter the date of what this records"):
        add_section_record(section="education", child=child, by=practitioner, school="Castle Primary",
                           sen_status="none")
    record = add_section_record(section="education", child=child, by=practitioner, school="Castle Primary",
                                sen_status="none", event_date=working_days_ago(3))
    assert EducationRecord.objects.get(pk=record.pk).is_late_entry


def test_the_database_keeps_a_documents_late_mark(child, practitioner):
    document = make_document(child, practitioner, document_date=working_days_ago(3))
    with pytest.raises(IntegrityError, match="can never be removed"), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(late_entry_recorded_at=None)


def test_the_basic_record_page_shows_who_recorded_an_order_and_its_late_mark(child, practitioner):
    order = add_section_record(section="court_order", child=child, by=practitioner, order_type="care",
                               court="Family Court", made_on=working_days_ago(3))
    response = client_for(practitioner).get(reverse("casework:child_orders", args=[child.local_id]))
    recorded = timezone.localtime(order.recorded_at)
    assert (f"Recorded by {practitioner.get_full_name()}, {practitioner.staff_profile.post_title}, "
            f"{recorded:%-d %B %Y, %H:%M}") in texts(response, "cw-recorded-by")
    assert texts(response, "cw-late-entry") == ["Late entry"]


def test_the_documents_tab_shows_who_uploaded_each_and_the_late_mark(child, practitioner):
    make_document(child, practitioner, document_date=working_days_ago(3))
    response = client_for(practitioner).get(reverse("records:documents", args=[child.local_id]))
    assert any(practitioner.staff_profile.post_title in line for line in texts(response, "cw-recorded-by"))
    assert texts(response, "cw-late-entry") == ["Late entry"]


# --- Withdrawn and returned documents: who, when, and "Late update" (§4, §9, §10) --------------------

def test_withdrawing_a_document_names_who_and_is_a_late_update_by_the_documents_date(child, practitioner, manager):
    from records.documents.services import withdraw_document
    late = make_document(child, practitioner, title="Wrong letter", document_date=working_days_ago(3))
    on_time = make_document(child, practitioner, title="Right letter", document_date=working_days_ago(1))
    for document in (late, on_time):
        withdraw_document(document=document, by=manager, reason="Another child's")
    late, on_time = Document.objects.get(pk=late.pk), Document.objects.get(pk=on_time.pk)
    assert late.is_late_update and not on_time.is_late_update
    assert (late.updated_name, late.updated_post_title) == (manager.get_full_name(), manager.staff_profile.post_title)
    response = client_for(manager).get(reverse("records:document_detail", args=[child.local_id, late.pk]))
    assert texts(response, "cw-late-update") == ["Late update"]
    assert any(manager.get_full_name() in line for line in texts(response, "cw-updated-by"))


def test_a_return_recorded_three_working_days_after_it_is_a_late_update(child, practitioner):
    from datetime import timedelta

    from records.documents.services import record_return
    late, on_time = (make_document(child, practitioner, title=title, category="photo", belongs_to_child=True,
                                   document_date=working_days_ago(8)) for title in ("Photographs", "Certificate"))
    # uploaded (on time) two weeks ago, long before either return
    Document.objects.filter(pk__in=[late.pk, on_time.pk]).update(uploaded_at=timezone.now() - timedelta(days=14))
    record_return(document=late, by=practitioner, returned_on=working_days_ago(3), returned_to="Amara")
    record_return(document=on_time, by=practitioner, returned_on=working_days_ago(2), returned_to="Amara")
    late, on_time = Document.objects.get(pk=late.pk), Document.objects.get(pk=on_time.pk)
    assert late.is_late_update and not on_time.is_late_update  # by the date it was returned
    assert late.updated_name == practitioner.get_full_name() and late.updated_at == late.late_update_recorded_at

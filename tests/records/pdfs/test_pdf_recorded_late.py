"""§4, §9, §10 in the PDFs: the record PDF shows who recorded each order, court report, education and health
record, document and plan item (name, post title, when) and its Late entry mark; the chronology PDF marks an
event added by hand late. Read back with pypdf."""

from django.utils import dateformat, timezone

from records.chronology.services import add_event
from records.documents.services import add_section_record
from records.models import PdfJob
from records.pdfs import services as pdfs
from records.plans import services as plan_services
from tests.casework.basic_record.test_basic_record_late import working_days_ago
from tests.pdf_text import pdf_text
from tests.records.documents.document_builders import make_document
from tests.records.pdfs.test_pdf_content import built, record_pdf
from tests.records.plans.plan_builders import plan_with_outcomes


def _when(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i")


def test_the_record_pdf_shows_who_recorded_orders_documents_and_plan_items_and_their_late_marks(child, practitioner):
    order = add_section_record(section="court_order", child=child, by=practitioner, order_type="care",
                               court="Luton Family Court", made_on=working_days_ago(3))
    document = make_document(child, practitioner, title="Letter from school", category="letter",
                             document_date=working_days_ago(3))
    plan, _ = plan_with_outcomes(child, practitioner, task=False)
    outcome = plan_services.add_outcome(plan=plan, by=practitioner, text="Sleeps well", event_date=working_days_ago(3))

    text = record_pdf(child, practitioner)

    byline = f"Recorded by {practitioner.get_full_name()}, {practitioner.staff_profile.post_title}"
    for item, when in ((order, order.recorded_at), (document, document.uploaded_at), (outcome, outcome.created_at)):
        assert f"{byline}, {_when(when)}" in text
        assert f"Late entry: recorded {_when(item.late_entry_recorded_at)}" in text
    assert "Luton Family Court" in text


def test_the_chronology_pdf_marks_an_event_added_late(child, practitioner):
    event = add_event(child=child, by=practitioner, happened_on=working_days_ago(3), title="Moved school",
                      description="", category="education")
    job = pdfs.request_record_pdf(child=child, by=practitioner, kind=PdfJob.Kind.CHRONOLOGY,
                                   include_restricted=False)

    text = pdf_text(built(job))

    assert f"Late entry: recorded {_when(event.late_entry_recorded_at)}" in text
    assert f"Recorded by {practitioner.get_full_name()}, {practitioner.staff_profile.post_title}" in text

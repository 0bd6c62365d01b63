"""The basic record (§5.1) in the record PDF: its sections, with restricted items always left out (§7), and
no sibling links in a subject access bundle."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from records.models import PdfJob
from records.tasks import build_pdf
from tests.casework.basic_record.basic_record_builders import basic_record_items, link_as_siblings
from tests.conftest import client_for, open_record
from tests.factories import SubjectAccessRequestFactory
from tests.pdf_text import response_text

SECRET = "ZQXPDFSECRET"


def _pdf_text(client, job) -> str:
    assert build_pdf(job.pk) == "built"
    response = client.get(reverse("records:pdf_download", args=[job.child.local_id, job.pk]))
    assert response.status_code == 200
    return " ".join(response_text(response).split())


def test_the_record_pdf_has_the_basic_record_without_restricted_items(
        child, practitioner, manager, assessment_team):
    basic_record_items(child, practitioner, text="Shown")
    basic_record_items(child, practitioner, text=SECRET, restriction_advisor=manager)
    sister = open_record(team=assessment_team, manager=manager, first_name="Nia", last_name="Okoye")
    link_as_siblings(child, sister, practitioner)
    client = client_for(practitioner)  # may see restricted information, and asks for it: still left out here
    client.post(reverse("records:pdf_request", args=[child.local_id]), {"include_restricted": "on"})
    text = _pdf_text(client, PdfJob.objects.get(child=child, requested_by=practitioner))
    assert "Basic record" in text and "Mr Hughes Shown" in text and "Ruth Shown" in text
    assert "Grace Okoye" in text and "holds parental responsibility" in text
    assert "Nia Okoye" in text and sister.local_id in text
    assert SECRET not in text


def test_a_subject_access_bundle_leaves_out_restricted_items_and_sibling_links(
        child, practitioner, manager, assessment_team):
    basic_record_items(child, practitioner, text="Shown")
    basic_record_items(child, practitioner, text=SECRET, restriction_advisor=manager)
    sister = open_record(team=assessment_team, manager=manager, first_name="Nia", last_name="Okoye")
    link_as_siblings(child, sister, practitioner)
    sar = SubjectAccessRequestFactory(child=child, by=manager, requester_name="Grace",
                                      received_on=timezone.localdate() - timedelta(days=1))
    client = client_for(manager)
    client.post(reverse("records:sar_bundle", args=[child.local_id, sar.pk]))
    text = _pdf_text(client, PdfJob.objects.get(child=child, subject_access_request=sar))
    assert "Ruth Shown" in text
    assert SECRET not in text and sister.local_id not in text and "Nia Okoye" not in text

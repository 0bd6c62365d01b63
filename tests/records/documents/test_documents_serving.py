"""Documents are served only through the permission-checked view (§14): the child's readers get an
attachment that browsers may not sniff or run; anyone else, a document of another child under this
child's address (IDOR), a restricted document without `view_restricted` (§7), is the same 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import AccessLog, AuditAction, AuditEvent
from records.documents.services import restrict_document, withdraw_document
from tests.conftest import client_for
from tests.pdf_text import response_bytes
from tests.records.documents.document_builders import PDF_BYTES, make_document


def _download(child, document):
    return reverse("records:document_download", args=[child.local_id, document.pk])


def _detail(child, document):
    return reverse("records:document_detail", args=[child.local_id, document.pk])


@pytest.fixture
def order(child, practitioner):
    return make_document(child, practitioner, name="Amara's order.pdf")


def test_a_reader_downloads_the_file_as_a_locked_down_attachment(order, child, colleague):
    response = client_for(colleague).get(_download(child, order))

    assert response.status_code == 200
    assert response_bytes(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"  # found from the content, not the browser's word
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(actor=colleague, child=child, action=AuditAction.DOWNLOADED_DOCUMENT,
                                     detail=f"document {order.pk}").exists()
    assert AccessLog.objects.filter(user=colleague, child=child, outcome="viewed").exists()


def test_the_file_is_never_under_media_or_static_urls(order, child, practitioner, settings):
    from pathlib import Path

    assert not Path(settings.PRIVATE_MEDIA_ROOT).is_relative_to(Path(settings.STATIC_ROOT))
    client = client_for(practitioner)
    for url in (f"/media/documents/{order.stored_name}", f"/static/documents/{order.stored_name}",
                f"/private-media/documents/{order.stored_name}"):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["other_practitioner", "edt", "slt"])
def test_people_who_cannot_see_the_child_get_a_404_that_is_logged(cast, order, child, role):
    client = client_for(cast[role])
    for url in (_download(child, order), _detail(child, order), reverse("records:documents", args=[child.local_id])):
        response = client.get(url)
        assert response.status_code == 404
        assert order.title not in response.content.decode()
    assert AccessLog.objects.filter(user=cast[role], child=child, outcome="denied").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DOWNLOADED_DOCUMENT).exists()


def test_a_document_of_another_child_under_this_childs_address_is_a_404(cast, child, other_child, other_practitioner,
                                                                        practitioner):
    theirs = make_document(other_child, other_practitioner, title="Jayden's care plan")
    client = client_for(practitioner)  # may see `child`, not `other_child`
    for name in ("records:document_detail", "records:document_download", "records:document_withdraw",
                 "records:document_restrict"):
        response = client.get(reverse(name, args=[child.local_id, theirs.pk]))
        assert response.status_code == 404, name
        assert "Jayden" not in response.content.decode()
    # Even its own author cannot reach it under another child's address.
    mine = make_document(child, practitioner)
    assert client_for(other_practitioner).get(reverse("records:document_download",
                                                      args=[other_child.local_id, mine.pk])).status_code == 404


@pytest.fixture
def restricted_order(order, practitioner, manager):
    restrict_document(document=order, by=practitioner, reason="third_party", reason_detail="The author asked",
                      advised_by=manager, review_date=timezone.localdate() + timedelta(days=30))
    order.refresh_from_db()
    return order


def test_a_restricted_document_is_a_404_without_view_restricted(restricted_order, child, colleague):
    client = client_for(colleague)
    assert client.get(_download(child, restricted_order)).status_code == 404
    assert client.get(_detail(child, restricted_order)).status_code == 404
    body = client.get(reverse("records:documents", args=[child.local_id])).content.decode()
    assert restricted_order.title not in body
    assert "Restricted from user" in body and "Priya Shah" in body  # that it exists, and whom to ask


def test_the_allocated_worker_and_manager_still_download_a_restricted_document(restricted_order, child, practitioner,
                                                                               manager):
    for user in (practitioner, manager):
        response = client_for(user).get(_download(child, restricted_order))
        assert response.status_code == 200
        assert response_bytes(response) == PDF_BYTES
    body = client_for(practitioner).get(reverse("records:documents", args=[child.local_id])).content.decode()
    assert restricted_order.title in body


def test_restricting_a_document_through_its_page(order, child, practitioner, manager):
    url = reverse("records:document_restrict", args=[child.local_id, order.pk])
    review = timezone.localdate() + timedelta(days=60)
    response = client_for(practitioner).post(url, {
        "reason": "serious_harm", "reason_detail": "Would distress the child", "advised_by": manager.pk,
        "review_date_0": review.day, "review_date_1": review.month, "review_date_2": review.year})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.is_restricted and order.restriction.advised_by == manager
    assert AuditEvent.objects.filter(action=AuditAction.RESTRICTED, detail__startswith=f"document {order.pk}").exists()
    # A restriction's review is the managers' usual one (§8): it appears in the restricted section.
    body = client_for(manager).get(reverse("records:restricted_section", args=[child.local_id])).content.decode()
    assert order.title in body


def test_restricting_needs_view_restricted_and_a_reason(order, child, colleague, practitioner, manager):
    url = reverse("records:document_restrict", args=[child.local_id, order.pk])
    assert client_for(colleague).get(url).status_code == 404
    response = client_for(practitioner).post(url, {"reason": "", "advised_by": manager.pk})
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.restriction is None


def test_a_withdrawn_document_stays_listed_as_withdrawn_and_only_managers_download_it(order, child, practitioner,
                                                                                      colleague, manager):
    response = client_for(practitioner).post(reverse("records:document_withdraw", args=[child.local_id, order.pk]),
                                             {"reason": "Uploaded to the wrong child's record"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.is_withdrawn and order.withdrawal_reason == "Uploaded to the wrong child's record"
    body = client_for(colleague).get(_detail(child, order)).content.decode()
    assert "Withdrawn on" in body and "Uploaded to the wrong child" in body
    assert client_for(colleague).get(_download(child, order)).status_code == 404
    assert client_for(practitioner).get(_download(child, order)).status_code == 404
    assert client_for(manager).get(_download(child, order)).status_code == 200
    listing = client_for(colleague).get(reverse("records:documents", args=[child.local_id])).content.decode()
    assert 'id="withdrawn"' in listing


def test_withdrawing_needs_a_reason_and_the_uploader_or_a_manager(order, child, colleague, practitioner):
    url = reverse("records:document_withdraw", args=[child.local_id, order.pk])
    assert client_for(colleague).get(url).status_code == 404
    response = client_for(practitioner).post(url, {"reason": "  "})
    assert "Enter why the document is being withdrawn" in response.content.decode()
    order.refresh_from_db()
    assert not order.is_withdrawn
    with pytest.raises(Exception):
        withdraw_document(document=order, by=colleague, reason="Not mine")

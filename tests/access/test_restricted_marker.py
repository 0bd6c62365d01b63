"""Nothing restricted (§7) reaches a user without `view_restricted`, on any page of the project.

A unique marker is written into every field of a restricted entry and of its restriction. Every
URL pattern is then visited by each role that may see the child but not its restricted
information, and by roles that may not see the child at all: the marker must never appear. The
allocated worker, who may see it, is the control that shows the test can see a leak. PDFs are
read as their readers read them, with pypdf: one asked for by each such role, and the subject
access bundle, which never holds restricted information whoever asks for it.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from records import entries as entry_services
from records import sharing
from records.digests import send_daily_digests
from records.models import PdfJob
from records.tasks import build_pdf
from records.restrictions import restrict_entry
from records.subject_access import create_subject_access_request
from records.timeliness import run_flag_pass
from tests.conftest import client_for
from tests.pdf_text import response_text

MARKER = "ZQXMARKER7731"
WITHOUT_RESTRICTED_ACCESS = ("colleague", "other_practitioner", "edt", "slt")


@pytest.fixture
def restricted(cast, child, practitioner, manager):
    when = timezone.now() - timedelta(days=5)
    entry = entry_services.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=when,
                                         others_present=f"Neighbour {MARKER}")
    answers = {q.key: f"{q.label} {MARKER}" for q in entry.form_design.questions.all()
               if q.answer_type in ("short_text", "long_text")}
    write_up = entry_services.WriteUp(answers=answers, information_source="third_party",
                                      third_party_source=f"Aunt {MARKER}", originator=None, interpreter_used=None,
                                      significant=True)
    entry_services.complete_entry(entry=entry, by=practitioner, write_up=write_up, expected_version=None)
    entry.refresh_from_db()
    entry_services.amend_entry(entry=entry, by=practitioner, reason=f"Correction {MARKER}",
                               answers={**entry.answers, next(iter(entry.answers)): f"Amended {MARKER}"})
    restriction = restrict_entry(entry=entry, by=practitioner, reason="third_party",
                                 reason_detail=f"The neighbour asked {MARKER}", advised_by=manager,
                                 review_date=timezone.localdate() + timedelta(days=30))
    # The Sharing pages: a consent and a subject access request to fill their addresses.
    sharing.record_consent(child=child, by=practitioner, person_name="Grace", relationship="parent", decision="given",
                           agencies="School", purpose="Attendance support", obtained_on=timezone.localdate(),
                           obtained_how="in_person")
    create_subject_access_request(child=child, by=manager, requester_name="Grace", relationship="Mother",
                                  received_on=timezone.localdate())
    return entry, restriction


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", list(pattern.pattern.converters)


@pytest.fixture
def colleagues_pdf(restricted, child, colleague):
    """A finished PDF of the record, asked for by a colleague (who may not see restricted information)."""
    response = client_for(colleague).post(reverse("records:pdf_request", args=[child.local_id]),
                                          {"include_restricted": "on"})
    assert response.status_code == 302
    job = PdfJob.objects.get(child=child, requested_by=colleague)
    assert build_pdf(job.pk) == "built"
    return job


def _urls(child, entry, restriction, job):
    values = {"local_id": child.local_id, "pk": entry.pk, "case_id": child.cases.get().pk,
              "restriction_id": restriction.pk, "consent_id": child.consents.get().pk,
              "sar_id": child.subject_access_requests.get().pk, "job_id": job.pk}
    urls = []
    for name, params in _patterns():
        if name.startswith("admin:"):
            continue
        missing = [p for p in params if p not in values]
        assert not missing, f"{name}: teach this test how to fill {missing}"
        urls.append(reverse(name, kwargs={p: values[p] for p in params}))
    return urls


def test_the_allocated_worker_sees_the_restricted_entry(restricted, practitioner, child):
    entry, _ = restricted
    body = client_for(practitioner).get(reverse("records:entry_detail", args=[child.local_id, entry.pk])).content.decode()
    assert MARKER in body  # the control: this test can see a leak


@pytest.mark.parametrize("role", WITHOUT_RESTRICTED_ACCESS)
def test_marker_never_appears_on_any_page(cast, restricted, colleagues_pdf, child, role):
    entry, restriction = restricted
    client = client_for(cast[role])
    for url in _urls(child, entry, restriction, colleagues_pdf) + [
            f"{reverse('casework:search')}?q={child.last_name}",
            f"{reverse('records:entry_list', args=[child.local_id])}?before=x"]:
        response = client.get(url)
        assert MARKER not in response_text(response), f"{role} saw restricted text at {url}"


def _downloaded_text(client, job) -> str:
    response = client.get(reverse("records:pdf_download", args=[job.child.local_id, job.pk]))
    assert response.status_code == 200
    return response_text(response)


def test_a_pdf_with_the_restricted_section_shows_the_marker_to_the_allocated_worker(restricted, child, practitioner):
    client = client_for(practitioner)
    client.post(reverse("records:pdf_request", args=[child.local_id]), {"include_restricted": "on"})
    job = PdfJob.objects.get(child=child, requested_by=practitioner)
    build_pdf(job.pk)

    assert MARKER in _downloaded_text(client, job)  # the control: pypdf sees a leak in a PDF


@pytest.mark.parametrize("role", WITHOUT_RESTRICTED_ACCESS)
def test_marker_never_appears_in_a_pdf_asked_for_without_view_restricted(cast, restricted, child, role):
    client = client_for(cast[role])
    response = client.post(reverse("records:pdf_request", args=[child.local_id]), {"include_restricted": "on"})
    job = PdfJob.objects.filter(child=child, requested_by=cast[role]).first()
    if role != "colleague":  # the only one of them who may see the child at all
        assert response.status_code == 404 and job is None
        return
    assert build_pdf(job.pk) == "built"
    text = _downloaded_text(client, job)
    assert child.local_id in text and MARKER not in text


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_marker_never_appears_in_the_subject_access_bundle(cast, restricted, child, role):
    # Both may see restricted information; the bundle leaves it out all the same.
    client = client_for(cast[role])
    sar = child.subject_access_requests.get()
    client.post(reverse("records:sar_bundle", args=[child.local_id, sar.pk]))
    job = PdfJob.objects.get(child=child, subject_access_request=sar)
    assert build_pdf(job.pk) == "built"
    text = _downloaded_text(client, job)
    assert "From Grace (Mother)" in text and MARKER not in text


def test_colleague_is_told_restricted_information_exists_and_whom_to_ask(cast, restricted, child, colleague, practitioner):
    body = client_for(colleague).get(reverse("records:entry_list", args=[child.local_id])).content.decode()
    assert "Restricted from user" in body and practitioner.get_full_name() in body
    entry, _ = restricted
    assert client_for(colleague).get(reverse("records:entry_detail", args=[child.local_id, entry.pk])).status_code == 404


@pytest.mark.parametrize("role", WITHOUT_RESTRICTED_ACCESS)
def test_marker_never_appears_in_django_admin_for_non_superusers(cast, restricted, role):
    user = cast[role]
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client = client_for(user)
    index = client.get("/admin/")
    assert MARKER not in index.content.decode()
    visited = 0
    for app_models in index.context["app_list"]:
        for model in app_models["models"]:
            if model.get("admin_url"):
                response = client.get(model["admin_url"])
                assert MARKER not in response.content.decode(), model["admin_url"]
                visited += 1
    assert visited >= 5  # the admin lists were really read


def test_marker_never_appears_in_digest_emails(restricted):
    run_flag_pass(now=timezone.now() + timedelta(days=400))
    send_daily_digests()
    assert mail.outbox
    assert all(MARKER not in message.body and MARKER not in message.subject for message in mail.outbox)

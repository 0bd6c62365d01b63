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
from django.urls import reverse
from django.utils import timezone

from records.entries import services as entry_services
from records.timeliness.digests import send_daily_digests
from records.models import PdfJob
from records.tasks import build_pdf
from records.entries.restrictions import restrict_entry
from records.timeliness.services import run_flag_pass
from tests.casework.basic_record.basic_record_builders import basic_record_items, item_of
from tests.records.plans.plan_builders import plan_with_outcomes
from tests.casework.transfers.transfer_builders import awaiting_transfer
from tests.conftest import client_for
from tests.factories import ConsentFactory, SubjectAccessRequestFactory
from tests.records.paper_files.paper_builders import paper_move_awaiting, paper_removal, paper_volume
from tests.pdf_text import response_text
from tests.records.documents.document_builders import restricted_document
from tests.records.oversight.oversight_builders import audit_with_deficiency
from casework.returns.codes import collection_year
from tests.security.urls import every_url
from casework.banner.services import add_alert
from casework.cin.services import record_item as record_case_item
from casework.adoption.services import record_decision as record_adoption_decision
from casework.contacts.services import record_contact

MARKER = "ZQXMARKER7731"
WITHOUT_RESTRICTED_ACCESS = ("colleague", "other_practitioner", "edt", "slt")


@pytest.fixture
def restricted(cast, child, practitioner, manager):
    when = timezone.now() - timedelta(days=5)
    # The plan (§5.4): the restricted contact served its outcome, so the plan page must only count it.
    _, (outcome,) = plan_with_outcomes(child, practitioner)
    entry = entry_services.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=when,
                                         others_present=f"Neighbour {MARKER}")
    answers = {q.key: f"{q.label} {MARKER}" for q in entry.form_design.questions.all()
               if q.answer_type in ("short_text", "long_text")}
    write_up = entry_services.WriteUp(answers=answers, information_source="third_party",
                                      third_party_source="", originator=None, interpreter_used="no", household_changed=False,
                                      originator_name=f"Aunt {MARKER}", originator_agency="Family",
                                      significant=True, outcomes=[outcome])
    entry_services.complete_entry(entry=entry, by=practitioner, write_up=write_up, expected_version=None)
    entry.refresh_from_db()
    entry_services.amend_entry(entry=entry, by=practitioner, reason=f"Correction {MARKER}",
                               answers={**entry.answers, next(iter(entry.answers)): f"Amended {MARKER}"})
    restriction = restrict_entry(entry=entry, by=practitioner, reason="third_party",
                                 reason_detail=f"The neighbour asked {MARKER}", advised_by=manager,
                                 review_date=timezone.localdate() + timedelta(days=30))
    # The Sharing pages: a consent and a subject access request to fill their addresses.
    ConsentFactory(child=child, by=practitioner, person_name="Grace", agencies="School",
                   purpose="Attendance support")
    SubjectAccessRequestFactory(child=child, by=manager, requester_name="Grace")
    # The basic record (§5.1): an item of every restrictable section, the marker in each free-text field, restricted.
    basic_record_items(child, practitioner, text=MARKER, restriction_advisor=manager)
    # Documents (§1, §5.1): a restricted one, the marker in its title, description, file name and reason.
    restricted_document(child, practitioner, manager, MARKER)
    return entry, restriction


@pytest.fixture
def colleagues_pdf(restricted, child, colleague):
    """A finished PDF of the record, asked for by a colleague (who may not see restricted information)."""
    response = client_for(colleague).post(reverse("records:pdf_request", args=[child.local_id]),
                                          {"include_restricted": "on"})
    assert response.status_code == 302
    job = PdfJob.objects.get(child=child, requested_by=colleague)
    assert build_pdf(job.pk) == "built"
    return job


def loss_naming(child):
    from casework.losses.services import report_loss

    return report_loss(by=child.cases.get().recorded_by, children=[child], kind="document", what="Court papers",
                       lost_on=timezone.localdate(), lost_where="Office", circumstances="Mislaid")


def _oversight_ids(child, entry) -> dict:
    manager = child.cases.get().allocations.get(ended_at__isnull=True).team.manager
    sample, audit, deficiency = audit_with_deficiency(child, entry.recorded_by, manager)
    from records.oversight.models import AuditDelegation

    delegation = AuditDelegation.objects.create(team=sample.team, delegate=entry.recorded_by, delegated_by=manager,
                                                starts_on=timezone.localdate(), ends_on=timezone.localdate())
    return {"sample_id": sample.pk, "audit_id": audit.pk, "deficiency_id": deficiency.pk,
            "delegation_id": delegation.pk}


def _urls(child, entry, restriction, job):
    values = {"local_id": child.local_id, "pk": entry.pk, "case_id": child.cases.get().pk,
              "restriction_id": restriction.pk, "consent_id": child.consents.get().pk,
              "sar_id": child.subject_access_requests.get().pk, "job_id": job.pk,
              "outcome_id": child.plans.get().outcomes.get().pk,
              "task_id": child.plans.get().outcomes.get().tasks.get().pk,
              "section": "people", "item_id": item_of(child, "people").pk, "kind": "assessment",
              "contact_id": record_contact(child=child, by=entry.recorded_by, received_on=timezone.localdate(),
                                           source="2A", request="The school is worried", decision="advice").pk,
              "decision_id": record_adoption_decision(child=child, by=entry.recorded_by,
                                                      decided_on=timezone.localdate()).pk,
              "plan_id": record_case_item(case=child.cases.get(), by=entry.recorded_by, kind="protection-plan",
                                          start_date=timezone.localdate(), initial_category="NEG").pk,
              # Paper files (§15) and a transfer awaiting confirmation (§15.2) on the child; a loss naming it.
              "volume_id": paper_volume(child).pk, "removal_id": paper_removal(child, "out").pk,
              "move_id": paper_move_awaiting(child).pk,
              "transfer_id": awaiting_transfer(child).pk, "loss_id": loss_naming(child).pk,
              # The banner's alerts (issue 16): one on the child.
              "alert_id": add_alert(child=child, by=entry.recorded_by, kind="other", wording="Ring first").pk,
              # A form design's approval page (issue 16): the design the entry was recorded on.
              "design_id": entry.form_design_id,
              # Retention (issue 18): an erasure proposal that does not exist (its page is the officer's and
              # senior leadership's, never a practitioner's).
              "proposal_id": 0,
              "build_id": 0,  # a statutory return's build (issue 17): another role's page
              # The reason for a change of social worker (issue 17): the child's allocation.
              "allocation_id": child.cases.get().allocations.get(ended_at__isnull=True).pk,
              # Care leaver information at a birthday and the outcomes of a year (issue 17).
              "birthday": 19, "year": collection_year(),
              # Record audits (§13): the child drawn in a sample, and a deficiency found.
              **_oversight_ids(child, entry)}
    return [url for _, url in every_url(values)]


def _restricted_document_urls(child) -> list[str]:
    document = child.documents.get(title__contains=MARKER)
    return [reverse(name, args=[child.local_id, document.pk]) for name in (
        "records:document_detail", "records:document_download", "records:document_restrict",
        "records:document_withdraw", "records:document_return")]


def test_the_allocated_worker_sees_the_restricted_entry_basic_record_and_document(restricted, practitioner, child):
    """The controls: this test can see a leak, on the entry, the basic record's restricted items (§5.1, §7) and
    documents (§7). One set-up of the restricted records serves the three."""
    entry, _ = restricted
    client = client_for(practitioner)
    body = client.get(reverse("records:entry_detail", args=[child.local_id, entry.pk])).content.decode()
    family = client.get(reverse("casework:child_family", args=[child.local_id])).content.decode()
    listing = client.get(reverse("records:documents", args=[child.local_id])).content.decode()
    detail = client.get(_restricted_document_urls(child)[0]).content.decode()
    unseen = [where for where, seen in (("the entry", MARKER in body), ("the basic record", family.count(MARKER) >= 5),
                                        ("the documents list", MARKER in listing), ("the document", MARKER in detail))
              if not seen]
    assert unseen == [], "the allocated worker does not see the restricted text on " + ", ".join(unseen)


def test_marker_never_appears_on_any_page(cast, restricted, colleagues_pdf, child):
    """Every role without restricted access on every page: a GET changes nothing the others see, so the records
    and their addresses are made once for the four roles."""
    entry, restriction = restricted
    urls = _urls(child, entry, restriction, colleagues_pdf) + [
        f"{reverse('casework:search')}?q={child.last_name}",
        f"{reverse('records:entry_list', args=[child.local_id])}?before=x",
        *_restricted_document_urls(child)]
    leaks = []
    for role in WITHOUT_RESTRICTED_ACCESS:
        client = client_for(cast[role])
        for url in urls:
            response = client.get(url)
            if MARKER in response_text(response):
                leaks.append(f"{role} saw restricted text at {url}")
    assert leaks == [], "\n".join(leaks)


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


def test_marker_never_appears_in_a_pdf_asked_for_without_view_restricted(cast, restricted, child):
    wrong = []
    for role in WITHOUT_RESTRICTED_ACCESS:
        client = client_for(cast[role])
        response = client.post(reverse("records:pdf_request", args=[child.local_id]), {"include_restricted": "on"})
        job = PdfJob.objects.filter(child=child, requested_by=cast[role]).first()
        if role != "colleague":  # the only one of them who may see the child at all
            if response.status_code != 404 or job is not None:
                wrong.append(f"{role}: {response.status_code}, a PDF job {'made' if job else 'not made'}; expected 404, none")
            continue
        if build_pdf(job.pk) != "built":
            wrong.append(f"{role}: the PDF was not built")
            continue
        text = _downloaded_text(client, job)
        if child.local_id not in text or MARKER in text:
            wrong.append(f"{role}: the PDF {'shows the restricted text' if MARKER in text else 'is not of the child'}")
    assert wrong == [], "\n".join(wrong)


def test_marker_never_appears_in_a_chronology_pdf_asked_for_without_view_restricted(restricted, child, colleague,
                                                                                   practitioner):
    # The restricted entry is significant, so it is in the chronology of those who may see it (the control).
    for user, shows in ((practitioner, True), (colleague, False)):
        client = client_for(user)
        client.post(reverse("records:pdf_request", args=[child.local_id]),
                    {"kind": "chronology", "include_restricted": "on"})
        job = PdfJob.objects.get(child=child, requested_by=user, kind=PdfJob.Kind.CHRONOLOGY)
        assert build_pdf(job.pk) == "built"
        assert (MARKER in _downloaded_text(client, job)) is shows, user.username


def test_marker_never_appears_in_the_subject_access_bundle(cast, restricted, child):
    # Both may see restricted information; the bundle leaves it out all the same. Each asks for its own bundle.
    sar = child.subject_access_requests.get()
    wrong = []
    for role in ("manager", "admin"):
        client = client_for(cast[role])
        client.post(reverse("records:sar_bundle", args=[child.local_id, sar.pk]))
        job = PdfJob.objects.get(child=child, subject_access_request=sar, requested_by=cast[role])
        if build_pdf(job.pk) != "built":
            wrong.append(f"{role}: the bundle was not built")
            continue
        text = _downloaded_text(client, job)
        if "From Grace (Mother)" not in text or MARKER in text:
            wrong.append(f"{role}: the bundle {'shows the restricted text' if MARKER in text else 'is not the request'}")
    assert wrong == [], "\n".join(wrong)


def test_colleague_is_told_restricted_information_exists_and_whom_to_ask(cast, restricted, child, colleague, practitioner):
    body = client_for(colleague).get(reverse("records:entry_list", args=[child.local_id])).content.decode()
    assert "Restricted from user" in body and practitioner.get_full_name() in body
    entry, _ = restricted
    assert client_for(colleague).get(reverse("records:entry_detail", args=[child.local_id, entry.pk])).status_code == 404


def test_marker_never_appears_in_django_admin_for_non_superusers(cast, restricted):
    leaks = []
    for role in WITHOUT_RESTRICTED_ACCESS:
        user = cast[role]
        user.is_staff = True
        user.save()
        user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
        client = client_for(user)
        index = client.get("/admin/")
        if MARKER in index.content.decode():
            leaks.append(f"{role} saw restricted text at /admin/")
        visited = 0
        for app_models in index.context["app_list"]:
            for model in app_models["models"]:
                if model.get("admin_url"):
                    response = client.get(model["admin_url"])
                    if MARKER in response.content.decode():
                        leaks.append(f"{role} saw restricted text at {model['admin_url']}")
                    visited += 1
        if visited < 5:  # the admin lists were really read
            leaks.append(f"{role}: only {visited} admin lists read")
    assert leaks == [], "\n".join(leaks)


def test_marker_never_appears_in_digest_emails(restricted):
    run_flag_pass(now=timezone.now() + timedelta(days=400))
    send_daily_digests()
    assert mail.outbox
    assert all(MARKER not in message.body and MARKER not in message.subject for message in mail.outbox)

"""Nothing restricted (§7) reaches a user without `view_restricted`, on any page of the project.

A unique marker is written into every field of a restricted entry and of its restriction. Every
URL pattern is then visited by each role that may see the child but not its restricted
information, and by roles that may not see the child at all: the marker must never appear. The
allocated worker, who may see it, is the control that shows the test can see a leak.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from records import entries as entry_services
from records.digests import send_daily_digests
from records.restrictions import restrict_entry
from records.timeliness import run_flag_pass
from tests.conftest import client_for

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
    return entry, restriction


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", list(pattern.pattern.converters)


def _urls(child, entry, restriction):
    values = {"local_id": child.local_id, "pk": entry.pk, "case_id": child.cases.get().pk,
              "restriction_id": restriction.pk}
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
def test_marker_never_appears_on_any_page(cast, restricted, child, role):
    entry, restriction = restricted
    client = client_for(cast[role])
    for url in _urls(child, entry, restriction) + [f"{reverse('casework:search')}?q={child.last_name}",
                                                    f"{reverse('records:entry_list', args=[child.local_id])}?before=x"]:
        response = client.get(url)
        assert MARKER not in response.content.decode(), f"{role} saw restricted text at {url}"


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

"""Alerts on the record banner: recorded by a practitioner with who added them and when; ending one keeps it in
the alert history (never deleted); each change is an audit event."""

import pytest
from django.urls import reverse

from access.models import AuditAction, AuditEvent
from casework.banner.models import Alert
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


def _add(client, child, **data):
    return client.post(reverse("casework:alert_add", args=[child.local_id]), data)


def test_practitioner_adds_a_worker_safety_alert_shown_with_who_and_when(child, practitioner):
    client = client_for(practitioner)
    response = _add(client, child, kind="worker_safety", wording="Dog at the address: do not visit alone")
    assert response.status_code == 302
    alert = Alert.objects.get(child=child)
    assert (alert.added_by, alert.kind) == (practitioner, "worker_safety")
    banner = texts(client.get(reverse("casework:child_record", args=[child.local_id])), "cw-banner")[0]
    assert "Worker safety warning Dog at the address: do not visit alone" in banner
    assert f"added by {practitioner.get_full_name()}, {practitioner.staff_profile.post_title}, " \
           f"{alert.added_at:%-d %b %Y}" in banner
    assert AuditEvent.objects.filter(action=AuditAction.ADDED_ALERT, child=child, actor=practitioner).exists()


def test_an_alert_needs_a_kind_and_wording_and_nothing_is_saved_without(child, practitioner):
    response = _add(client_for(practitioner), child, kind="", wording="  ")
    assert response.status_code == 200
    assert_form_error(response, "Select the kind of alert")
    assert_form_error(response, "Enter what the alert says")
    assert not Alert.objects.exists()


def test_ending_an_alert_keeps_it_in_the_history_and_off_the_banner(child, practitioner, colleague):
    _add(client_for(practitioner), child, kind="other", wording="Mother works nights: visit after 2pm")
    alert = Alert.objects.get()
    client = client_for(colleague)
    url = reverse("casework:alert_end", args=[child.local_id, alert.pk])
    assert_form_error(client.post(url, {"reason": ""}), "Enter why the alert no longer applies")
    assert client.post(url, {"reason": "Mother now works days"}).status_code == 302
    alert.refresh_from_db()
    assert (alert.ended_by, alert.end_reason) == (colleague, "Mother now works days") and alert.ended_at
    page = client.get(reverse("casework:alerts", args=[child.local_id]))
    banner = texts(page, "cw-banner")[0]
    assert "visit after 2pm" not in banner
    history = texts(page, "govuk-table")[0]
    assert "Mother works nights: visit after 2pm" in history and "Mother now works days" in history
    assert colleague.get_full_name() in history
    assert Alert.objects.count() == 1  # never deleted
    assert AuditEvent.objects.filter(action=AuditAction.ENDED_ALERT, child=child, actor=colleague).exists()
    assert client.post(url, {"reason": "Again"}).status_code == 404  # an ended alert is not ended twice


def test_no_one_outside_the_childs_teams_reads_or_adds_alerts(child, other_practitioner, edt):
    for user in (other_practitioner, edt):
        client = client_for(user)
        assert client.get(reverse("casework:alerts", args=[child.local_id])).status_code == 404
        assert _add(client, child, kind="other", wording="Anything").status_code == 404
    assert not Alert.objects.exists()


def test_no_one_outside_the_childs_teams_opens_the_add_or_end_pages(child, practitioner, other_practitioner, edt):
    _add(client_for(practitioner), child, kind="other", wording="Visit after 2pm")
    alert = Alert.objects.get()
    end = reverse("casework:alert_end", args=[child.local_id, alert.pk])
    for user in (other_practitioner, edt):
        client = client_for(user)
        assert client.get(reverse("casework:alert_add", args=[child.local_id])).status_code == 404
        assert client.get(end).status_code == 404
        assert client.post(end, {"reason": "Anything"}).status_code == 404
    alert.refresh_from_db()
    assert alert.ended_at is None


def _grow(child, by, count):
    from casework.banner import services

    for n in range(count):
        alert = services.add_alert(child=child, by=by, kind="other", wording=f"Alert {n}")
        if n % 2:
            services.end_alert(alert=alert, by=by, reason=f"Ended {n}")


def _alert_pages(child) -> list[str]:
    open_alert = Alert.objects.filter(child=child, ended_at=None).order_by("pk").first()
    return [reverse("casework:alerts", args=[child.local_id]), reverse("casework:alert_add", args=[child.local_id]),
            reverse("casework:alert_end", args=[child.local_id, open_alert.pk])]


def _query_counts(client, child, django_assert_max_num_queries) -> list[int]:
    from casework.banner.selectors import BANNER_QUERIES

    counts = []
    for url in _alert_pages(child):
        # Session, user, roles, the child and the access log, then the page's own reads and the banner.
        with django_assert_max_num_queries(12 + BANNER_QUERIES) as counted:
            assert client.get(url).status_code == 200
        counts.append(len(counted))
    return counts


def test_the_alert_pages_read_the_same_number_of_queries_however_many_alerts(
        child, practitioner, colleague, django_assert_max_num_queries):
    client = client_for(practitioner)
    _grow(child, practitioner, 1)
    few = _query_counts(client, child, django_assert_max_num_queries)
    _grow(child, colleague, 40)
    assert _query_counts(client, child, django_assert_max_num_queries) == few
    assert "Alert 39" in client.get(_alert_pages(child)[0]).content.decode()

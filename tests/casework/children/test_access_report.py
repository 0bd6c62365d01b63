"""Who has viewed a record (§14): filters by person and dates, and a CSV export for an
information-governance review (managers only, logged as an export)."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from access.models import AccessLog, AuditAction, AuditEvent
from tests.conftest import client_for
from tests.govuk_html import error_summary


def _views(child, colleague, other_practitioner):
    client_for(colleague).get(reverse("casework:child_record", args=[child.local_id]))
    client_for(other_practitioner).get(reverse("casework:child_record", args=[child.local_id]))  # refused


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_filter_by_date_range(cast, child, colleague, manager, other_practitioner):
    _views(child, colleague, other_practitioner)
    url = reverse("casework:access_log", args=[child.local_id])
    today = timezone.localdate()
    body = client_for(manager).get(url, {"from": f"{today:%d/%m/%Y}", "to": f"{today:%d/%m/%Y}"}).content.decode()
    assert colleague.get_full_name() in body
    old = client_for(manager).get(url, {"to": f"{today - timedelta(days=3):%d/%m/%Y}"}).content.decode()
    assert colleague.get_full_name() not in old.split("<tbody")[1]
    bad = client_for(manager).get(url, {"from": "31/02/2026"})
    assert "Enter the from date as a real date, like 27/03/2026" in error_summary(bad)


def test_csv_export_has_every_view_and_is_logged(cast, child, colleague, manager, other_practitioner):
    _views(child, colleague, other_practitioner)
    response = client_for(manager).get(reverse("casework:access_log_csv", args=[child.local_id]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == ["When (UK time)", "Name", "Username", "Post title", "Page", "Address", "Outcome"]
    body = rows[1:]
    assert len(body) == AccessLog.objects.filter(child=child).count()
    assert any(r[2] == colleague.username and r[6] == "Viewed" for r in body)
    assert any(r[2] == other_practitioner.username and r[6] == "Refused" for r in body)
    assert AuditEvent.objects.filter(actor=manager, child=child, action=AuditAction.EXPORTED_ACCESS_LOG).count() == 1


def test_csv_export_filters_by_person(cast, child, colleague, manager, other_practitioner):
    _views(child, colleague, other_practitioner)
    response = client_for(manager).get(reverse("casework:access_log_csv", args=[child.local_id]),
                                       {"user": colleague.pk})
    assert {r[2] for r in _csv(response)[1:]} == {colleague.username}


def test_csv_cells_cannot_run_as_formulas(cast, child, colleague, manager):
    colleague.first_name = "=HYPERLINK(1)"
    colleague.save()
    client_for(colleague).get(reverse("casework:child_record", args=[child.local_id]))
    rows = _csv(client_for(manager).get(reverse("casework:access_log_csv", args=[child.local_id])))
    assert any(r[1].startswith("'=HYPERLINK") for r in rows)


def test_only_managers_export(cast, child, practitioner, other_practitioner, care_manager):
    for user in (practitioner, other_practitioner, care_manager):
        assert client_for(user).get(reverse("casework:access_log_csv", args=[child.local_id])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED_ACCESS_LOG).exists()

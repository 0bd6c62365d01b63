"""The audit pages (§13) run the same number of queries however many samples and deficiencies there are
(issue #10: bounds for every list and record page, at two data sizes)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import AuditDeficiencyFactory, AuditSampleFactory
from tests.records.oversight.oversight_builders import audit_with_deficiency, completed_entry
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record

AUDIT_PAGE_QUERIES = 36 + BANNER_QUERIES  # delegations (§13) and the audit schedule flags add a few fixed queries


def grow(child, practitioner, manager, deficiencies: int, samples: int):
    team = child.cases.get().allocations.get(ended_at__isnull=True).team
    now = timezone.now()
    completed_entry(child, practitioner, event_at=now - timedelta(days=3), completed_at=now - timedelta(days=2))
    _, audit, _ = audit_with_deficiency(child, practitioner, manager)
    for n in range(deficiencies):
        AuditDeficiencyFactory(audit=audit, by=manager, description=f"Put right number {n}", assigned_to=practitioner)
    for seed in range(samples):
        AuditSampleFactory(team=team, by=manager, seed=100 + seed)
    return audit


def pages(audit, child):
    return [("manager", reverse("records:audits")),
            ("manager", reverse("records:audit_sample", args=[audit.sample_id])),
            ("manager", reverse("records:record_audit", args=[child.local_id, audit.pk])),
            ("practitioner", reverse("records:audit_actions"))]


def counts(users, audit, child, django_assert_max_num_queries) -> list[int]:
    measured = []
    for who, url in pages(audit, child):
        with django_assert_max_num_queries(AUDIT_PAGE_QUERIES) as captured:
            response = client_for(users[who]).get(url)
        assert response.status_code == 200, url
        measured.append(len(captured))
    return measured


def test_audit_pages_queries_do_not_grow(child, practitioner, manager, django_assert_max_num_queries):
    users = {"manager": manager, "practitioner": practitioner}
    audit = grow(child, practitioner, manager, deficiencies=1, samples=1)
    small = counts(users, audit, child, django_assert_max_num_queries)
    grow(child, practitioner, manager, deficiencies=20, samples=10)
    large = counts(users, audit, child, django_assert_max_num_queries)
    assert large == small

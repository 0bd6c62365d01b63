"""Small builders for the oversight tests: completed entries with chosen times, and audits."""

from datetime import timedelta

from django.utils import timezone

from records.models import Entry
from tests.factories import AuditDeficiencyFactory, AuditSampleFactory, CompletedEntryFactory


def completed_entry(child, author, *, event_at, completed_at, late=False, kind="contact_phone", **fields) -> Entry:
    """A completed entry written by `author`, as if completed at `completed_at` (late or not)."""
    return CompletedEntryFactory(child=child, recorded_by=author, kind=kind, event_at=event_at,
                                 completed_at=completed_at, late=late, **fields)


def days_ago(now, days: float):
    return now - timedelta(days=days)


def sample_with_audit(*, team, manager, child, practitioner, seed: int = 7):
    """A drawn sample holding `child` (who has an entry by `practitioner` in the period)."""
    now = timezone.now()
    completed_entry(child, practitioner, event_at=now - timedelta(days=3), completed_at=now - timedelta(days=2))
    sample = AuditSampleFactory(team=team, by=manager, seed=seed)
    return sample, sample.audits.get(child=child)


# --- reading pages (tests.govuk_html's small tree) ---

def _walk(element):
    yield element
    for child in element.children:
        if not isinstance(child, str):
            yield from _walk(child)


def elements(html, tag: str, **attrs) -> list:
    from tests.govuk_html import parse

    root = html if hasattr(html, "children") else parse(html)
    return [e for e in _walk(root) if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]


def table_rows(html, table_id: str) -> list:
    tables = elements(html, "table", id=table_id)
    if not tables:
        return []
    return [tr for body in elements(tables[0], "tbody") for tr in elements(body, "tr")]


def text_of(element) -> str:
    return element.text()


def audit_with_deficiency(child, author, manager):
    """For the permission matrix and the restricted marker: `child` drawn in a sample of its team by the
    team's manager (who must see it), and a deficiency assigned to `author`. Returns (sample, audit, deficiency)."""
    from records.oversight.models import RecordAudit

    team = child.cases.get().allocations.get(ended_at__isnull=True).team
    today = timezone.localdate()
    audit = RecordAudit.objects.filter(child=child).first()
    if audit is None:
        AuditSampleFactory(team=team, by=manager, period_start=today - timedelta(days=60), per_practitioner=20, seed=1)
        audit = RecordAudit.objects.get(child=child)
    deficiency = AuditDeficiencyFactory(audit=audit, by=manager, assigned_to=author)
    return audit.sample, audit, deficiency

"""Small builders for the oversight tests: completed entries with chosen times, and audits."""

from datetime import timedelta

from django.utils import timezone

from records.models import Entry, FormDesign


def completed_entry(child, author, *, event_at, completed_at, late=False, kind="contact_phone", **fields) -> Entry:
    """A completed entry written by `author`, as if completed at `completed_at` (late or not)."""
    design = FormDesign.objects.get(kind=kind, status=FormDesign.Status.APPROVED)
    return Entry.objects.create(
        child=child, case=child.cases.get(), kind=kind, form_design=design, status=Entry.Status.COMPLETED,
        event_at=event_at, recorded_by=author, created_at=event_at, completed_at=completed_at, completed_by=author,
        signed_name=author.get_full_name(), signed_post_title="Social Worker", due_at=event_at + timedelta(days=2),
        is_late_entry=late, late_entry_recorded_at=completed_at if late else None, **fields,
    )


def days_ago(now, days: float):
    return now - timedelta(days=days)


def sample_with_audit(*, team, manager, child, practitioner, seed: int = 7):
    """A drawn sample holding `child` (who has an entry by `practitioner` in the period)."""
    from records.oversight.audits import draw_sample

    now = timezone.now()
    completed_entry(child, practitioner, event_at=now - timedelta(days=3), completed_at=now - timedelta(days=2))
    sample = draw_sample(team=team, by=manager, period_start=timezone.localdate() - timedelta(days=30),
                         period_end=timezone.localdate(), per_practitioner=1, seed=seed)
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
    from records.oversight.audits import add_deficiency, draw_sample
    from records.oversight.models import RecordAudit

    team = child.cases.get().allocations.get(ended_at__isnull=True).team
    today = timezone.localdate()
    audit = RecordAudit.objects.filter(child=child).first()
    if audit is None:
        draw_sample(team=team, by=manager, period_start=today - timedelta(days=60), period_end=today,
                    per_practitioner=20, seed=1)
        audit = RecordAudit.objects.get(child=child)
    deficiency = add_deficiency(audit=audit, by=manager, description="Record the child's views",
                                assigned_to=author, put_right_by=today + timedelta(days=7))
    return audit.sample, audit, deficiency

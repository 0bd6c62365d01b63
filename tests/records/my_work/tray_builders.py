"""Work for the work tray tests, built with the suite's factories, and reading the tray's lists."""

from datetime import timedelta

from django.utils import timezone

from records.models import Entry
from tests.factories import (
    AuditDeficiencyFactory, CompletedEntryFactory, DraftEntryFactory, OverdueKeyTaskFactory, PaperFileRemovalFactory,
    RestrictionFactory,
)
from tests.govuk_html import parse
from tests.records.paper_files.paper_builders import paper_volume
from tests.records.plans.plan_builders import plan_with_outcomes


def _due_at(days_overdue):
    """An entry's due time is the end of its last day on time: that day was `days_overdue` days ago."""
    return timezone.now() - timedelta(days=days_overdue - 1)


def draft_decision(child, author, *, days_overdue=2) -> Entry:
    return DraftEntryFactory(child=child, recorded_by=author, kind="decision", status=Entry.Status.DRAFT,
                             due_at=_due_at(days_overdue))


def planned_visit(child, author, *, days_overdue=1) -> Entry:
    now = timezone.now()
    return DraftEntryFactory(child=child, recorded_by=author, kind="visit", status=Entry.Status.PLANNED,
                             event_at=now - timedelta(days=days_overdue + 2), due_at=_due_at(days_overdue))


def endorsement_asked(child, author, originator) -> Entry:
    return CompletedEntryFactory(child=child, recorded_by=author, originator=originator,
                                 endorsement_requested_at=timezone.now() - timedelta(days=1))


def audit_action(child, assigned_to, manager, *, days_overdue=3):
    return AuditDeficiencyFactory(child=child, assigned_to=assigned_to, by=manager,
                                  put_right_by=timezone.localdate() - timedelta(days=days_overdue))


def key_task(child, by, assigned_to, *, days_overdue=1):
    _, outcomes = plan_with_outcomes(child, by, task=False)
    return OverdueKeyTaskFactory(outcome=outcomes[0], assigned_to=assigned_to, assigned_to_other="", created_by=by,
                                 due_on=timezone.localdate() - timedelta(days=days_overdue))


def restriction_placed(child, by, manager, *, review_in_days=3):
    return RestrictionFactory(child=child, restricted_by=by, advised_by=manager,
                              review_date=timezone.localdate() + timedelta(days=review_in_days))


def paper_file_out(child, by, manager, *, days_overdue=2):
    return PaperFileRemovalFactory(child=child, requested_by=by, approved_by=manager, volumes=[paper_volume(child)],
                                   return_by=timezone.localdate() - timedelta(days=days_overdue))


def paper_file_requested(child, by):
    return PaperFileRemovalFactory(child=child, requested_by=by, volumes=[paper_volume(child)])


def work_list(response, key: str):
    """The <section> of the work tray list `key` (None when the page has no such list)."""
    for element in parse(response.content.decode()).iter():
        if element.tag == "section" and element.attrs.get("id") == key:
            return element
    return None


def items(response, key: str) -> list[str]:
    """The text of each item of list `key`, in order."""
    section = work_list(response, key)
    assert section is not None, f"no list {key} on the page"
    return [" ".join(li.text().split()) for li in section.iter() if li.tag == "li"]


def links(response, key: str) -> list[str]:
    section = work_list(response, key)
    return [a.attrs["href"] for a in section.iter() if a.tag == "a" and "govuk-pagination__link" not in
            a.attrs.get("class", "")]

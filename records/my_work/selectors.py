"""My work (issue 16): what waits on each user, by role, each list through the permission layer.

Every list reads only children in `Child.objects.visible_to(user)`; entries in a 'Restricted from user'
section (§7) appear only to those with `view_restricted` on the child, and no list shows what was written
(only what the work is, for whom and when). Lists are sorted by urgency: the most overdue first.
"""

from datetime import timedelta

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from access.models import Restriction
from records.models import AuditDeficiency, Entry, KeyTask, PaperFileRemoval, PlanOutcome
from records.calendar.working_days import DUE_SOON_DAYS
from records.designs.models import VISIT_AND_CONTACT_KINDS
from records.my_work.lists import (
    WorkItem, WorkList, once_per_user_object, restricted_visible, visible, visible_children,
)
from records.statutory_visits.selectors import visits_due_tray


def readable_entries(user):
    """Entries on children the user may see; an entry under an active restriction (§7) only with view_restricted.
    Built once a request (three lists filter it further)."""
    restricted = Q(restriction__isnull=False, restriction__lifted_at__isnull=True)
    return once_per_user_object(user, "_my_work_entries", lambda: (
        Entry.objects.filter(visible(user)).exclude(restricted & ~restricted_visible(user)).select_related("child")))


def _by_due(queryset):
    return queryset.order_by(F("due_at").asc(nulls_last=True), "id")


def _kind(entry) -> str:
    return entry.get_kind_display().lower()


def _entry_url(entry) -> str:
    """Where the next step of an entry is done: a planned visit's page (its basic details first), else the write-up."""
    name = "records:entry_detail" if entry.status == Entry.Status.PLANNED else "records:write_up"
    return reverse(name, args=[entry.child.local_id, entry.pk])


# --- practitioners (and managers, for their own work) ------------------------------------------------

def drafts_to_finish(user):
    """§10: decisions, assessments and summaries this user started and has not completed."""
    return _by_due(readable_entries(user).filter(recorded_by=user, status=Entry.Status.DRAFT)
                   .exclude(kind__in=VISIT_AND_CONTACT_KINDS))


def write_ups_due(user, now=None):
    """§4, §5.2: visits and contacts this user planned or began, whose time has come, not yet written up."""
    now = now or timezone.now()
    return _by_due(readable_entries(user).filter(recorded_by=user, kind__in=VISIT_AND_CONTACT_KINDS, event_at__lte=now)
                   .exclude(status=Entry.Status.COMPLETED))


def endorsements_asked(user):
    """§4: completed entries whose information this user supplied, waiting for them to endorse them."""
    return (readable_entries(user).filter(originator=user, status=Entry.Status.COMPLETED,
                                          endorsement_requested_at__isnull=False, endorsed_at__isnull=True)
            .order_by("endorsement_requested_at", "id"))


def audit_actions(user):
    """§13: what record audits asked this user to put right, not yet marked done."""
    return (AuditDeficiency.objects.filter(visible(user), assigned_to=user, done_at__isnull=True)
            .select_related("child").order_by("put_right_by", "id"))


def key_tasks_due(user, today=None):
    """§5.4: key tasks of the plan given to this user, not done, due within DUE_SOON_DAYS or past due."""
    today = today or timezone.localdate()
    return (KeyTask.objects.filter(visible(user, "outcome__plan__child"), assigned_to=user, completed_on__isnull=True,
                                   due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
                                   outcome__status=PlanOutcome.Status.CURRENT,
                                   outcome__plan__case__closure_date__isnull=True)
            .select_related("outcome__plan__child").order_by("due_on", "id"))


def my_restrictions_for_review(user, today=None):
    """§8: restrictions this user placed, still in force and up for review, on children whose restricted
    section they may see (the review itself is their manager's)."""
    today = today or timezone.localdate()
    return (Restriction.objects.filter(visible(user), restricted_visible(user), restricted_by=user,
                                       lifted_at__isnull=True, review_date__lte=today + timedelta(days=DUE_SOON_DAYS))
            .select_related("child").order_by("review_date", "id"))


def paper_files_out(user):
    """§15: paper files this user took out with a manager's approval and has not brought back."""
    return (PaperFileRemoval.objects.filter(visible(user), requested_by=user, approved_at__isnull=False,
                                            returned_at__isnull=True)
            .select_related("child").order_by("return_by", "id"))


def visits_due(user):
    """Statutory visits due and overdue on this user's own cases, most overdue first, read a page at a time from
    the stored clocks (records.statutory_visits keeps them)."""
    return visits_due_tray(user, within_days=DUE_SOON_DAYS, allocated_to=user, visible=visible_children(user))


def _visit_item(row) -> WorkItem:
    """Each visit links to planning it."""
    return WorkItem(what=row.what, url=reverse("records:visit_new", args=[row.child.local_id]), child=row.child,
                    due_on=row.due_on)


def practitioner_lists(user) -> list[WorkList]:
    def entry_item(verb):
        return lambda e: WorkItem(what=f"{verb} the {_kind(e)} of {timezone.localtime(e.event_at):%-d %B %Y}",
                                  url=_entry_url(e), child=e.child, due_on=e.due_date)

    return [
        WorkList("visits", "Visits due", lambda: visits_due(user), _visit_item,
                 empty="No visits due."),
        WorkList("write_ups", "Write-ups due", lambda: write_ups_due(user), entry_item("Write up"),
                 empty="No visits or contacts waiting to be written up."),
        WorkList("drafts", "Drafts to finish", lambda: drafts_to_finish(user), entry_item("Finish"),
                 empty="No drafts to finish."),
        WorkList("endorsements", "Endorsements asked of you", lambda: endorsements_asked(user),
                 lambda e: WorkItem(what=f"Read and endorse the {_kind(e)} of {timezone.localtime(e.event_at):%-d %B %Y}",
                                    url=reverse("records:entry_detail", args=[e.child.local_id, e.pk]), child=e.child,
                                    since=timezone.localdate(e.endorsement_requested_at)),
                 empty="No endorsements asked of you."),
        WorkList("audit_actions", "Audit actions", lambda: audit_actions(user),
                 lambda d: WorkItem(what="Put right what a record audit found", child=d.child, due_on=d.put_right_by,
                                    url=reverse("records:deficiency", args=[d.child.local_id, d.pk]),
                                    note="Sent back by your manager" if d.sent_back_at else ""),
                 empty="No audit actions."),
        WorkList("key_tasks", "Key tasks of yours due", lambda: key_tasks_due(user),
                 lambda t: WorkItem(what=f"Key task: {t.description[:120]}", child=t.outcome.plan.child, due_on=t.due_on,
                                    url=reverse("records:task_done", args=[t.outcome.plan.child.local_id, t.pk])),
                 empty=f"No key tasks due in the next {DUE_SOON_DAYS} days."),
        WorkList("my_restrictions", "Restrictions you placed, up for review", lambda: my_restrictions_for_review(user),
                 lambda r: WorkItem(what="Restriction due for review: tell your manager if it is still needed",
                                    child=r.child, due_on=r.review_date,
                                    url=reverse("records:restricted_section", args=[r.child.local_id])),
                 empty="No restrictions of yours are up for review."),
        WorkList("paper_out", "Paper files you have out", lambda: paper_files_out(user),
                 lambda p: WorkItem(what="Bring back the paper file and record its return", child=p.child,
                                    due_on=p.return_by,
                                    url=reverse("records:paper_removal_return", args=[p.child.local_id, p.pk])),
                 empty="You have no paper files out."),
    ]

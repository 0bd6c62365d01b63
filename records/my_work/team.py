"""What waits on a team manager (§7, §8, §13, §15): decisions, confirmations and reviews for their teams."""

from calendar import monthrange
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from casework.children.selectors import current_allocations, emergency_accesses_for_manager
from casework.models import CaseTransfer
from records.entries.restrictions import restrictions_due_for_review
from records.models import AuditDeficiency, Flag, PaperFileRemoval, RecordAudit
from records.my_work.lists import WorkItem, WorkList, once_per_user_object, restricted_visible, visible
from records.oversight.audits import teams_audited_by
from records.sharing.subject_access import NEAR_DAYS, open_requests_for

EMERGENCY_ACCESS_DAYS = 7


def _teams_audited(user):
    """`teams_audited_by` (a query for the user's delegations), once a request: three lists ask."""
    return once_per_user_object(user, "_my_work_audited", lambda: teams_audited_by(user))


def _team_children(user):
    """Children whose open case sits with a team this user manages."""
    return current_allocations().filter(team__manager=user).values("case__child_id")


def removals_to_decide(user):
    """§15: paper file removals asked of the child's team manager, not yet approved or refused."""
    return (PaperFileRemoval.objects.filter(visible(user), approved_at__isnull=True, refused_at__isnull=True)
            .filter(child__in=_team_children(user)).select_related("child").order_by("requested_at", "id"))


def transfers_to_confirm(user):
    """§15.2: cases sent to a team this user manages, not yet confirmed."""
    return (CaseTransfer.objects.filter(visible(user, "case__child"), to_team__manager=user, confirmed_at__isnull=True)
            .select_related("case__child", "from_team").order_by("transfer_date", "id"))


def emergency_accesses(user, *, days: int = EMERGENCY_ACCESS_DAYS):
    """§4: emergency duty staff who opened the records of this manager's teams' children in the last week."""
    return emergency_accesses_for_manager(user, days=days).filter(visible(user))


def awaiting_allocation(user):
    """Open cases with a team this user manages and no worker yet, the longest waiting first."""
    return (current_allocations().filter(visible(user, "case__child"), worker__isnull=True, team__manager=user)
            .select_related("case__child").order_by("started_at", "id"))


def audits_to_carry_out(user):
    """§13: records drawn in samples of the teams this user audits, not yet audited."""
    return (RecordAudit.objects.filter(visible(user), completed_at__isnull=True, sample__team__in=_teams_audited(user))
            .select_related("child", "sample").order_by("sample__drawn_at", "position", "id"))


def samples_not_drawn(user):
    """§13: months whose samples drew fewer records than a team's audit schedule asks (open flags)."""
    return (Flag.objects.filter(closed_at__isnull=True, audit_schedule__team__in=_teams_audited(user))
            .select_related("audit_schedule__team").order_by("due_at", "id"))


def deficiencies_to_confirm(user):
    """§13: deficiencies marked put right, waiting for the manager of the audited team to confirm them."""
    mine = Q(audit__sample__team__in=_teams_audited(user)) | Q(audit__isnull=True, created_by=user)
    return (AuditDeficiency.objects.filter(mine, visible(user), done_at__isnull=False, confirmed_at__isnull=True)
            .select_related("child").order_by("done_at", "id"))


def restrictions_to_review(user):
    """§8: restrictions due for review on children whose restricted information this manager may see."""
    return (restrictions_due_for_review(user, readable=visible(user) & restricted_visible(user))
            .order_by("review_date", "id"))


def requests_near_deadline(user, today=None):
    """Subject access requests still open within NEAR_DAYS days of their deadline, or past it."""
    today = today or timezone.localdate()
    near = today + timedelta(days=NEAR_DAYS)
    return open_requests_for(user, visible=visible(user)).filter(current_deadline__lte=near)


def _end_of_month(moment):
    day = timezone.localdate(moment)
    return day.replace(day=monthrange(day.year, day.month)[1])


def _since(moment):
    return timezone.localdate(moment)


def manager_lists(user) -> list[WorkList]:
    return [
        WorkList("removals", "Paper file removals to decide", lambda: removals_to_decide(user),
                 lambda r: WorkItem(what="Approve or refuse taking a paper file out", child=r.child,
                                    since=_since(r.requested_at),
                                    url=reverse("records:paper_removal_decide", args=[r.child.local_id, r.pk])),
                 empty="No paper file removals to decide."),
        WorkList("transfers", "Transfers to confirm", lambda: transfers_to_confirm(user),
                 lambda t: WorkItem(what=f"Confirm the transfer from {t.from_team.name}", child=t.case.child,
                                    due_on=t.transfer_date,
                                    url=reverse("casework:transfer_confirm", args=[t.case.child.local_id, t.pk])),
                 empty="No transfers to confirm."),
        WorkList("restrictions", "Restrictions to review", lambda: restrictions_to_review(user),
                 lambda r: WorkItem(what="Review the restriction: keep it or lift it", child=r.child,
                                    due_on=r.review_date,
                                    url=reverse("records:review_restriction", args=[r.child.local_id, r.pk])),
                 empty="No restrictions due for review."),
        WorkList("emergency", f"Emergency access to your teams' children in the last {EMERGENCY_ACCESS_DAYS} days",
                 lambda: emergency_accesses(user),
                 lambda a: WorkItem(what=f"Opened by {a.user.get_full_name() or a.user.username} "
                                         f"at {timezone.localtime(a.started_at):%H:%M on %-d %B}",
                                    child=a.child, ends_at=a.expires_at,
                                    url=reverse("casework:access_log", args=[a.child.local_id])),
                 empty="No emergency access in the last week."),
        WorkList("allocation", "Cases awaiting allocation", lambda: awaiting_allocation(user),
                 lambda a: WorkItem(what="Allocate a worker", child=a.case.child, since=_since(a.started_at),
                                    url=reverse("casework:allocate", args=[a.case.child.local_id])),
                 empty="No cases awaiting allocation."),
        WorkList("audits", "Record audits due", lambda: audits_to_carry_out(user),
                 lambda a: WorkItem(what=f"Audit the record (sample drawn {timezone.localtime(a.sample.drawn_at):%-d %B})",
                                    child=a.child, due_on=_end_of_month(a.sample.drawn_at),
                                    url=reverse("records:record_audit", args=[a.child.local_id, a.pk])),
                 empty="No record audits waiting."),
        WorkList("samples", "Audit samples not drawn", lambda: samples_not_drawn(user),
                 lambda f: WorkItem(what=f"Draw the audit sample of {f.audit_schedule.team.name}",
                                    due_on=timezone.localdate(f.due_at) - timedelta(days=1),
                                    url=reverse("records:audit_sample_new")),
                 empty="Every audit sample is drawn."),
        WorkList("deficiencies", "Audit deficiencies to confirm", lambda: deficiencies_to_confirm(user),
                 lambda d: WorkItem(what="Confirm a deficiency is put right, or send it back", child=d.child,
                                    since=_since(d.done_at),
                                    url=reverse("records:deficiency", args=[d.child.local_id, d.pk])),
                 empty="No deficiencies to confirm."),
        WorkList("subject_access", "Subject access requests near their deadline", lambda: requests_near_deadline(user),
                 lambda s: WorkItem(what=f"Subject access request from {s.requester_name}", child=s.child,
                                    due_on=s.current_deadline,
                                    url=reverse("records:sar_detail", args=[s.child.local_id, s.pk])),
                 empty=f"No subject access requests due in the next {NEAR_DAYS} days."),
    ]

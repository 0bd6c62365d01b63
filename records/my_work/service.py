"""My work for emergency duty staff, senior leadership and administrators (§2, §4)."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from access.models import EmergencyAccess
from records.form_register.selectors import versions_awaiting_approval
from records.models import ClosureDay, FormDesign
from records.my_work.lists import Section, WorkItem, WorkList, visible

RECENT_EMERGENCY_HOURS = 24


def design_approval_url(design) -> str:
    """Where a senior leader approves or sends back a submitted design: the page of its differences."""
    return reverse("records:design_approval", args=[design.pk])


# --- emergency duty ------------------------------------------------------------------------------

def records_opened_recently(user, now=None):
    """§4: the records this user opened under emergency access in the last 24 hours and still open to them,
    the access ending soonest first."""
    now = now or timezone.now()
    return (EmergencyAccess.objects.filter(visible(user), user=user, expires_at__gt=now,
                                           started_at__gte=now - timedelta(hours=RECENT_EMERGENCY_HOURS))
            .select_related("child").order_by("expires_at", "id"))


def emergency_duty_section(user) -> Section:
    opened = WorkList(
        "opened", "Records you opened in the last 24 hours", lambda: records_opened_recently(user),
        lambda a: WorkItem(what="Open the record", child=a.child,
                           url=reverse("casework:child_record", args=[a.child.local_id]),
                           note=f"Access ends at {timezone.localtime(a.expires_at):%H:%M on %-d %B %Y}"),
        empty="You have not opened any records in the last 24 hours.")
    return Section("Emergency duty", [opened], search=True)


# --- senior leadership (§2) ------------------------------------------------------------------------

def designs_submitted():
    return FormDesign.objects.filter(status=FormDesign.Status.SUBMITTED).order_by("submitted_at", "id")


def senior_leadership_section(user) -> Section:
    designs = WorkList(
        "designs", "Record designs submitted for your approval", designs_submitted,
        lambda d: WorkItem(what=f"{d.get_kind_display()} version {d.version}: approve or send back",
                           url=design_approval_url(d),
                           since=timezone.localdate(d.submitted_at) if d.submitted_at else None),
        empty="No record designs are waiting for your approval.")
    forms = WorkList(
        "forms", "Forms in the register awaiting your approval", versions_awaiting_approval,
        lambda v: WorkItem(what=f"{v.form.name}, version {v.version}: approve the version in use",
                           url=reverse("admin:records_fixedform_change", args=[v.form_id])),
        empty="Every form in use is approved.")
    return Section("Senior leadership", [designs, forms], links=(
        ("The register of fixed forms", reverse("admin:records_fixedform_changelist")),
        ("The service view of the dashboard: every team's timeliness, audits and trends",
         reverse("records:service_dashboard")),
    ))


# --- administrators ------------------------------------------------------------------------------

def designs_in_draft():
    return FormDesign.objects.filter(status=FormDesign.Status.DRAFT).order_by("created_at", "id")


def closure_days_missing(today=None) -> list[WorkItem]:
    """§4, §10: working days are counted without the council's closure days; next year's must be entered
    before it starts (a one-item list, empty once any is entered)."""
    today = today or timezone.localdate()
    year = today.year + 1
    if ClosureDay.objects.filter(day__year=year).exists():
        return []
    return [WorkItem(what=f"Enter the council's closure days for {year}", url=reverse("admin:records_closureday_add"),
                     due_on=today.replace(month=12, day=31))]


def locked_out_attempts(now=None):
    """Sign-ins locked out now (django-axes: a username from one address, access.sign_in.lockout)."""
    now = now or timezone.now()
    return (AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                                         attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
            .order_by("attempt_time", "id"))


def administrator_section(user) -> Section:
    return Section("Waiting in administration", [
        WorkList("draft_designs", "Record designs in draft", designs_in_draft,
                 lambda d: WorkItem(what=f"{d.get_kind_display()} version {d.version}: finish and submit",
                                    url=reverse("admin:records_formdesign_change", args=[d.pk]),
                                    since=timezone.localdate(d.created_at)),
                 empty="No record designs in draft."),
        WorkList("closure_days", "Closure days for next year", closure_days_missing, lambda item: item,
                 empty="Next year's closure days are entered."),
        WorkList("locked_out", "Accounts locked out", locked_out_attempts,
                 lambda a: WorkItem(what=f"{a.username}: locked out after {a.failures_since_start} failed sign-ins",
                                    url=reverse("admin:axes_accessattempt_change", args=[a.pk]),
                                    ends_at=a.attempt_time + settings.AXES_COOLOFF_TIME),
                 empty="No accounts are locked out."),
    ], links=(("Administration", reverse("admin:index")),))

"""Record audits (§4, §13): random samples that can be repeated, audits against the policy
checklist, and deficiencies put right by practitioners and confirmed by their manager.

Services (writes) take keyword arguments, check who is acting, and save in one transaction;
simple-history attributes each change to the signed-in user or `acting_as`.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone

from access.staff import roles
from access.models import Team
from casework.children.authorisation import Need, require
from casework.models import Child
from records.models import Entry, Flag
from records.oversight.delegation import delegated_team_ids
from records.oversight.models import CHECKLIST, AuditDeficiency, AuditSample, RecordAudit
from records.calendar.working_days import LONDON

MAX_PER_PRACTITIONER = 20
MAX_PERIOD_DAYS = 366


# --- who oversees which team ---------------------------------------------------------------

def may_oversee(user) -> bool:
    """Team managers, senior leadership and administrators see dashboards and audit results (§13); a
    practitioner to whom a team's audits are delegated sees that team's audits while the delegation lasts."""
    return roles.is_team_manager(user) or roles.is_senior_leader(user) or bool(delegated_team_ids(user))


def teams_overseen_by(user) -> QuerySet[Team]:
    """The teams whose dashboard and audits this user sees: a manager their own, senior leadership every team."""
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    if user.is_superuser or roles.is_senior_leader(user):
        return Team.objects.order_by("name")
    delegated = Q(pk__in=delegated_team_ids(user))
    if roles.is_team_manager(user):
        return Team.objects.filter(Q(manager=user) | delegated).order_by("name")
    return Team.objects.filter(delegated).order_by("name")


def manages(user, team: Team) -> bool:
    """Audits are drawn, carried out and confirmed by the team's manager (or an administrator), or by the
    senior practitioner to whom the manager delegated them, during the delegation only (§13)."""
    return (user.is_superuser or (roles.is_team_manager(user) and team.manager_id == user.pk)
            or team.pk in delegated_team_ids(user))


def teams_audited_by(user) -> QuerySet[Team]:
    """The teams whose samples this user may draw today."""
    if user.is_superuser:
        return Team.objects.order_by("name")
    return Team.objects.filter(Q(manager=user) | Q(pk__in=delegated_team_ids(user))).order_by("name")


def team_members(team_ids) -> QuerySet:
    """The practitioners of these teams: active staff in them, except the teams' managers."""
    managers = Team.objects.filter(manager=OuterRef("pk"))
    return (
        get_user_model().objects.filter(is_active=True, staff_profile__team_id__in=team_ids)
        .exclude(Exists(managers))
        .select_related("staff_profile")
        .order_by("last_name", "first_name", "pk")
    )


# --- drawing a sample ----------------------------------------------------------------------

def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


def population(*, team: Team, by, period_start: date, period_end: date) -> dict[str, list[int]]:
    """Each practitioner's records that could be drawn: the children, visible to `by`, on whom the
    practitioner recorded something that happened in the period. Ascending ids, so it is repeatable."""
    members = list(team_members([team.pk]).values_list("pk", flat=True))
    rows = (
        Entry.objects.filter(
            recorded_by_id__in=members,
            event_at__gte=_london_midnight(period_start),
            event_at__lt=_london_midnight(period_end + timedelta(days=1)),
            child__in=Child.objects.visible_to(by).values("pk"),
        )
        .values_list("recorded_by_id", "child_id").distinct().order_by("recorded_by_id", "child_id")
    )
    result: dict[str, list[int]] = {str(pk): [] for pk in members}
    for practitioner_id, child_id in rows:
        result[str(practitioner_id)].append(child_id)
    return result


def choose(population_: dict[str, list[int]], per_practitioner: int, seed: int) -> list[tuple[int, int]]:
    """The draw: (practitioner id, child id) pairs. The same population, number and seed always give
    the same records (Python's Mersenne Twister, seeded with an integer). Practitioners are taken in
    ascending id order; a child already drawn for one practitioner is not drawn again."""
    rng = random.Random(seed)
    taken: set[int] = set()
    chosen = []
    for practitioner_id in sorted(population_, key=int):
        candidates = [child_id for child_id in sorted(population_[practitioner_id]) if child_id not in taken]
        for child_id in rng.sample(candidates, min(per_practitioner, len(candidates))):
            chosen.append((int(practitioner_id), child_id))
            taken.add(child_id)
    return chosen


def redraw(sample: AuditSample) -> list[tuple[int, int]]:
    """Repeat a recorded draw from its seed and population: it must equal the audits it made."""
    return choose(sample.population, sample.per_practitioner, sample.seed)


@transaction.atomic
def draw_sample(*, team: Team, by, period_start: date, period_end: date, per_practitioner: int,
                seed: int | None = None) -> AuditSample:
    """§4, §13: a manager draws `per_practitioner` records at random for each practitioner of the team."""
    if not manages(by, team):
        raise PermissionDenied("Only the team's manager, or the practitioner they delegated audits to, draws a sample.")
    if period_end < period_start:
        raise ValidationError("The end of the period must be on or after its start.")
    if period_end > timezone.localdate():
        raise ValidationError("The period must have ended by today.")
    if (period_end - period_start).days >= MAX_PERIOD_DAYS:
        raise ValidationError("The period can be a year at most.")
    if not 1 <= per_practitioner <= MAX_PER_PRACTITIONER:
        raise ValidationError(f"Draw between 1 and {MAX_PER_PRACTITIONER} records for each practitioner.")
    pool = population(team=team, by=by, period_start=period_start, period_end=period_end)
    if not any(pool.values()):
        raise ValidationError("Nobody in the team recorded anything in that period: choose another period.")
    seed = secrets.randbits(62) if seed is None else seed
    sample = AuditSample.objects.create(team=team, drawn_by=by, period_start=period_start, period_end=period_end,
                                        per_practitioner=per_practitioner, seed=seed, population=pool)
    for position, (practitioner_id, child_id) in enumerate(choose(pool, per_practitioner, seed), start=1):
        RecordAudit.objects.create(sample=sample, child_id=child_id, practitioner_id=practitioner_id, position=position)
    return sample


# --- auditing a record -----------------------------------------------------------------------

@dataclass
class ChecklistAnswer:
    result: str
    comment: str


@transaction.atomic
def complete_audit(*, audit: RecordAudit, by, answers: dict[str, ChecklistAnswer], grade: str,
                   summary: str) -> RecordAudit:
    """§13: every checklist item met, not met or not applicable (a comment says why not met), and a grade."""
    require(by, audit.child_id, Need.READ)  # and the team's manager or their delegate, below
    audit = RecordAudit.objects.select_for_update().select_related("sample__team").get(pk=audit.pk)
    if not manages(by, audit.sample.team):
        raise PermissionDenied("Only the team's manager, or the practitioner they delegated audits to, audits its records.")
    if audit.is_completed:
        raise ValidationError("This audit has already been completed.")
    checklist = {}
    for code, label in CHECKLIST:
        answer = answers.get(code)
        if answer is None or answer.result not in RecordAudit.Result.values:
            raise ValidationError(f"Select whether “{label}” is met, not met or not applicable.")
        if answer.result == RecordAudit.Result.NOT_MET and not answer.comment.strip():
            raise ValidationError(f"Say what is missing for “{label}”.")
        checklist[code] = {"result": answer.result, "comment": answer.comment.strip()}
    if grade not in RecordAudit.Grade.values:
        raise ValidationError("Select a grade.")
    audit.checklist, audit.grade, audit.summary = checklist, grade, summary.strip()
    audit.auditor, audit.completed_at = by, timezone.now()
    audit.save()
    return audit


@transaction.atomic
def add_deficiency(*, audit: RecordAudit, by, description: str, assigned_to, put_right_by: date,
                   entry: Entry | None = None) -> AuditDeficiency:
    """A deficiency the audit found, for a practitioner to put right by a date (overdue, it becomes a flag)."""
    require(by, audit.child_id, Need.READ)  # and the team's manager or their delegate, below
    audit = RecordAudit.objects.select_related("sample__team").get(pk=audit.pk)
    if not manages(by, audit.sample.team):
        raise PermissionDenied("Only the team's manager, or their delegate, records what an audit found.")
    if not description.strip():
        raise ValidationError("Describe what needs putting right.")
    if put_right_by < timezone.localdate():
        raise ValidationError("The date to put it right by must be today or in the future.")
    if assigned_to is None or not assigned_to.is_active:
        raise ValidationError("Choose who will put it right.")
    if entry is not None and entry.child_id != audit.child_id:
        raise ValidationError("The entry must be on the audited child's record.")
    return AuditDeficiency.objects.create(
        audit=audit, child_id=audit.child_id, entry=entry, description=description.strip(), assigned_to=assigned_to,
        put_right_by=put_right_by, created_by=by,
    )


def _locked_deficiency(deficiency) -> AuditDeficiency:
    return AuditDeficiency.objects.select_for_update(of=("self",)).select_related("audit__sample__team").get(pk=deficiency.pk)


def may_confirm(user, deficiency: AuditDeficiency) -> bool:
    team = deficiency.audit.sample.team if deficiency.audit_id else None
    return user.is_superuser or (team is not None and manages(user, team)) or (
        team is None and deficiency.created_by_id == user.pk)


@transaction.atomic
def mark_done(*, deficiency: AuditDeficiency, by, note: str) -> AuditDeficiency:
    """The practitioner says what they did to put it right."""
    require(by, deficiency.child_id, Need.READ)
    deficiency = _locked_deficiency(deficiency)
    if deficiency.assigned_to_id != by.pk:
        raise PermissionDenied("Only the person it is assigned to marks a deficiency done.")
    if deficiency.done_at is not None:
        raise ValidationError("This has already been marked as done.")
    if not note.strip():
        raise ValidationError("Say what you did to put it right.")
    deficiency.done_at, deficiency.done_note = timezone.now(), note.strip()
    deficiency.save()
    return deficiency


@transaction.atomic
def confirm(*, deficiency: AuditDeficiency, by) -> AuditDeficiency:
    require(by, deficiency.child_id, Need.READ)
    deficiency = _locked_deficiency(deficiency)
    if not may_confirm(by, deficiency):
        raise PermissionDenied("Only the team's manager confirms a deficiency has been put right.")
    if deficiency.done_at is None:
        raise ValidationError("It has not been marked as done yet.")
    if deficiency.confirmed_at is not None:
        raise ValidationError("This has already been confirmed.")
    deficiency.confirmed_at, deficiency.confirmed_by = timezone.now(), by
    deficiency.save()
    return deficiency


@transaction.atomic
def send_back(*, deficiency: AuditDeficiency, by, note: str) -> AuditDeficiency:
    """Not put right yet: back to the practitioner, with why. It can become overdue again."""
    require(by, deficiency.child_id, Need.READ)
    deficiency = _locked_deficiency(deficiency)
    if not may_confirm(by, deficiency):
        raise PermissionDenied("Only the team's manager sends a deficiency back.")
    if deficiency.done_at is None or deficiency.confirmed_at is not None:
        raise ValidationError("Only a deficiency marked as done, and not confirmed, can be sent back.")
    if not note.strip():
        raise ValidationError("Say why it is not put right yet.")
    deficiency.done_at, deficiency.done_note = None, ""
    deficiency.sent_back_at, deficiency.sent_back_note = timezone.now(), note.strip()
    deficiency.save()
    return deficiency


# --- reads -------------------------------------------------------------------------------

def samples_for(user) -> QuerySet[AuditSample]:
    return (AuditSample.objects.filter(team__in=teams_overseen_by(user))
            .select_related("team", "drawn_by").annotate(audit_count=Count("audits")))


def schedule_flags_for(user) -> list[Flag]:
    """§13: open flags of months whose samples drew fewer records than a team's audit schedule asks;
    each with `month`, the month missed (the flag is due when it ended)."""
    flags = list(Flag.objects.filter(closed_at__isnull=True, audit_schedule__team__in=teams_overseen_by(user))
                 .select_related("audit_schedule__team").order_by("due_at", "pk"))
    for flag in flags:
        flag.month = f"{timezone.localtime(flag.due_at, LONDON) - timedelta(days=1):%B %Y}"
    return flags


def deficiencies_for(user) -> QuerySet[AuditDeficiency]:
    """'My audit actions': what audits asked this user to put right, on children they may see."""
    return (AuditDeficiency.objects.filter(assigned_to=user, child__in=Child.objects.visible_to(user).values("pk"))
            .select_related("child", "created_by").order_by("done_at", "confirmed_at", "put_right_by", "pk"))


def audit_results(team_ids, *, by: str = "quarter", per_practitioner: bool = True) -> list[dict]:
    """§13 audit results over time: completed audits per period (month or quarter), team and practitioner,
    with how many got each grade. One query."""
    trunc = TruncQuarter if by == "quarter" else TruncMonth
    keys = ["period", "sample__team_id", "sample__team__name"]
    if per_practitioner:
        keys += ["practitioner_id", "practitioner__first_name", "practitioner__last_name"]
    rows = (
        RecordAudit.objects.filter(completed_at__isnull=False, sample__team_id__in=team_ids)
        .annotate(period=trunc("completed_at", tzinfo=LONDON))
        .values(*keys, "grade").annotate(n=Count("id")).order_by("-period", "sample__team__name", *keys[3:])
    )
    table: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        line = table.setdefault(key, {
            "period": row["period"], "team": row["sample__team__name"],
            "practitioner": f"{row.get('practitioner__first_name', '')} {row.get('practitioner__last_name', '')}".strip(),
            "grades": {grade: 0 for grade in RecordAudit.Grade.values}, "total": 0,
        })
        line["grades"][row["grade"]] += row["n"]
        line["total"] += row["n"]
    result = list(table.values())
    for line in result:
        line["period_label"] = period_label(line["period"], by)
        line["grade_counts"] = [line["grades"][g] for g in RecordAudit.Grade.values]
    return result


def period_label(moment, by: str) -> str:
    moment = timezone.localtime(moment, LONDON) if timezone.is_aware(moment) else moment
    if by == "quarter":
        return f"{moment:%B %Y} to {(moment.replace(day=28) + timedelta(days=62)):%B %Y}"
    return f"{moment:%B %Y}"

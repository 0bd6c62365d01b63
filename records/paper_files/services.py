"""Paper files (§1, §14, §15): volumes and where they are kept, moves, and removals from the usual place.

Services take keyword arguments, check the rule, save and write their audit event in one
transaction. E-mails name the child by local ID only (like records.timeliness.digests): e-mail leaves the system.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from access.permissions import services as permissions
from access.staff import roles
from access.audit.services import record_event
from access.models import AuditAction, ChildGroupObjectPermission, Team
from casework.models import Allocation
from casework.children.authorisation import Need, require
from records.calendar.working_days import WorkingCalendar
from records.models import ClosureDay, PaperFileArrival, PaperFileMove, PaperFileRemoval, PaperFileVolume

ARRIVAL_WORKING_DAYS = 5  # §15.2: the sender checks the records arrived; unconfirmed after this, a flag


def _required(value: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationError(message)
    return value.strip()


# --- Reads ------------------------------------------------------------------------------------------

def volumes_for_child(child) -> QuerySet[PaperFileVolume]:
    return PaperFileVolume.objects.filter(child=child).prefetch_related(
        Prefetch("moves", queryset=PaperFileMove.objects.select_related("recorded_by", "to_team",
                                                                         "arrival__confirmed_by")))


def removals_for_child(child) -> QuerySet[PaperFileRemoval]:
    return (PaperFileRemoval.objects.filter(child=child)
            .select_related("requested_by", "approved_by", "refused_by", "returned_recorded_by")
            .prefetch_related("volumes"))


def _child_allocations(child) -> QuerySet[Allocation]:
    """The child's current allocations; for a child with no open case, the most recent one."""
    current = Allocation.objects.filter(case__child=child, ended_at__isnull=True, case__closure_date__isnull=True)
    if current.exists():
        return current.select_related("team__manager", "worker")
    latest = Allocation.objects.filter(case__child=child).order_by("-started_at", "-id").values("pk")[:1]
    return Allocation.objects.filter(pk__in=latest).select_related("team__manager", "worker")


def child_team_manager_ids(child) -> set[int]:
    return {a.team.manager_id for a in _child_allocations(child) if a.team.manager_id}


def may_decide_removal(user, child) -> bool:
    """§15.1: a manager of the child's team approves or refuses a removal."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return roles.is_team_manager(user) and user.pk in child_team_manager_ids(child)


def people_to_tell(child, *, except_ids=()) -> list:
    """§15.1: those who may need the file: allocated workers and the team managers of the child."""
    people = {}
    for allocation in _child_allocations(child):
        for person in (allocation.worker, allocation.team.manager):
            if person is not None and person.is_active and person.pk not in except_ids:
                people[person.pk] = person
    return sorted(people.values(), key=lambda p: p.pk)


# --- Volumes and moves (§1, §15.2) ------------------------------------------------------------------

@transaction.atomic
def add_volume(*, child, by, number: int, covers_from: date, covers_to: date | None, usual_location: str,
               notes: str = "") -> PaperFileVolume:
    require(by, child, Need.WRITE)
    usual_location = _required(usual_location, "Enter where the volume is usually kept")
    if number is None or number < 1:
        raise ValidationError({"number": "Enter the volume number, 1 or more"})
    if PaperFileVolume.objects.filter(child=child, number=number).exists():
        raise ValidationError({"number": f"Volume {number} is already recorded. Enter another number"})
    if covers_from > timezone.localdate():
        raise ValidationError({"covers_from": "The date the volume starts cannot be in the future"})
    if covers_to is not None and covers_to < covers_from:
        raise ValidationError({"covers_to": "The date the volume ends must be on or after the date it starts"})
    volume = PaperFileVolume.objects.create(
        child=child, number=number, covers_from=covers_from, covers_to=covers_to, usual_location=usual_location,
        notes=(notes or "").strip(), recorded_by=by,
    )
    record_event(actor=by, action=AuditAction.RECORDED_PAPER_FILE_VOLUME, child=child, detail=f"volume {number}")
    return volume


def receiving_teams(child) -> QuerySet[Team]:
    """§15.2: the teams a volume may be sent to: those whose staff can open the child's record, so that someone
    there can confirm it arrived. A volume goes to another team with the case, through a transfer."""
    teams_with_access = ChildGroupObjectPermission.objects.filter(
        content_object=child, permission__codename=permissions.VIEW_CHILD).values("group_id")
    return Team.objects.filter(group_id__in=teams_with_access).order_by("name")


def arrival_due_on(moved_on: date) -> date:
    """§15.2: the last day to confirm an arrival: the fifth working day after the volume was sent."""
    calendar = WorkingCalendar(closure_days=ClosureDay.objects.values_list("day", flat=True))
    return calendar.due_date(moved_on, ARRIVAL_WORKING_DAYS)


def awaiting_arrival(volume) -> PaperFileMove | None:
    return volume.moves.filter(to_team__isnull=False, arrival__isnull=True).select_related("to_team").first()


def _send(*, volume: PaperFileVolume, to_location: str, moved_on: date, by, reason: str, to_team,
          confirmed: bool) -> PaperFileMove:
    """Record a move (caller holds the lock): confirmed at once when the receiving manager records it (transfer)."""
    if moved_on > timezone.localdate():
        raise ValidationError({"moved_on": "The date the volume was sent cannot be in the future"})
    if moved_on < volume.covers_from:
        raise ValidationError({"moved_on": "The date the volume was sent cannot be before the volume starts"})
    if to_location == volume.usual_location:
        raise ValidationError({"to_location": "The volume is already kept there. Enter its new location"})
    pending = awaiting_arrival(volume)
    if pending is not None:
        raise ValidationError(f"Volume {volume.number} was sent to {pending.to_location} and nobody at "
                              f"{pending.to_team.name} has confirmed it arrived yet. They confirm it first")
    move = PaperFileMove.objects.create(
        volume=volume, moved_on=moved_on, from_location=volume.usual_location, to_location=to_location,
        reason=(reason or "").strip()[:300], recorded_by=by, to_team=to_team, arrival_due_on=arrival_due_on(moved_on),
    )
    if confirmed:
        PaperFileArrival.objects.create(move=move, confirmed_by=by)
    volume.usual_location = to_location
    volume.save()
    record_event(actor=by, action=AuditAction.MOVED_PAPER_FILE_VOLUME, child=volume.child,
                 detail=f"volume {volume.number} sent on {moved_on:%Y-%m-%d} to {to_team.name}")
    return move


@transaction.atomic
def move_volume(*, volume: PaperFileVolume, to_location: str, moved_on: date, by, to_team,
                reason: str = "") -> PaperFileMove:
    """§15.2: a volume sent to a new usual place: the date it was sent, from where, to where and which team
    receives it. It awaits confirmation of its arrival by someone of that team."""
    require(by, volume.child_id, Need.WRITE)
    to_location = _required(to_location, "Enter where the volume has moved to")
    volume = PaperFileVolume.objects.select_for_update().get(pk=volume.pk)
    if to_team is None or not receiving_teams(volume.child).filter(pk=to_team.pk).exists():
        raise ValidationError({"to_team": "Select a team that can open this child's record. To send the paper file "
                                          "to another team, transfer the case"})
    return _send(volume=volume, to_location=to_location, moved_on=moved_on, by=by, reason=reason, to_team=to_team,
                 confirmed=False)


def may_confirm_arrival(user, move: PaperFileMove) -> bool:
    """§15.2: someone at the receiving end (a member of the receiving team or its manager), never the sender."""
    if not (user.is_authenticated and user.is_active and move.is_awaiting_arrival) or user.pk == move.recorded_by_id:
        return False
    profile = getattr(user, "staff_profile", None)
    return (profile is not None and profile.team_id == move.to_team_id) or move.to_team.manager_id == user.pk


@transaction.atomic
def confirm_arrival(*, move: PaperFileMove, by) -> PaperFileArrival:
    """§15.2: someone at the receiving end confirms the volume arrived; the sender sees it on the Paper files tab."""
    require(by, move.volume.child_id, Need.READ)
    move = PaperFileMove.objects.select_for_update(of=("self",)).select_related("volume__child", "to_team").get(
        pk=move.pk)
    if PaperFileArrival.objects.filter(move=move).exists():
        raise ValidationError("The arrival of this volume has already been confirmed.")
    if not may_confirm_arrival(by, move):
        raise PermissionDenied("Only someone of the receiving team, not the sender, confirms the arrival.")
    PaperFileArrival.objects.create(move=move, confirmed_by=by)
    record_event(actor=by, action=AuditAction.CONFIRMED_PAPER_FILE_ARRIVAL, child=move.volume.child,
                 detail=f"volume {move.volume.number} at {move.to_team.name}")
    return move.arrival


def move_volumes_on_transfer(sender, *, transfer, location: str, moved_on: date, by, **kwargs) -> None:
    """§15.2: a confirmed case transfer moves each of the child's volumes not already at `location`
    (receiver of casework.transfers.services.paper_files_transferred). The receiving manager's confirmation
    that the record arrived confirms these moves too."""
    require(by, transfer.case.child_id, Need.WRITE)
    for volume in PaperFileVolume.objects.select_for_update().filter(child=transfer.case.child).order_by("number"):
        if volume.usual_location != location:
            _send(volume=volume, to_location=location, moved_on=moved_on, by=by, to_team=transfer.to_team,
                  reason=f"Case transfer to {transfer.to_team.name}", confirmed=True)


# --- Removal from the usual place (§15.1) -----------------------------------------------------------

@transaction.atomic
def request_removal(*, child, by, volumes, destination: str, reason: str, security_measures: str,
                    return_by: date) -> PaperFileRemoval:
    require(by, child, Need.WRITE)
    volumes = list(volumes)
    if not volumes:
        raise ValidationError({"volumes": "Select the volumes to take out"})
    if any(volume.child_id != child.pk for volume in volumes):
        raise ValidationError({"volumes": "Select volumes of this child's paper file"})
    out = PaperFileRemoval.objects.filter(volumes__in=volumes, refused_at__isnull=True, returned_at__isnull=True)
    if out.exists():
        raise ValidationError({"volumes": "One of these volumes is already out or waiting for a decision"})
    destination = _required(destination, "Enter where the file is going")
    reason = _required(reason, "Enter why the file needs to leave its usual place")
    security_measures = _required(security_measures, "Enter how the file will be kept secure while it is away")
    if return_by < timezone.localdate():
        raise ValidationError({"return_by": "The agreed return date must be today or in the future"})
    removal = PaperFileRemoval.objects.create(
        child=child, requested_by=by, destination=destination[:300], reason=reason,
        security_measures=security_measures, return_by=return_by,
    )
    removal.volumes.set(volumes)
    record_event(actor=by, action=AuditAction.ASKED_TO_REMOVE_PAPER_FILE, child=child,
                 detail=f"removal {removal.pk}; return by {return_by:%Y-%m-%d}")
    return removal


def _undecided(removal) -> PaperFileRemoval:
    removal = PaperFileRemoval.objects.select_for_update().get(pk=removal.pk)
    if removal.approved_at or removal.refused_at:
        raise ValidationError("This request has already been decided.")
    return removal


@transaction.atomic
def approve_removal(*, removal: PaperFileRemoval, by) -> list:
    """§15.1: a manager of the child's team approves; those who may need the file are told it has gone.

    Returns the people told.
    """
    require(by, removal.child_id, Need.MANAGE)
    if not may_decide_removal(by, removal.child):
        raise PermissionDenied("Only a manager of the child's team approves taking a paper file out.")
    removal = _undecided(removal)
    removal.approved_by, removal.approved_at = by, timezone.now()
    removal.save()
    told = people_to_tell(removal.child, except_ids={by.pk, removal.requested_by_id})
    volumes = ", ".join(str(v.number) for v in removal.volumes.order_by("number"))
    local_id = removal.child.local_id
    for person in told:
        if person.email:
            # Local ID only, never the destination, reason or anything restricted (§14).
            send_mail(
                f"Casework: paper file of {local_id} removed",
                f"Volume {volumes} of the paper file of {local_id} has been taken from its usual place by "
                f"{removal.requested_by.get_full_name()}, approved by {by.get_full_name()}. It is due back by "
                f"{removal.return_by:%d %B %Y}. Sign in to casework to see where it is.",
                settings.DEFAULT_FROM_EMAIL, [person.email],
            )
    record_event(actor=by, action=AuditAction.APPROVED_PAPER_FILE_REMOVAL, child=removal.child,
                 detail=f"removal {removal.pk}; told: " + (", ".join(p.get_full_name() for p in told) or "nobody else"))
    return told


@transaction.atomic
def refuse_removal(*, removal: PaperFileRemoval, by, reason: str) -> PaperFileRemoval:
    require(by, removal.child_id, Need.MANAGE)
    if not may_decide_removal(by, removal.child):
        raise PermissionDenied("Only a manager of the child's team refuses taking a paper file out.")
    reason = _required(reason, "Enter why the request is refused")
    removal = _undecided(removal)
    removal.refused_by, removal.refused_at, removal.refusal_reason = by, timezone.now(), reason
    removal.save()
    record_event(actor=by, action=AuditAction.REFUSED_PAPER_FILE_REMOVAL, child=removal.child,
                 detail=f"removal {removal.pk}")
    return removal


@transaction.atomic
def record_return(*, removal: PaperFileRemoval, by, returned_on: date | None = None) -> PaperFileRemoval:
    """§15.1: the file is back in its usual place (when, and who recorded it). Closes the overdue flag."""
    require(by, removal.child_id, Need.WRITE)
    removal = PaperFileRemoval.objects.select_for_update().get(pk=removal.pk)
    if removal.approved_at is None:
        raise ValidationError("Only a file taken out with approval can be returned.")
    if removal.returned_at is not None:
        raise ValidationError("The return of this file has already been recorded.")
    today = timezone.localdate()
    returned_on = returned_on or today
    if returned_on > today:
        raise ValidationError({"returned_on": "The date of return cannot be in the future"})
    if returned_on < timezone.localdate(removal.approved_at):
        raise ValidationError({"returned_on": "The date of return cannot be before the removal was approved"})
    returned_at = timezone.now() if returned_on == today else timezone.make_aware(datetime.combine(returned_on, time(12)))
    removal.returned_at, removal.returned_recorded_by = returned_at, by
    removal.save()
    record_event(actor=by, action=AuditAction.RECORDED_PAPER_FILE_RETURN, child=removal.child,
                 detail=f"removal {removal.pk}")
    return removal

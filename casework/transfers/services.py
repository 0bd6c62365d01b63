"""Case transfers to another team (§15.2). Services validate, save and audit in one transaction.

How a transfer meets allocation and per-child permissions (casework.children.services.allocate_case,
access.permissions.services):

- The sending team keeps the case, and its access, until the receiving team confirms: the record is
  never without an owner. Recording the transfer gives the receiving team's manager `view_child`
  (an allocation grant) so that they can open the record and check that it arrived.
- Confirmation allocates the case to the receiving team, awaiting allocation, through allocate_case:
  the receiving team and its manager gain their access (manager: `view_restricted` too), and what the
  sending allocation granted (the sending team, its manager, the worker) is withdrawn. The receiving
  manager then allocates a worker as for any case.
- The sender keeps seeing the transfer, and its confirmation, on the Transfers page, which names the
  child by local child ID only: after confirmation they may no longer open the record.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone

from access.permissions import services as permissions
from casework.children.authorisation import Need, require

from access.staff import roles
from access.audit.services import record_event
from access.models import AuditAction, GrantSource
from casework.models import Allocation, Case, CaseTransfer, PreTransferAudit
from casework.children.services import allocate_case
from casework.transfers.models import AUDIT_CHECKS

# Sent inside confirm_transfer's transaction when the child has paper file volumes (§15.2), with
# transfer, location, moved_on and by. records.paper_files.services.move_volumes_on_transfer records the
# moves (connected in records.apps); an exception there undoes the confirmation.
paper_files_transferred = Signal()

AUDIT_VALID_DAYS = 28  # an older audit may no longer describe the record


def current_allocation(case: Case) -> Allocation | None:
    return Allocation.objects.select_related("team__manager", "worker").filter(case=case, ended_at__isnull=True).first()


def may_send(user, case: Case) -> bool:
    """The manager of the team that holds the case (or a superuser) audits and transfers it."""
    if not user.is_authenticated or not case.is_open:
        return False
    if user.is_superuser:
        return True
    allocation = current_allocation(case)
    return roles.is_team_manager(user) and allocation is not None and allocation.team.manager_id == user.pk


def may_confirm(user, transfer: CaseTransfer) -> bool:
    return user.is_authenticated and (user.is_superuser or transfer.to_team.manager_id == user.pk)


def awaiting_transfer(case: Case) -> CaseTransfer | None:
    return case.transfers.filter(confirmed_at__isnull=True).select_related("to_team", "from_team").first()


def usable_audit(case: Case) -> PreTransferAudit | None:
    """The latest pre-transfer audit of the case, recent and not yet used by a transfer."""
    since = timezone.now() - timedelta(days=AUDIT_VALID_DAYS)
    return case.pre_transfer_audits.filter(transfer__isnull=True, audited_at__gte=since).order_by("-audited_at").first()


def transfers_for_child(child) -> QuerySet[CaseTransfer]:
    return (CaseTransfer.objects.filter(case__child=child)
            .select_related("from_team", "to_team", "transferred_by", "confirmed_by", "audit__audited_by"))


def transfers_for_manager(user) -> QuerySet[CaseTransfer]:
    """Transfers out of or into the teams this user manages, or that they sent or confirmed (newest first)."""
    rows = CaseTransfer.objects.select_related("case__child", "from_team", "to_team", "transferred_by",
                                               "confirmed_by")
    if not user.is_superuser:
        rows = rows.filter(Q(from_team__manager=user) | Q(to_team__manager=user) | Q(transferred_by=user)
                           | Q(confirmed_by=user))
    return rows.order_by("-recorded_at", "-id")


def has_completed_summary(case) -> bool:
    """A completed case summary or transfer summary on the case: what the pre-transfer audit needs (§5.3, §5.5).
    Entries live in `records`; the relation is read by name so that casework does not import records."""
    return case.entries.filter(kind__in=["transfer_summary", "case_summary"], status="completed").exists()


@transaction.atomic
def record_pre_transfer_audit(*, case: Case, by, notes: str = "", **checks: bool) -> PreTransferAudit:
    """§15.2: before a transfer, a manager checks all relevant information and documents are on the record."""
    require(by, case.child_id, Need.MANAGE)
    if not may_send(by, case):
        raise PermissionDenied("Only the manager of the team that holds the case audits it before transfer.")
    missing = {name: f"Confirm: {label[0].lower()}{label[1:]}" for name, label in AUDIT_CHECKS if not checks.get(name)}
    if missing:
        raise ValidationError(missing)
    # The summary must really exist, not only be ticked.
    if not has_completed_summary(case):
        raise ValidationError({"summary_written": "There is no completed case summary or transfer summary on this "
                                                  "case. Write and complete one before the audit"})
    audit = PreTransferAudit.objects.create(case=case, audited_by=by, notes=(notes or "").strip(),
                                            **{name: True for name, _ in AUDIT_CHECKS})
    record_event(actor=by, action=AuditAction.PRE_TRANSFER_AUDIT, child=case.child, detail=f"audit {audit.pk}")
    return audit


@transaction.atomic
def transfer_case(*, case: Case, by, to_team, transfer_date: date, reason: str) -> CaseTransfer:
    """§15.2: send the case to another team on a date; it awaits the receiving manager's confirmation."""
    require(by, case.child_id, Need.MANAGE)
    if not may_send(by, case):
        raise PermissionDenied("Only the manager of the team that holds the case transfers it.")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if awaiting_transfer(case) is not None:
        raise ValidationError("This case is already awaiting confirmation of a transfer.")
    audit = usable_audit(case)
    if audit is None:
        raise ValidationError(f"Record the pre-transfer audit of the record first. An audit is valid for "
                              f"{AUDIT_VALID_DAYS} days and for one transfer.")
    from_team = current_allocation(case).team
    if to_team is None or to_team.pk == from_team.pk:
        raise ValidationError({"to_team": "Choose another team than the one that holds the case"})
    if to_team.manager_id is None:
        raise ValidationError({"to_team": f"{to_team.name} has no team manager to confirm the record arrived"})
    if transfer_date > timezone.localdate():
        raise ValidationError({"transfer_date": "The transfer date cannot be in the future"})
    if transfer_date < timezone.localdate(audit.audited_at):
        raise ValidationError({"transfer_date": "The transfer date cannot be before the pre-transfer audit"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the case is transferring"})
    transfer = CaseTransfer.objects.create(case=case, audit=audit, from_team=from_team, to_team=to_team,
                                           transfer_date=transfer_date, reason=reason, transferred_by=by)
    # The receiving manager must be able to open the record to confirm it arrived.
    permissions.grant_to_user(user=to_team.manager, child=case.child, codename=permissions.VIEW_CHILD,
                              source=GrantSource.ALLOCATION, by=by)
    record_event(actor=by, action=AuditAction.TRANSFERRED_CASE, child=case.child, subject_user=to_team.manager,
                 detail=f"transfer {transfer.pk}: {from_team.name} to {to_team.name}")
    if to_team.manager.email:
        # Local ID only: e-mail leaves the system (§14).
        send_mail(f"Casework: case {case.child.local_id} transferred to {to_team.name}",
                  f"{by.get_full_name()} transferred the case of {case.child.local_id} from {from_team.name} to "
                  f"{to_team.name} on {transfer_date:%d %B %Y}. Sign in to casework to confirm the record arrived.",
                  settings.DEFAULT_FROM_EMAIL, [to_team.manager.email])
    return transfer


@transaction.atomic
def confirm_transfer(*, transfer: CaseTransfer, by, notes: str = "", paper_files_location: str = "",
                     paper_files_moved_on: date | None = None) -> CaseTransfer:
    """§15.2: the receiving manager confirms the record arrived; the case moves to their team, awaiting allocation.

    Paper file volumes that moved are recorded at their new location with the date of transfer.
    """
    require(by, transfer.case.child_id, Need.MANAGE)
    if not may_confirm(by, transfer):
        raise PermissionDenied("Only the receiving team's manager confirms the record arrived.")
    transfer = CaseTransfer.objects.select_for_update().select_related("case__child", "from_team", "to_team").get(
        pk=transfer.pk)
    if transfer.confirmed_at is not None:
        raise ValidationError("This transfer has already been confirmed.")
    case, child = transfer.case, transfer.case.child
    if not case.is_open:
        raise ValidationError("The case was closed after it was transferred; it cannot be confirmed.")
    volumes = list(child.paper_volumes.all())  # records.PaperFileVolume, read by name
    paper_files_location = (paper_files_location or "").strip()
    if volumes and not paper_files_location:
        raise ValidationError({"paper_files_location": "Enter where the paper files are kept now"})
    if volumes and paper_files_moved_on is None:
        raise ValidationError({"paper_files_moved_on": "Enter the date the paper files moved"})
    if paper_files_moved_on and (paper_files_moved_on > timezone.localdate()):
        raise ValidationError({"paper_files_moved_on": "The date the paper files moved cannot be in the future"})
    if paper_files_moved_on and paper_files_moved_on < transfer.transfer_date:
        raise ValidationError({"paper_files_moved_on": "The date the paper files moved cannot be before the transfer"})
    now = timezone.now()
    transfer.confirmed_by, transfer.confirmed_at = by, now
    transfer.confirmation_notes = (notes or "").strip()
    if volumes:
        transfer.paper_files_location, transfer.paper_files_moved_on = paper_files_location, paper_files_moved_on
    transfer.save()
    # Paper files first: moving them checks that the confirmer may write on the record, which they
    # may while the sending allocation still stands.
    if volumes:
        # casework may not import records: records.paper_files receives this and moves the volumes.
        paper_files_transferred.send(sender=CaseTransfer, transfer=transfer, location=paper_files_location,
                                     moved_on=paper_files_moved_on, by=by)
    allocation = current_allocation(case)
    if allocation is None or allocation.team_id != transfer.to_team_id:
        allocate_case(case=case, team=transfer.to_team, worker=None, by=by,
                      reason=f"Transfer from {transfer.from_team.name}", transfer=transfer)
    # The sending team's access ends, as the transfer page says: the referral grant of whoever recorded it there too.
    permissions.withdraw_referral_grants_of_team(team=transfer.from_team, child=child, by=by)
    record_event(actor=by, action=AuditAction.CONFIRMED_CASE_TRANSFER, child=child,
                 detail=f"transfer {transfer.pk}")
    sender = transfer.transferred_by
    if sender.email:
        send_mail(f"Casework: {transfer.to_team.name} confirmed the record of {child.local_id} arrived",
                  f"{by.get_full_name()} confirmed on {timezone.localtime(now):%d %B %Y} that the record of "
                  f"{child.local_id} arrived in {transfer.to_team.name}.",
                  settings.DEFAULT_FROM_EMAIL, [sender.email])
    return transfer

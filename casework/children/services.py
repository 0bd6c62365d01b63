"""Writes about children and cases. Each service validates, saves and audits in one transaction."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from access.permissions import services as permissions
from access.audit.services import record_event
from access.models import AuditAction, GrantSource
from casework.children.identity import generate_local_id, normalise_for_search
from casework.children.authorisation import Need, require
from casework.children.changes import case_facts_changed
from casework.children.models import workers_taken_over_from
from casework.models import Allocation, Case, CaseTransfer, Child, LegalStatus
from casework.returns import codes

NAME_SIMILARITY_THRESHOLD = 0.8


@dataclass(frozen=True)
class PossibleDuplicates:
    visible: list[Child]
    hidden_count: int

    def __bool__(self):
        return bool(self.visible) or self.hidden_count > 0


def _names_similar(a: str, b: str) -> bool:
    a, b = normalise_for_search(a), normalise_for_search(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY_THRESHOLD


def find_possible_duplicates(*, user, first_name, last_name, date_of_birth, nhs_number="") -> PossibleDuplicates:
    """Existing children with the same date of birth and a similar name, or the same NHS number.

    Those the user may not open are counted but never named, so the warning reveals nothing about
    them beyond "ask before creating another record".
    """
    candidates = Child.objects.none()
    if date_of_birth:
        candidates = Child.objects.filter(date_of_birth=date_of_birth) | Child.objects.filter(
            expected_date_of_birth=date_of_birth
        )
    matches = {
        child.pk
        for child in candidates.only("pk", "first_name", "last_name", "preferred_name")
        if _names_similar(f"{first_name} {last_name}", f"{child.first_name} {child.last_name}")
        or (child.preferred_name and _names_similar(f"{first_name} {last_name}", f"{child.preferred_name} {child.last_name}"))
    }
    if nhs_number:
        matches |= set(Child.objects.filter(nhs_number=nhs_number).values_list("pk", flat=True))
    if not matches:
        return PossibleDuplicates(visible=[], hidden_count=0)
    visible = list(Child.objects.visible_to(user).filter(pk__in=matches))
    return PossibleDuplicates(visible=visible, hidden_count=len(matches) - len(visible))


def _save_with_new_local_id(child: Child) -> None:
    for _ in range(10):
        child.local_id = generate_local_id()
        try:
            with transaction.atomic():
                child.save()
            return
        except IntegrityError:
            if Child.objects.filter(local_id=child.local_id).exists():
                continue
            raise
    raise RuntimeError("Could not find an unused local child ID")


@transaction.atomic
def create_child_with_referral(*, by, team, child: Child, case: Case) -> Child:
    """Open a record for a new child (§1) with its first case, sitting with `team` awaiting allocation.

    `child` and `case` are unsaved, already validated instances. The person recording the referral
    can see the record they made; the team and its manager can see it to allocate it.
    """
    if team is None:
        raise ValidationError("You need to belong to a team to record a referral.")
    codes.check(codes.ETHNICITY, child.ethnicity, what="the child's ethnicity")
    codes.check(codes.REFERRAL_SOURCE, case.referral_source, what="who made the referral")
    child.full_clean(exclude=["local_id", "search_name"])
    _save_with_new_local_id(child)
    case.child = child
    _open_case(case=case, team=team, by=by, detail=f"team: {team.name}")
    permissions.grant_to_user(
        user=by, child=child, codename=permissions.VIEW_CHILD, source=GrantSource.REFERRAL, by=by
    )
    return child


def _open_case(*, case: Case, team, by, detail: str) -> None:
    """A referral's case opens sitting with `team`, awaiting allocation; the team may see the record, and the
    case's statutory visit clock starts (and a closed record stops waiting for its retention date)."""
    case.recorded_by = by
    case.full_clean()
    case.save()
    Allocation.objects.create(case=case, team=team, worker=None, allocated_by=by, reason="New referral")
    record_event(actor=by, action=AuditAction.RECORDED_REFERRAL, child=case.child, detail=detail)
    _grant_team_access(team=team, child=case.child, by=by)
    case_facts_changed([case.child_id])


def _grant_team_access(*, team, child, by) -> None:
    permissions.grant_to_group(
        group=team.group, child=child, codename=permissions.VIEW_CHILD, source=GrantSource.ALLOCATION, by=by
    )
    if team.manager_id:
        for codename in (permissions.VIEW_CHILD, permissions.VIEW_RESTRICTED):
            permissions.grant_to_user(
                user=team.manager, child=child, codename=codename, source=GrantSource.ALLOCATION, by=by
            )


TEAM_CHANGE_NEEDS_TRANSFER = (
    "Allocation moves a case between workers of the same team. To move it to another team, transfer the case: "
    "a manager audits the record first and the receiving team's manager confirms it arrived"
)


def _team_change_allowed(*, case: Case, previous: Allocation | None, team, transfer) -> bool:
    """§15.2: a case changes team only when the receiving manager confirms a transfer (casework.transfers)."""
    if previous is None or previous.team_id == team.pk:
        return True
    # Read again from the database: only a transfer confirmed through confirm_transfer counts.
    return transfer is not None and CaseTransfer.objects.filter(
        pk=transfer.pk, case=case, from_team_id=previous.team_id, to_team=team, confirmed_at__isnull=False
    ).exists()


SW_REASON_FIELD = "sw_change_reason"


def _looked_after(child_id) -> bool:
    today = timezone.localdate()
    return LegalStatus.objects.filter(child_id=child_id, start_date__lte=today).exclude(ls_code="").exclude(
        end_date__lte=today).exists()


def _check_sw_change_reason(*, case: Case, previous: Allocation | None, worker, code: str) -> None:
    """Issue 17: the reason one social worker takes over from another, in the DfE's codes. Asked only while the
    child is looked after (the SSDA903 return's social worker episodes); "first contact" is for a first worker or
    the first after a time with none, never for a change from one worker to another (the DfE's rule SW10b)."""
    changing = previous is not None and previous.worker_id is not None and worker is not None
    if code:
        if worker is None:
            raise ValidationError({SW_REASON_FIELD: "Leave the reason for the change of social worker empty: "
                                                    "the case is to await allocation"})
        try:
            codes.check(codes.SW_REASON, code, what="the reason for the change of social worker")
        except ValidationError as error:
            raise ValidationError({SW_REASON_FIELD: error.messages[0]}) from None
        if changing and code == codes.FIRST_CONTACT:
            raise ValidationError({SW_REASON_FIELD: "First contact is only for the child's first social worker, "
                                                    "or the first after a time with none. Select why the social "
                                                    "worker changed"})
    elif changing and _looked_after(case.child_id):
        raise ValidationError({SW_REASON_FIELD: "Select the reason for the change of social worker: the child is "
                                                "looked after, and the Department for Education's return asks it"})


@transaction.atomic
def record_sw_change_reason(*, allocation: Allocation, code: str, by) -> Allocation:
    """Issue 17: the reason a social worker took over a looked-after child's case, given after the change (a change
    made before the question was asked, or by the admin). Only the team manager's (Need.MANAGE); the history keeps
    what it said before."""
    require(by, allocation.case.child_id, Need.MANAGE)
    case = allocation.case
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if allocation.worker_id is None:
        raise ValidationError("This allocation placed the case with the team only: no social worker changed")
    if not code:
        raise ValidationError({SW_REASON_FIELD: "Select the reason for the change of social worker"})
    previous = (workers_taken_over_from(case.child_id, allocation.started_at)
                .order_by("-started_at", "-id").first())
    _check_sw_change_reason(case=case, previous=previous, worker=allocation.worker, code=code)
    if allocation.sw_change_reason == code:
        return allocation
    allocation.sw_change_reason = code
    allocation.save(update_fields=["sw_change_reason"])
    record_event(actor=by, action=AuditAction.GAVE_WORKER_CHANGE_REASON, child=case.child,
                 subject_user=allocation.worker,
                 detail=f"allocation of {timezone.localdate(allocation.started_at):%-d %B %Y}: {code}")
    return allocation


@transaction.atomic
def allocate_case(*, case: Case, team, worker, by, reason: str = "", transfer: CaseTransfer | None = None,
                  sw_change_reason: str = "") -> Allocation:
    """Allocate or reallocate an open case within its team: end the current allocation, start a new one, move access.

    The new worker, the team (its group) and the team's manager gain `view_child` (worker and manager
    also `view_restricted`); what the previous allocation granted is withdrawn unless it was granted
    explicitly or is still needed by the new allocation. A case moves to another team only with the
    confirmed `transfer` that moves it (§15.2), whoever asks (a superuser or the admin included).
    `sw_change_reason` is the DfE's reason for the change of social worker (issue 17, the SSDA903 return's social
    worker episodes): needed when one worker takes over from another while the child is looked after.
    """
    require(by, case.child_id, Need.MANAGE)
    if not case.is_open:
        raise ValidationError("This case is closed. Open a new case before allocating it.")
    if worker is not None:
        profile = getattr(worker, "staff_profile", None)
        if profile is None or profile.team_id != team.pk:
            raise ValidationError(f"{worker.get_full_name()} is not a member of {team.name}.")
    child = case.child
    now = timezone.now()
    # Lock the case so that two managers allocating at once are applied one after the other.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    previous = (
        Allocation.objects.select_related("team__manager", "worker").filter(case=case, ended_at__isnull=True).first()
    )
    if not _team_change_allowed(case=case, previous=previous, team=team, transfer=transfer):
        raise ValidationError(TEAM_CHANGE_NEEDS_TRANSFER)
    if previous is not None:
        if previous.team_id == team.pk and previous.worker_id == (worker.pk if worker else None):
            raise ValidationError("The case is already allocated to this worker in this team.")
    _check_sw_change_reason(case=case, previous=previous, worker=worker, code=sw_change_reason)
    if previous is not None:
        previous.ended_at = now
        previous.save()
    allocation = Allocation.objects.create(
        case=case, team=team, worker=worker, started_at=now, allocated_by=by, reason=reason,
        sw_change_reason=sw_change_reason,
    )
    record_event(
        actor=by,
        action=AuditAction.ALLOCATED_CASE,
        child=child,
        subject_user=worker,
        detail=f"team: {team.name}; worker: {worker.get_full_name() if worker else 'awaiting allocation'}",
    )
    if worker is not None:
        for codename in (permissions.VIEW_CHILD, permissions.VIEW_RESTRICTED):
            permissions.grant_to_user(user=worker, child=child, codename=codename, source=GrantSource.ALLOCATION, by=by)
    _grant_team_access(team=team, child=child, by=by)

    if previous is not None:
        keep_user_ids = {worker.pk if worker else None, team.manager_id}
        if previous.worker_id and previous.worker_id not in keep_user_ids:
            permissions.withdraw_allocation_grants_from_user(user=previous.worker, child=child, by=by)
        if previous.team_id != team.pk:
            permissions.withdraw_allocation_grants_from_group(group=previous.team.group, child=child, by=by)
            if previous.team.manager_id and previous.team.manager_id not in keep_user_ids:
                permissions.withdraw_allocation_grants_from_user(user=previous.team.manager, child=child, by=by)
    return allocation


@transaction.atomic
def record_new_referral(*, by, child: Child, team, referral_date, referral_source: str, referral_reason: str) -> Case:
    """A child known before is referred again (§1: one record for each child): a new case opens on the same record,
    sitting with `team` awaiting allocation, as a new child's first case does. One case is open at a time, and a
    new referral comes after the last case closed."""
    require(by, child.pk, Need.WRITE)
    if team is None:
        raise ValidationError("You need to belong to a team to record a referral.")
    Child.objects.select_for_update().filter(pk=child.pk).get()  # two referrals at once cannot both open a case
    if child.cases.filter(closure_date__isnull=True).exists():
        raise ValidationError("This child already has an open case. Record what has happened on that case")
    last = child.cases.exclude(closure_date__isnull=True).order_by("-closure_date").first()
    if last is not None and referral_date < last.closure_date:
        raise ValidationError({"referral_date": f"The referral date must be on or after the day the last case "
                                                f"closed, {last.closure_date:%-d %B %Y}"})
    codes.check(codes.REFERRAL_SOURCE, referral_source, what="who made the referral")
    case = Case(child=child, referral_date=referral_date, referral_source=referral_source,
                referral_reason=referral_reason)
    _open_case(case=case, team=team, by=by, detail=f"team: {team.name}; referred again")
    return case


@transaction.atomic
def close_case(*, case: Case, closure_date, closure_reason: str, closure_notes: str, by) -> Case:
    """Close a case with its reason. The current allocation ends; access stays for the record's history."""
    require(by, case.child_id, Need.MANAGE)
    if not case.is_open:
        raise ValidationError("This case is already closed.")
    codes.check(codes.CLOSURE_REASON, closure_reason, what="the reason for closing the case")
    if closure_reason in codes.CLOSED_AFTER_ASSESSMENT and (
            case.section47_enquiries.exists() or case.protection_plans.exists() or case.cin_plans.exists()):
        raise ValidationError("The case had a section 47 enquiry or a plan, so it did not close after assessment. "
                              "Select another reason")
    # §5.3: the record must include a closing summary. (The entries live in `records`; the relation is
    # read by name here so that casework's code does not import records.)
    if not case.entries.filter(kind="closing_summary", status="completed").exists():
        raise ValidationError("Write and complete a closing summary before closing the case.")
    case.closure_date = closure_date
    case.closure_reason = closure_reason
    case.closure_notes = closure_notes
    case.full_clean()
    case.save()
    for allocation in Allocation.objects.filter(case=case, ended_at__isnull=True):
        allocation.ended_at = timezone.now()
        allocation.save()
    record_event(actor=by, action=AuditAction.CLOSED_CASE, child=case.child, detail=closure_reason)
    case_facts_changed([case.child_id])  # a closed case has no statutory visit clock
    return case


EMERGENCY_ACCESS_HOURS = 24


@transaction.atomic
def grant_emergency_access(*, user, child: Child, reason: str):
    """Emergency duty staff open a record for 24 hours, stating why; the team manager is told (§4: EDT)."""
    from datetime import timedelta

    from django.conf import settings
    from django.core.mail import send_mail

    from access.staff import roles
    from access.models import EmergencyAccess

    if not roles.has_role(user, roles.EMERGENCY_DUTY):
        raise ValidationError("Only emergency duty staff can use emergency access.")
    if len(reason.strip()) < 10:
        raise ValidationError("Explain why you need the record now, in a sentence.")
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        user=user, child=child, reason=reason.strip(), started_at=now,
        expires_at=now + timedelta(hours=EMERGENCY_ACCESS_HOURS),
    )
    record_event(actor=user, action=AuditAction.EMERGENCY_ACCESS, child=child, subject_user=user, detail=reason.strip())
    allocation = Allocation.objects.filter(case__child=child, ended_at__isnull=True).select_related("team__manager").first()
    manager = allocation.team.manager if allocation else None
    if manager is not None and manager.email:
        # Local ID only: e-mail leaves the system (§14).
        send_mail(
            f"Casework: emergency access to {child.local_id}",
            f"{user.get_full_name()} (emergency duty) opened the record of {child.local_id} at "
            f"{timezone.localtime(now):%H:%M on %d %B %Y} for 24 hours. Sign in to casework to see why.",
            settings.DEFAULT_FROM_EMAIL, [manager.email],
        )
    return access


@transaction.atomic
def record_emergency_search(*, user, kind: str, shown: list[Child], more: bool = False) -> None:
    """§4 (EDT), §14: an emergency duty search is an audit event: who, when, by what kind of detail, and the local IDs
    of the children shown (what was disclosed). What was typed is not kept: a name or date of birth searched for
    may be of someone the service does not know, and the local IDs shown answer "who saw whose details"."""
    from access.staff import roles

    if not roles.has_role(user, roles.EMERGENCY_DUTY):
        raise PermissionDenied("Only emergency duty staff search every child.")
    ids = ", ".join(child.local_id for child in shown)
    detail = f"by {kind}; " + (f"shown {len(shown)}{' (more not shown)' if more else ''}: {ids}" if shown
                               else "no child shown")
    record_event(actor=user, action=AuditAction.EMERGENCY_DUTY_SEARCH, subject_user=user, detail=detail)


@transaction.atomic
def grant_restricted_access(*, child: Child, user, by, reason: str) -> None:
    """§7: a manager lets someone else see the child's restricted information, with a reason (audited)."""
    require(by, child, (Need.MANAGE, Need.VIEW_RESTRICTED))
    if not reason.strip():
        raise ValidationError("Enter why this person needs to see restricted information.")
    for codename in (permissions.VIEW_CHILD, permissions.VIEW_RESTRICTED):
        permissions.grant_to_user(user=user, child=child, codename=codename, source=GrantSource.EXPLICIT, by=by,
                                  reason=reason.strip())


# §3, §6: how the child communicates, and the support they need to take part in their recording.
ARTICLE = {"advocate": "an", "signer": "a"}
COMMUNICATION_FIELDS = ("preferred_language", "communication_method", "interpreter_needed",
                        "advocate_needed", "advocate_name", "signer_needed", "signer_name")


@transaction.atomic
def update_communication_needs(*, child: Child, by, **needs) -> Child:
    """Change the child's communication needs: language, interpreter, advocate and signer (simple-history keeps each version)."""
    require(by, child, Need.WRITE)
    if set(needs) != set(COMMUNICATION_FIELDS):
        raise ValueError(f"Give exactly these: {', '.join(COMMUNICATION_FIELDS)}")
    needs = {name: value.strip() if isinstance(value, str) else value for name, value in needs.items()}
    if not needs["preferred_language"]:
        raise ValidationError("Enter the child's preferred language.")
    for role in ("advocate", "signer"):
        if needs[f"{role}_name"] and not needs[f"{role}_needed"]:
            raise ValidationError(f"Leave the {role}'s name empty, or answer yes: the child needs {ARTICLE[role]} {role}.")
    child = Child.objects.select_for_update().get(pk=child.pk)
    for name, value in needs.items():
        setattr(child, name, value)
    child.save()
    return child


IDENTITY_DETAILS = ("sex", "ethnicity", "disabilities", "upn", "upn_unknown_reason", "date_of_death", "is_mother",
                    "mothers_child_born")


@transaction.atomic
def update_identity_details(*, child: Child, by, sex: str, ethnicity: str, disabilities: list[str], upn: str,
                            upn_unknown_reason: str, date_of_death, is_mother: bool | None = None,
                            mothers_child_born=None) -> Child:
    """The child's details the statutory returns ask (issue 17), in the DfE's codes for this collection year.
    simple-history keeps each earlier version."""
    require(by, child, Need.WRITE)
    codes.check(codes.SEX, sex, what="the child's sex")
    codes.check(codes.ETHNICITY, ethnicity, what="the child's ethnicity")
    for code in disabilities:
        codes.check(codes.DISABILITY, code, what="the child's disabilities")
    if codes.NO_DISABILITY in disabilities and len(disabilities) > 1:
        raise ValidationError("Select 'No disability' on its own, or select the child's disabilities.")
    upn = codes.normalise_upn(upn)
    if upn and codes.upn_problem(upn):
        raise ValidationError(codes.upn_problem(upn))
    if upn_unknown_reason:
        if upn:
            raise ValidationError("Leave the reason the UPN is not known empty: the child has a UPN.")
        codes.check(codes.UPN_UNKNOWN, upn_unknown_reason, what="why the UPN is not known")
    child = Child.objects.select_for_update().get(pk=child.pk)
    if date_of_death is not None and (child.is_unborn or date_of_death > timezone.localdate()
                                      or date_of_death < child.date_of_birth):
        raise ValidationError("The date of death must be between the date of birth and today.")
    # The children looked after return: whether a girl or young woman is a mother, and her first child's birth date.
    if is_mother is not None and sex != "F":
        raise ValidationError("Leave 'Is she a mother?' empty: the return asks it of girls and young women.")
    if mothers_child_born is not None and (
            is_mother is not True or mothers_child_born > timezone.localdate()
            or (child.date_of_birth and mothers_child_born <= child.date_of_birth)):
        raise ValidationError("The date her first child was born is given only for a mother, after her own birth "
                              "and not in the future.")
    child.is_mother, child.mothers_child_born = is_mother, mothers_child_born
    child.sex, child.ethnicity, child.upn, child.upn_unknown_reason = sex, ethnicity, upn, upn_unknown_reason
    child.disabilities = sorted(set(disabilities))
    child.date_of_death = date_of_death
    child.full_clean(exclude=["local_id", "search_name"])
    child.save()
    return child


@transaction.atomic
def update_case_return_details(*, case: Case, by, referral_source: str, primary_need: str, referral_nfa) -> Case:
    """What the children in need census asks of a case (issue 17): the source of referral, the primary need and
    whether the referral led to no further action, in the DfE's codes. simple-history keeps each earlier version."""
    require(by, case.child_id, Need.WRITE)
    codes.check(codes.REFERRAL_SOURCE, referral_source, what="who made the referral")
    if primary_need:
        codes.check(codes.PRIMARY_NEED, primary_need, what="the primary need")
    if referral_nfa not in (True, False, None):
        raise ValueError("referral_nfa is True, False or None")
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.referral_source, case.primary_need, case.referral_nfa = referral_source, primary_need, referral_nfa
    case.full_clean()
    case.save()
    return case

"""Services for entries: visits (§5.2), contacts (§5.3) and decisions (§4), from plan to signature.

Each service validates, saves and is attributed (simple-history) in one transaction. A completed
entry is never edited in place: `amend_entry` keeps the earlier version with a reason (§12).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from access.audit.history import change_reason
from casework.children.changes import case_facts_changed
from casework.children.authorisation import Need, awaits_endorsement_by, may, require
from casework.models import Case, Child
from casework.recording.lateness import author_of
from records.designs.services import approved_design_for
from records.entries.selectors import INTERVENTION_KINDS, linkable_outcomes, progress_outcomes
from records.models import (
    ClosedCaseRecordingPermission, DraftAutosave, Entry, EntryAmendment, InterventionOutcome,
    OutcomeProgress, PlanOutcome, RecordKind,
)
from records.designs.rendering import SUPPLIED_BY_MAX, required_message, sources_of, supplied_by_message
from records.entries import timescales
from records.entries.timescales import working_calendar  # noqa: F401  (§4, §10; callers use services.working_calendar)
from records.models import SameDayReason

Status = Entry.Status


class DraftConflict(Exception):
    """Another tab or window saved this draft since this one loaded it."""

    def __init__(self, saved_at):
        self.saved_at = saved_at
        local = timezone.localtime(saved_at)
        super().__init__(
            f"This draft was changed in another tab or window at {local:%H:%M:%S}. "
            "Nothing here has been lost: copy anything you need, then reload the page to see the latest version."
        )


def recording_case(child: Child) -> Case:
    """The case new entries go on: the open one, else the latest closed one if a manager allowed it."""
    case = child.cases.filter(closure_date__isnull=True).first()
    if case is not None:
        return case
    case = child.cases.order_by("-closure_date").first()
    if case is None or not closed_case_allows_recording(case):
        raise ValidationError(
            "This child's case is closed. Ask a team manager for permission to write on a closed case."
        )
    return case


def closed_case_allows_recording(case: Case) -> bool:
    today = timezone.localdate()
    return case.is_open or ClosedCaseRecordingPermission.objects.filter(case=case, until__gte=today).exists()


def _require_writable(entry: Entry) -> None:
    if entry.status == Status.COMPLETED:
        raise ValidationError("This entry is completed and signed. To change it, amend it with a reason.")
    if not closed_case_allows_recording(entry.case):
        raise ValidationError(
            "This case is closed. Ask a team manager for permission to write on a closed case."
        )


def _require_author(entry: Entry, by) -> None:
    if entry.recorded_by_id != by.pk:
        raise PermissionDenied("Only the person recording this entry can change its draft.")


def _new_entry(*, child: Child, kind: str, by, event_at, status, **fields) -> Entry:
    design = approved_design_for(kind)
    entry = Entry(
        child=child, case=recording_case(child), kind=kind, form_design=design, status=status,
        event_at=event_at, recorded_by=by, **fields,
    )
    entry.due_at = timescales.due_at_for(working_calendar(), event_at, entry.same_day_reason)
    entry.save()
    DraftAutosave.objects.create(entry=entry)
    return entry


def _same_day_reason(reason: str) -> str:
    """§4: "" (within two working days) or why it must be recorded the same day."""
    if reason and reason not in SameDayReason.values:
        raise ValidationError("Select why this must be recorded the same day.")
    return reason or ""


@transaction.atomic
def plan_visit(*, child: Child, by, event_at, purpose: str, same_day_reason: str = "") -> Entry:
    require(by, child, Need.WRITE)
    return _new_entry(child=child, kind=RecordKind.VISIT, by=by, event_at=event_at, status=Status.PLANNED,
                      planned_purpose=purpose, same_day_reason=_same_day_reason(same_day_reason))


@transaction.atomic
def start_contact(*, child: Child, by, kind: str, event_at, others_present: str, same_day_reason: str = "") -> Entry:
    require(by, child, Need.WRITE)
    if not kind.startswith("contact_"):
        raise ValidationError("Choose a kind of contact.")
    if event_at > timezone.now():
        raise ValidationError("A contact that has happened cannot be in the future.")
    return _new_entry(child=child, kind=kind, by=by, event_at=event_at, status=Status.DRAFT,
                      others_present=others_present, same_day_reason=_same_day_reason(same_day_reason))


@transaction.atomic
def start_decision(*, child: Child, by, event_at, decision_maker_name: str, decision_maker_role: str,
                   same_day_reason: str = "") -> Entry:
    require(by, child, Need.WRITE)
    if event_at > timezone.now():
        raise ValidationError("A decision that has been made cannot be in the future.")
    return _new_entry(child=child, kind=RecordKind.DECISION, by=by, event_at=event_at, status=Status.DRAFT,
                      decision_maker_name=decision_maker_name, decision_maker_role=decision_maker_role,
                      same_day_reason=_same_day_reason(same_day_reason))


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("case").get(pk=entry.pk)


@transaction.atomic
def record_basic_details(*, entry: Entry, by, event_at, who_was_seen, child_seen, reason_child_not_seen,
                         child_seen_alone, venue, others_present, date_change_reason: str = "",
                         carried_out_by=None) -> Entry:
    """§5.2: who was seen, whether the child was seen (and alone), where, and who else was there.

    A visit's date changes only with `date_change_reason` (§4, §10: its due time moves with it).
    §4: and who carried out the visit (`carried_out_by`, a member of staff; by default the person recording).
    """
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    _require_author(entry, by)
    _require_writable(entry)
    if entry.kind != RecordKind.VISIT:
        raise ValidationError("Only a visit has basic details.")
    if event_at > timezone.now():
        raise ValidationError("A visit that took place cannot be in the future.")
    if child_seen is False and not reason_child_not_seen.strip():
        raise ValidationError("Enter why the child was not seen.")
    if child_seen and child_seen_alone is None:
        raise ValidationError("Select yes if the child was seen alone.")
    date_changed = timescales.check_date_change(entry, event_at, date_change_reason)
    previous_event_at, previous_due_at = entry.event_at, entry.due_at
    entry.carried_out_by = _visitor(carried_out_by or by)  # §4
    entry.event_at = event_at
    entry.due_at = timescales.due_at_for(working_calendar(), event_at, entry.same_day_reason)
    entry.who_was_seen = who_was_seen
    entry.child_seen = child_seen
    entry.reason_child_not_seen = reason_child_not_seen if child_seen is False else ""
    entry.child_seen_alone = child_seen_alone if child_seen else None
    entry.venue = venue
    entry.others_present = others_present
    entry.visit_outcome = Entry.VisitOutcome.TOOK_PLACE
    if entry.basic_details_recorded_at is None:
        entry.basic_details_recorded_at = timezone.now()
    if entry.status == Status.PLANNED:
        entry.status = Status.BASIC
    entry.save()
    if date_changed:
        timescales.record_date_change(entry, by=by, previous_event_at=previous_event_at,
                                      previous_due_at=previous_due_at, reason=date_change_reason)
    return entry


@dataclass
class WriteUp:
    answers: dict
    information_source: str
    third_party_source: str
    originator: object
    interpreter_used: str | None  # §5.2: Entry.Presence (yes, no, not needed); visits only
    significant: bool
    outcomes: list | None = None  # §5.4: the plan's outcomes it served; None leaves the links as they are
    household_changed: bool | None = None  # §5.2: visits only; yes prompts updating the household
    originator_name: str = ""  # §4: an originator who is not staff, with their agency
    originator_agency: str = ""
    advocate_present: str = ""  # §6: Entry.Presence; visits and meetings
    # §12: first-hand or third-party per section, {key: {"source", "supplied_by"}}; None leaves them as they are
    section_sources: dict | None = None
    outcome_progress: dict | None = None  # §5.5: case summaries: outcome id -> progress; None: not asked


# --- §12: first-hand or third-party information, per section of an entry ---------------------

SECTION_SOURCES = (Entry.InformationSource.FIRST_HAND, Entry.InformationSource.THIRD_PARTY)


def clean_section_sources(entry: Entry, sources: dict) -> dict:
    """Check and tidy where each section's information came from: a known section, first-hand or from
    someone else, and who supplied every third-party section. Any fault refuses the whole write."""
    if not isinstance(sources, dict):
        raise ValidationError("Say where the information in each section came from.")
    questions = {q.key: q for q in entry.form_design.questions.order_by("position")}
    cleaned = {}
    for key, value in sources.items():
        question = questions.get(key)
        if question is None or not isinstance(value, dict):
            raise ValidationError("Say where the information came from only for the sections of this record.")
        source = value.get("source") or Entry.InformationSource.FIRST_HAND
        supplied_by = value.get("supplied_by") or ""
        if source not in SECTION_SOURCES or not isinstance(supplied_by, str):
            raise ValidationError(f"Select where the information in ‘{question.label}’ came from.")
        supplied_by = supplied_by.strip()
        if source == Entry.InformationSource.THIRD_PARTY and not supplied_by:
            raise ValidationError(supplied_by_message(question))
        if len(supplied_by) > SUPPLIED_BY_MAX:
            raise ValidationError(f"Who supplied the information in ‘{question.label}’ must be "
                                  f"{SUPPLIED_BY_MAX} characters or fewer.")
        cleaned[key] = {"source": source,
                        "supplied_by": supplied_by if source == Entry.InformationSource.THIRD_PARTY else ""}
    return cleaned


def _clean_write_up_sources(entry: Entry, write_up: WriteUp) -> None:
    if write_up.section_sources is not None:
        write_up.section_sources = clean_section_sources(entry, write_up.section_sources)


# --- end of §12 ---------------------------------------------------------------------------------


def _apply_write_up(entry: Entry, write_up: WriteUp) -> None:
    entry.answers = write_up.answers
    if write_up.section_sources is not None:  # §12: checked by clean_section_sources before this
        entry.section_sources = write_up.section_sources
    entry.information_source = write_up.information_source or Entry.InformationSource.FIRST_HAND
    entry.third_party_source = write_up.third_party_source.strip()
    entry.originator = write_up.originator
    entry.originator_name = write_up.originator_name.strip()
    entry.originator_agency = write_up.originator_agency.strip()
    if entry.information_source == Entry.InformationSource.THIRD_PARTY and entry.originator_label:
        entry.third_party_source = entry.originator_label  # §12: the source, as the originator is named
    if entry.kind == RecordKind.VISIT:
        entry.interpreter_used = write_up.interpreter_used or ""
        entry.household_changed = write_up.household_changed
    if entry.kind in ADVOCATE_KINDS:
        entry.advocate_present = write_up.advocate_present or ""
    entry.significant = write_up.significant


# --- §4, §9, §5.2, §6: who carried out a visit, who supplied the information, and a visit's required answers ---

ADVOCATE_KINDS = (RecordKind.VISIT, RecordKind.CONTACT_MEETING)  # §6: where the child's advocate or signer may be
NOT_FIRST_HAND = ("You did not carry out this visit, so you cannot record it as first-hand. "
                  "Select 'From someone else' and name who carried it out.")


def _is_staff(user) -> bool:
    return user is not None and user.is_active and getattr(user, "staff_profile", None) is not None


def _visitor(user):
    if not _is_staff(user):
        raise ValidationError("Choose the member of staff who carried out the visit.")
    return user


def recorder_was_not_there(entry: Entry) -> bool:
    """§4: a visit carried out by someone other than the person recording it."""
    return entry.kind == RecordKind.VISIT and entry.carried_out_by_id_or_recorder != entry.recorded_by_id


def check_write_up(entry: Entry, write_up: WriteUp, *, completing: bool) -> None:
    """Refuse, before anything is saved, a write-up that breaks §4 or §9 or leaves out an answer §5.2 or §6 requires.

    A draft may be unfinished, but never inconsistent; completing needs every required answer.
    """
    originator = write_up.originator
    name, agency = write_up.originator_name.strip(), write_up.originator_agency.strip()
    if originator is not None and (name or agency):
        raise ValidationError("Name one person who supplied the information: a member of staff, or someone else "
                              "with their agency, not both.")
    if bool(name) != bool(agency):
        raise ValidationError("Enter both the name of the person who supplied the information and their agency.")
    if originator is not None and (originator.pk == entry.recorded_by_id or not _is_staff(originator)):
        raise ValidationError("Choose the member of staff who supplied the information, other than yourself.")
    for value in (write_up.interpreter_used, write_up.advocate_present):
        if value not in (None, "") and value not in Entry.Presence.values:
            raise ValidationError("Select yes, no or not needed.")
    if not completing:
        return
    third_party = write_up.information_source == Entry.InformationSource.THIRD_PARTY
    not_there = recorder_was_not_there(entry)
    if not_there and not third_party:
        raise ValidationError(NOT_FIRST_HAND)
    if (third_party or not_there) and originator is None and not name:
        raise ValidationError("Name who supplied the information: a member of staff, or a person and their agency.")
    if entry.kind == RecordKind.VISIT:
        if write_up.interpreter_used not in Entry.Presence.values:
            raise ValidationError("Select whether an interpreter was used.")
        if write_up.household_changed is None:
            raise ValidationError("Select yes if anyone has joined or left the household.")
        if entry.child.needs_advocate_or_signer and write_up.advocate_present not in Entry.Presence.values:
            raise ValidationError("Select whether the child's advocate or signer was present.")

# --- end of §4, §9, §5.2, §6 block ---


def _check_outcome_progress(entry: Entry, progress: dict | None) -> None:
    """§5.5: progress only against this child's outcomes, and said against every current one to complete."""
    if progress is None:
        return
    allowed = {outcome.pk: outcome for outcome in progress_outcomes(entry)}
    if set(progress) - set(allowed):
        raise ValidationError("Say the progress against outcomes of this child's plan only.")
    for outcome_id, outcome in allowed.items():
        if outcome.status == PlanOutcome.Status.CURRENT and not (progress.get(outcome_id) or "").strip():
            raise ValidationError(f"Say what progress has been made against “{outcome.text}”.")


def _save_outcome_progress(entry: Entry, by, progress: dict | None, *, completing: bool) -> None:
    """§5.5: what a case summary says about progress against each current outcome of the plan, stored
    with the entry (one row per outcome, changed while a draft). Completing needs every one."""
    if progress is None:
        return
    if completing:
        _check_outcome_progress(entry, progress)
    elif set(progress) - {outcome.pk for outcome in progress_outcomes(entry)}:
        raise ValidationError("Say the progress against outcomes of this child's plan only.")
    saved = {row.outcome_id: row for row in OutcomeProgress.objects.select_for_update().filter(entry=entry)}
    for outcome_id, text in progress.items():
        text = (text or "").strip()
        row = saved.get(outcome_id)
        if row is None and text:
            OutcomeProgress.objects.create(entry=entry, outcome_id=outcome_id, progress=text, written_by=by)
        elif row is not None and row.progress != text:
            row.progress, row.written_by, row.written_at = text, by, timezone.now()
            row.save()


def _link_outcomes(entry: Entry, by, outcomes, *, amendment=None) -> bool:
    """§5.4: the plan's outcomes this intervention served, in the entry's transaction (None: not asked)."""
    if outcomes is None:
        return False
    return link_outcomes(entry=entry, by=by, outcomes=outcomes, amendment=amendment)


def link_outcomes(*, entry, by, outcomes, amendment=None) -> bool:
    """Make the entry serve exactly `outcomes` (the child's own current outcomes). Returns whether anything changed.

    Called inside the entry's own write (save draft, complete, amend), so it shares its transaction.
    Once the entry is completed, only an amendment changes the links; removed links are marked, never deleted.
    """
    require(by, entry.child_id, Need.WRITE)
    if entry.kind not in INTERVENTION_KINDS:
        if outcomes:
            raise ValidationError("Only visits, contacts and decisions are linked to the plan's outcomes.")
        return False
    wanted = {outcome.pk for outcome in outcomes}
    allowed = set(linkable_outcomes(entry).values_list("pk", flat=True))
    active = {link.outcome_id: link for link in InterventionOutcome.objects.select_for_update().filter(
        entry=entry, removed_at__isnull=True)}
    # Outcomes linked earlier may since have been achieved or ended; keeping them is allowed.
    if wanted - allowed - set(active):
        raise ValidationError("Choose only outcomes of this child's plan.")
    if wanted == set(active):
        return False
    now = timezone.now()
    for outcome_id in set(active) - wanted:
        link = active[outcome_id]
        link.removed_at, link.removed_by, link.removed_by_amendment = now, by, amendment
        link.save()
    for outcome_id in wanted - set(active):
        InterventionOutcome.objects.create(entry=entry, outcome_id=outcome_id, linked_by=by, added_by_amendment=amendment)
    return True


def _take_version(entry: Entry, expected_version: int | None) -> DraftAutosave:
    """Check that this tab saw the latest version, then move the version on (one tab wins, the other is told)."""
    autosave, _ = DraftAutosave.objects.select_for_update().get_or_create(entry=entry)
    if expected_version is not None and autosave.version != expected_version:
        raise DraftConflict(autosave.saved_at or entry.created_at)
    autosave.version += 1
    autosave.data = {}
    autosave.saved_at = timezone.now()
    autosave.save()
    return autosave


@transaction.atomic
def save_draft(*, entry: Entry, by, write_up: WriteUp, expected_version: int | None) -> Entry:
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    _require_author(entry, by)
    _require_writable(entry)
    check_write_up(entry, write_up, completing=False)
    _clean_write_up_sources(entry, write_up)  # §12
    _take_version(entry, expected_version)
    _apply_write_up(entry, write_up)
    _link_outcomes(entry, by, write_up.outcomes)
    _save_outcome_progress(entry, by, write_up.outcome_progress, completing=False)
    if entry.status == Status.BASIC:
        entry.status = Status.DRAFT
    entry.save()
    return entry


def _require_answers(entry: Entry, answers: dict) -> None:
    """An entry is signed only with an answer to every question its design requires (§5.2, §5.3)."""
    for question in entry.form_design.questions.filter(required=True).order_by("position"):
        if answers.get(question.key) in (None, ""):
            raise ValidationError(required_message(question))


def _sign(entry: Entry, by) -> None:
    now = timezone.now()
    profile = getattr(by, "staff_profile", None)
    entry.status = Status.COMPLETED
    entry.completed_at = now
    entry.completed_by = by
    entry.signed_name = by.get_full_name() or by.username
    entry.signed_post_title = profile.post_title if profile else ""
    # §10: recorded after its due time -> "Late entry", with the date and time it was recorded.
    if timescales.signing_is_late(entry, now):
        entry.is_late_entry = True
        entry.late_entry_recorded_at = now
    if entry.originator_id:
        entry.endorsement_requested_at = now


def check_ready_to_sign(entry: Entry, write_up: WriteUp) -> None:
    """Everything `complete_entry` refuses about the write-up itself, checked without writing anything:
    the "Complete and sign" button asks it before the check-your-answers page, and signing asks it again."""
    if entry.event_at > timezone.now():
        raise ValidationError("This entry is dated in the future. Change the date before completing it.")
    if entry.kind == RecordKind.VISIT and entry.basic_details_recorded_at is None:
        raise ValidationError("Record the basic details of the visit before completing it.")
    _require_answers(entry, write_up.answers)
    check_write_up(entry, write_up, completing=True)  # §4, §9, §5.2, §6
    if write_up.section_sources is not None:
        clean_section_sources(entry, write_up.section_sources)  # §12
    _check_outcome_progress(entry, write_up.outcome_progress)  # §5.5


def stored_write_up(entry: Entry) -> WriteUp:
    """The write-up as the draft holds it, to sign from the check-your-answers page exactly what it showed.

    The plan's outcomes it served are already linked by the draft (None leaves them as they are)."""
    progress = None
    if entry.kind == RecordKind.CASE_SUMMARY:
        saved = dict(OutcomeProgress.objects.filter(entry=entry).values_list("outcome_id", "progress"))
        progress = {outcome.pk: saved.get(outcome.pk, "") for outcome in progress_outcomes(entry)}
    return WriteUp(
        answers=dict(entry.answers or {}), information_source=entry.information_source,
        third_party_source=entry.third_party_source, originator=entry.originator,
        interpreter_used=entry.interpreter_used, significant=entry.significant, outcomes=None,
        household_changed=entry.household_changed, originator_name=entry.originator_name,
        originator_agency=entry.originator_agency, advocate_present=entry.advocate_present,
        section_sources=dict(entry.section_sources or {}), outcome_progress=progress,
    )


@transaction.atomic
def sign_draft(*, entry: Entry, by, expected_version: int | None) -> Entry:
    """Sign the draft as saved: the check-your-answers page's "Sign" button (§9). `expected_version` is the
    draft the page showed; a draft changed since (another tab) is refused, so what is signed is what was read."""
    require(by, entry.child_id, Need.WRITE)
    return complete_entry(entry=entry, by=by, write_up=stored_write_up(entry), expected_version=expected_version)


@transaction.atomic
def complete_entry(*, entry: Entry, by, write_up: WriteUp, expected_version: int | None) -> Entry:
    """Completing signs the entry: name, post title, date and time (§9). It cannot be edited after."""
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    _require_author(entry, by)
    _require_writable(entry)
    check_ready_to_sign(entry, write_up)
    _clean_write_up_sources(entry, write_up)  # §12
    _take_version(entry, expected_version)
    _apply_write_up(entry, write_up)
    _link_outcomes(entry, by, write_up.outcomes)  # before signing: once signed, only an amendment changes them
    _save_outcome_progress(entry, by, write_up.outcome_progress, completing=True)
    _sign(entry, by)
    entry.save()
    if entry.kind == RecordKind.VISIT:  # a visit in which the child was seen restarts their statutory visit clock
        case_facts_changed([entry.child_id])
    return entry


@transaction.atomic
def record_failed_visit(*, entry: Entry, by, visit_outcome: str, actions: str, carried_out_by=None) -> Entry:
    """§5.2: failed appointments and visits with no response are recorded too, with the actions taken.

    §4: and who carried out the visit (`carried_out_by`, by default the person recording). Recorded by someone
    who was not there, it is never first-hand: the member of staff who went is named as the source of the
    information and asked to endorse it when it is signed."""
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    _require_author(entry, by)
    _require_writable(entry)
    if entry.kind != RecordKind.VISIT:
        raise ValidationError("Only a visit can be a failed appointment or have no response.")
    if visit_outcome not in (Entry.VisitOutcome.FAILED_APPOINTMENT, Entry.VisitOutcome.NO_RESPONSE):
        raise ValidationError("Select what happened.")
    if entry.event_at > timezone.now():
        raise ValidationError("A visit that has not happened yet cannot be recorded as failed.")
    if not actions.strip():
        raise ValidationError("Enter the actions taken after the failed visit.")
    visitor = _visitor(carried_out_by or by)
    _take_version(entry, None)
    entry.carried_out_by = visitor
    if recorder_was_not_there(entry):  # §4, §12: the originator named; not first-hand
        entry.information_source = Entry.InformationSource.THIRD_PARTY
        entry.originator, entry.originator_name, entry.originator_agency = visitor, "", ""
    entry.visit_outcome = visit_outcome
    entry.failed_visit_actions = actions.strip()
    entry.child_seen = False
    entry.reason_child_not_seen = Entry.VisitOutcome(visit_outcome).label
    if entry.basic_details_recorded_at is None:
        entry.basic_details_recorded_at = timezone.now()
    _sign(entry, by)
    entry.save()
    return entry


def write_to_completed_entry(entry: Entry, *, reason: str = "", **changes) -> Entry:
    """The one way a completed entry changes: called only by the amendment, endorsement and restriction
    services, inside their transaction, with the entry locked.

    Entry.save() refuses every change to a completed entry, so the changed columns are written with
    an UPDATE and the history row is added explicitly (simple-history's bulk_update_with_history),
    attributed and dated as a save would have been, with `reason` as its change reason.
    """
    if entry.status != Status.COMPLETED:
        raise ValueError("Only a completed entry is written this way; a draft is saved.")
    for name, value in changes.items():
        setattr(entry, name, value)
    bulk_update_with_history([entry], Entry, list(changes), default_change_reason=reason or None)
    return entry


@transaction.atomic
def amend_entry(*, entry: Entry, by, answers: dict, reason: str, outcomes=None, section_sources=None) -> Entry:
    """Change a completed entry: the earlier answers and the reason are kept, and shown on the record.

    `outcomes` (§5.4), when given, are the plan's outcomes the entry served: a changed link is kept, marked removed.
    `section_sources` (§12), when given, is where each section's information came from; the earlier one is kept.
    """
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    if entry.status != Status.COMPLETED:
        raise ValidationError("Only a completed entry is amended. Edit the draft instead.")
    if not reason.strip():
        raise ValidationError("Enter the reason for the amendment.")
    # §12: checked before anything is written; None keeps the sources as they are.
    sources = entry.section_sources if section_sources is None else clean_section_sources(entry, section_sources)
    now = timezone.now()
    amended_name, amended_post_title = author_of(by)  # §9: as they are when they amend it
    amendment = EntryAmendment.objects.create(entry=entry, amended_by=by, amended_at=now, reason=reason.strip(),
                                              amended_name=amended_name, amended_post_title=amended_post_title,
                                              previous_answers=entry.answers,
                                              previous_section_sources=entry.section_sources,
                                              is_late_update=timescales.is_late_update(entry, now))  # §4
    links_changed = _link_outcomes(entry, by, outcomes, amendment=amendment)
    sources_unchanged = sources in (entry.section_sources, sources_of(entry))
    if answers == entry.answers and sources_unchanged and not links_changed:
        raise ValidationError("Nothing has changed: change an answer, or cancel.")
    # The reason is whole in EntryAmendment.reason; the history row shows it shortened.
    return write_to_completed_entry(entry, reason=change_reason(f"Amended: {reason.strip()}"), answers=answers,
                                    section_sources=sources)


@transaction.atomic
def endorse_entry(*, entry: Entry, by) -> Entry:
    """§4: the person who supplied the information reads the entry and endorses it."""
    # The person who supplied the information, who may not record, and may no longer read the record (§15.2).
    if not (may(by, entry.child_id) or awaits_endorsement_by(by, entry.child_id, entry.pk)):
        raise PermissionDenied("You do not have access to do this on this child's record.")
    entry = _locked(entry)
    if entry.originator_id != by.pk:
        raise PermissionDenied("Only the person who supplied the information can endorse this entry.")
    if entry.status != Status.COMPLETED:
        raise ValidationError("An entry is endorsed once it is completed.")
    if entry.endorsed_at is not None:
        raise ValidationError("You have already endorsed this entry.")
    return write_to_completed_entry(entry, endorsed_at=timezone.now())  # not a change of content


@transaction.atomic
def autosave(*, entry: Entry, by, data: dict, expected_version: int) -> DraftAutosave:
    """Keep what is being typed, without touching the entry: signing in again brings it back."""
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    _require_author(entry, by)
    if entry.status == Status.COMPLETED:
        raise ValidationError("This entry is already completed.")
    draft = _take_version(entry, expected_version)
    draft.data = data
    draft.save()
    return draft


@transaction.atomic
def allow_recording_on_closed_case(*, case: Case, by, reason: str, until) -> ClosedCaseRecordingPermission:
    require(by, case.child_id, Need.MANAGE)
    if case.is_open:
        raise ValidationError("This case is open: no permission is needed.")
    return ClosedCaseRecordingPermission.objects.create(case=case, granted_by=by, reason=reason.strip(), until=until)


# Records written about the case as a whole, started from the records page (§5.3, §5.5).
SUMMARY_KINDS = (
    RecordKind.SINGLE_ASSESSMENT, RecordKind.CASE_SUMMARY, RecordKind.TRANSFER_SUMMARY,
    RecordKind.CLOSING_SUMMARY, RecordKind.REVIEW,
)


@transaction.atomic
def start_summary(*, child: Child, by, kind: str, event_at) -> Entry:
    require(by, child, Need.WRITE)
    if kind not in SUMMARY_KINDS:
        raise ValidationError("Choose an assessment, summary or review.")
    if event_at > timezone.now():
        raise ValidationError("The date cannot be in the future.")
    return _new_entry(child=child, kind=kind, by=by, event_at=event_at, status=Status.DRAFT)


def previous_summary_and_work_since(entry: Entry):
    """§5.5: for writing the next case summary quickly, the last completed one and the work recorded since."""
    previous = (
        Entry.objects.filter(case=entry.case, kind=RecordKind.CASE_SUMMARY, status=Status.COMPLETED)
        .exclude(pk=entry.pk).select_related("form_design").order_by("-event_at").first()
    )
    since = previous.event_at if previous else None
    work = Entry.objects.filter(case=entry.case, status=Status.COMPLETED).exclude(pk=entry.pk).exclude(
        kind=RecordKind.CASE_SUMMARY)
    if since:
        work = work.filter(event_at__gt=since)
    return previous, work.order_by("-event_at")


# --- §4 same-day recording ------------------------------------------------------------------------

@transaction.atomic
def mark_same_day(*, entry: Entry, by, reason: str) -> Entry:
    """Mark an entry (or a planned visit) to be recorded the same day: due at the end of the event's day.

    Once marked, an entry stays same-day (the reason may be corrected); a completed entry keeps its due time.
    """
    require(by, entry.child_id, Need.WRITE)
    entry = _locked(entry)
    _require_author(entry, by)
    _require_writable(entry)
    if not reason:
        raise ValidationError("Select why this must be recorded the same day.")
    entry.same_day_reason = _same_day_reason(reason)
    entry.due_at = timescales.due_at_for(working_calendar(), entry.event_at, reason)
    entry.save()
    return entry

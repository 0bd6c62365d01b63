"""The demo caseload's records, for `seed_demo`: what Priya (Assessment Team) and Hannah (Children in
Care Team) have written, with every kind of record the policy names.

- Priya's first child: a single assessment, a visit seen alone that served the plan, a late visit,
  a planned visit, a phone call and a meeting with the school, a draft phone call, a decision by the
  team manager, a case summary, an email from the grandmother kept in 'Restricted from user' (review
  due in three weeks), consent from the mother (and a refusal from the child), information shared
  with the school on that consent, and the family told about their records.
- Her second: a failed appointment, a letter and an office visit about it, a late visit about the
  state of the home, a health visitor's call, a planned visit and a draft phone call.
- Her third: a visit at school seen alone (the household changed), a call from the father, a late
  evening visit, a planned visit and a draft phone call.
- The second to last child (by surname) she was ever allocated: a last visit, a closing summary and
  the case closed by the manager. The last: a late visit in the foster home, a transfer summary, the
  manager's pre-transfer audit and a transfer to the Children in Care Team, confirmed by its manager
  (now awaiting allocation there).
- Hannah's first child in care: a visit to the foster home seen alone and a decision about family time.

Everything is written through the services, acting as the person who did it, exactly as typed work
is: visits are planned, their basic details recorded, then written up and signed; entries dated more
than two working days ago are marked "Late entry" by the service itself when they are completed now.
Event times are counted back from now in London time (weekdays only for visits and meetings); a
second run finds each child's entries and adds nothing.
"""

import time as time_module
from datetime import datetime, time, timedelta

from django.utils import timezone

from access.audit.history import acting_as
from casework.children.services import close_case
from casework.models import Case, CaseTransfer, Child
from casework.transfers import services as transfers
from casework.transfers.models import AUDIT_CHECKS
from records.entries import services as entries
from records.entries.restrictions import restrict_entry
from records.management.commands import _seed_stories as stories
from records.management.commands._seed_features import caseload, first_outcome
from records.models import Entry, RecordKind, SameDayReason
from records.sharing import services as sharing

PRIYA_CHILDREN = 3  # the children of her caseload that get the full set of records


def ever_allocated(worker):
    """Every child the worker was ever allocated, by name: a transfer or closure does not reorder it."""
    return Child.objects.filter(cases__allocations__worker=worker).distinct().order_by("last_name", "first_name", "pk")


# --- When things happened (London time) ------------------------------------------------------------

def working_day(days_ago: int):
    """The weekday `days_ago` days back (or the one before it, when that falls at a weekend)."""
    day = timezone.localdate() - timedelta(days=days_ago)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def at(days_ago: int, hour: int) -> datetime:
    """`hour` o'clock on the weekday `days_ago` days back; days_ago=1 is the last working day, never late."""
    return timezone.make_aware(datetime.combine(working_day(days_ago), time(hour)))


def hours_ago(hours: int) -> datetime:
    return timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours)


# --- Writing entries through the services ----------------------------------------------------------

def answers_for(entry: Entry, texts: dict, ctx: dict) -> dict:
    """An answer to each question of the entry's own design, by key; a key the stories do not know
    gets a short answer made from its label."""
    answers = {}
    for question in entry.form_design.questions.order_by("position"):
        value = texts.get(question.key)
        if value is None or (value == "" and question.required):
            value = stories.generic_answer(question, ctx)
        if value not in (None, ""):
            answers[question.key] = value
    return answers


def complete(entry: Entry, by, texts: dict, ctx: dict, *, interpreter=None, outcomes=None, significant=False,
             household_changed=None, third_party="") -> Entry:
    is_visit = entry.kind == RecordKind.VISIT
    return entries.complete_entry(entry=entry, by=by, expected_version=None, write_up=entries.WriteUp(
        answers=answers_for(entry, texts, ctx), information_source="third_party" if third_party else "first_hand",
        third_party_source=third_party, originator=None,
        # §4: information from someone else names who supplied it, and their agency
        originator_name=third_party.split(",")[0].strip() if third_party else "",
        originator_agency=(third_party.split(",", 1)[1].strip() if "," in third_party else third_party),
        interpreter_used=(("yes" if ctx["interpreter"] else "not_needed") if is_visit and interpreter is None
                          else {True: "yes", False: "no", None: ""}.get(interpreter, interpreter)),
        significant=significant, outcomes=outcomes,
        household_changed=(bool(household_changed) if is_visit else None),
    ))


def visit(child, by, ctx, story: str, *, when, alone: bool, venue: str, others: str = "", **write_up) -> Entry:
    planned = entries.plan_visit(child=child, by=by, event_at=when, purpose=stories.VISITS[story][0]["purpose"].format(**ctx))
    seen = f"{ctx['name']}" + ("" if alone else f" and {ctx['mum']}")
    entries.record_basic_details(entry=planned, by=by, event_at=when, who_was_seen=seen, child_seen=True,
                                 reason_child_not_seen="", child_seen_alone=alone, venue=venue, others_present=others)
    return complete(planned, by, stories.visit_answers(story, ctx), ctx, **write_up)


def contact(child, by, ctx, name: str, *, when, third_party: str = "", draft=False) -> Entry:
    kind, others, texts = stories.CONTACTS[name]
    entry = entries.start_contact(child=child, by=by, kind=kind, event_at=when, others_present=others.format(**ctx))
    return entry if draft else complete(entry, by, stories.fill(texts, ctx), ctx, third_party=third_party.format(**ctx))


def decision(child, by, ctx, name: str, *, when) -> Entry:
    maker, role, texts = stories.DECISIONS[name]
    entry = entries.start_decision(child=child, by=by, event_at=when, decision_maker_name=maker, decision_maker_role=role)
    return complete(entry, by, stories.fill(texts, ctx), ctx, significant=True)


def summary(child, by, ctx, kind: str, texts: dict, *, when) -> Entry:
    entry = entries.start_summary(child=child, by=by, kind=kind, event_at=when)
    return complete(entry, by, stories.fill(texts, ctx), ctx, significant=True)


def planned_visit(child, by, ctx, days_ahead: int) -> Entry:
    return entries.plan_visit(child=child, by=by, event_at=hours_ago(-24 * days_ahead),
                              purpose=f"Review how the plan is going with {ctx['name']} and {ctx['mum']}")


def context(child, worker) -> dict:
    ctx = stories.story_context(child, worker, timezone.localdate())
    ctx["today"] = timezone.localdate()
    ctx["interpreter"] = child.interpreter_needed
    return ctx


def _untouched(child, worker) -> bool:
    """Seeded already when the worker has written anything on the child: a second run changes nothing."""
    return not Entry.objects.filter(child=child, recorded_by=worker).exists()


# --- The caseload ----------------------------------------------------------------------------------

def seed_caseload(staff) -> None:
    priya, hannah = staff["practitioner"], staff["practitioner2"]
    ever = list(ever_allocated(priya))
    first_three = list(caseload(priya)[:PRIYA_CHILDREN])
    for child, seed in zip(first_three, (_first_child, _second_child, _third_child)):
        if _untouched(child, priya):
            with acting_as(priya):
                seed(child, priya, staff["manager"], context(child, priya))
    if len(ever) > PRIYA_CHILDREN + 2:
        _closed_case(ever[-2], priya, staff["manager"])
        _transferred_case(ever[-1], priya, staff["manager"], staff["manager2"], staff["teams"]["Children in Care Team"])
    in_care = caseload(hannah).first()
    if in_care is not None and _untouched(in_care, hannah):
        ctx = context(in_care, hannah)
        with acting_as(hannah):
            visit(in_care, hannah, ctx, "carer", when=at(1, 16), alone=True, venue="The foster carers' home, Sandy",
                  others="Mrs Adeyemi, foster carer (for the first ten minutes)")
            decision(in_care, hannah, ctx, "family_time", when=at(1, 11))


def _first_child(child, priya, manager, ctx) -> None:
    outcome = first_outcome(child)  # the plan's first outcome, which the recent visit served (§5.4)
    summary(child, priya, ctx, RecordKind.SINGLE_ASSESSMENT, stories.SINGLE_ASSESSMENT, when=at(1, 9))
    visit(child, priya, ctx, "home_late", when=at(12, 15), alone=False, venue="The family home", significant=True)
    meeting = contact(child, priya, ctx, "meeting_school", when=at(10, 10))
    decision(child, priya, ctx, "child_in_need", when=at(1, 12))
    visit(child, priya, ctx, "home_recent", when=at(1, 16), alone=True, venue="The family home",
          outcomes=[outcome] if outcome else None)
    contact(child, priya, ctx, "phone_school", when=at(1, 14), third_party="Mrs Patel, class teacher, {school}")
    summary(child, priya, ctx, RecordKind.CASE_SUMMARY, stories.CASE_SUMMARY, when=hours_ago(1))
    email = contact(child, priya, ctx, "email_grandmother", when=at(1, 8), third_party="Margaret, {name}'s grandmother")
    restrict_entry(entry=email, by=priya, reason="in_confidence", advised_by=manager,
                   reason_detail="Margaret asked that the family is not told she wrote.",
                   review_date=timezone.localdate() + timedelta(days=21))
    planned_visit(child, priya, ctx, 3)
    contact(child, priya, ctx, "phone_school", when=hours_ago(3), draft=True)
    _sharing(child, priya, ctx, shared=[meeting])


def _sharing(child, priya, ctx, *, shared) -> None:
    """§3, §6, §7: told about their records; consent given by the mother, refused by the child; one share."""
    told_on = working_day(20)
    sharing.record_records_information(child=child, by=priya, told_on=told_on, who_was_told=f"{ctx['name']} and {ctx['mum']}",
                                       language=ctx["language"], format="The leaflet about records, read through together")
    consent = sharing.record_consent(
        child=child, by=priya, person_name=ctx["mother"], relationship="parent", decision="given",
        agencies=f"{stories.SCHOOL}; Family Support Service; Citizens Advice Bedford",
        purpose="To plan help with school mornings and money", obtained_on=told_on, obtained_how="in_writing")
    if ctx["age"] >= 8:
        sharing.record_consent(
            child=child, by=priya, person_name=ctx["full_name"], relationship="child", decision="refused",
            agencies="The football club", purpose="To ask the club to waive the fees",
            obtained_on=working_day(5), obtained_how="in_person")
    sharing.record_disclosure(
        child=child, by=priya, shared_with_person="Mr Evans, Head of Year", shared_with_agency=stories.SCHOOL,
        shared_at=at(9, 11), what="The plan's outcome about school mornings and the days of breakfast club",
        why="So that the school can help with mornings", basis="consent", consent=consent, consent_covers=True,
        entries=shared)  # §7: the record of the school meeting, named as what was shared


def _second_child(child, priya, manager, ctx) -> None:
    failed = entries.plan_visit(child=child, by=priya, event_at=at(1, 16), purpose="Home visit to see " + ctx["name"])
    entries.record_failed_visit(entry=failed, by=priya, visit_outcome=Entry.VisitOutcome.FAILED_APPOINTMENT,
                                actions=stories.FAILED_VISIT_ACTIONS.format(**ctx))
    contact(child, priya, ctx, "letter_mother", when=at(1, 17))
    contact(child, priya, ctx, "office_mother", when=hours_ago(2))
    visit(child, priya, ctx, "home_conditions", when=at(11, 10), alone=False, venue="The family home")
    contact(child, priya, ctx, "professional_health", when=at(1, 13), third_party="Jo Whitfield, health visitor")
    planned_visit(child, priya, ctx, 2)
    contact(child, priya, ctx, "phone_school", when=hours_ago(3), draft=True)


def _third_child(child, priya, manager, ctx) -> None:
    visit(child, priya, ctx, "school", when=at(1, 13), alone=True, venue=f"{stories.SCHOOL}, in the library",
          household_changed=True, significant=True)
    contact(child, priya, ctx, "phone_father", when=hours_ago(4))
    visit(child, priya, ctx, "evening", when=at(14, 19), alone=False, venue="The family home")
    planned_visit(child, priya, ctx, 4)
    contact(child, priya, ctx, "phone_school", when=hours_ago(3), draft=True)


def _a_moment_ago_today() -> datetime:
    """Five minutes ago, or midnight when today (London) is younger than that. A same-day record is due at
    the end of its event's day, so in the day's last minute this waits for the next day: a call seeded at
    23:59:59 and completed a moment later would otherwise be late (and the demo's on-time call is not)."""
    now = timezone.localtime()
    end_of_day = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time(0)))
    if end_of_day - now < timedelta(minutes=1):
        time_module.sleep((end_of_day - now).total_seconds() + 1)
        now = timezone.localtime()
    midnight = timezone.make_aware(datetime.combine(now.date(), time(0)))
    return max(now.replace(second=0, microsecond=0) - timedelta(minutes=5), midnight)


def _same_day_entries(staff) -> None:
    """§4: what the Emergency Duty Team needs, recorded within the hour (on time), and a safeguarding concern
    from the last working day still a draft (overdue, so flagged): Priya's first child."""
    priya = staff["practitioner"]
    child = caseload(priya).first()
    if child is None or Entry.objects.filter(child=child, same_day_reason__gt="").exists():
        return  # seeded already
    ctx = context(child, priya)
    with acting_as(priya):
        # A call the Emergency Duty Team needs tonight, recorded within the hour (on time).
        today_call = entries.start_contact(child=child, by=priya, kind="contact_phone", event_at=_a_moment_ago_today(),
                                           others_present="{mum}".format(**ctx))
        entries.mark_same_day(entry=today_call, by=priya, reason=SameDayReason.EMERGENCY_DUTY)
        complete(today_call, priya, stories.fill(stories.CONTACTS["phone_father"][2], ctx), ctx)
        # A safeguarding concern from the last working day, still a draft: overdue, so flagged.
        concern = entries.start_contact(child=child, by=priya, kind="contact_phone", event_at=at(1, 16),
                                        others_present="Class teacher, {school}".format(**ctx))
        entries.mark_same_day(entry=concern, by=priya, reason=SameDayReason.SAFEGUARDING)


def _closed_case(child, priya, manager) -> None:
    case = child.cases.order_by("-referral_date").first()
    if case is None or not case.is_open:
        return  # closed already (a second run)
    ctx = context(child, priya)
    with acting_as(priya):
        visit(child, priya, ctx, "closing", when=at(1, 15), alone=True, venue="The family home")
        summary(child, priya, ctx, RecordKind.CLOSING_SUMMARY, stories.CLOSING_SUMMARY, when=hours_ago(2))
    with acting_as(manager):
        close_case(case=case, closure_date=timezone.localdate(), closure_reason="RC7",
                   closure_notes="Closing summary read and agreed. The family know how to ask for help again.", by=manager)


def _transferred_case(child, priya, manager, receiving_manager, to_team) -> None:
    case = child.cases.filter(closure_date__isnull=True).first()
    if case is None or CaseTransfer.objects.filter(case=case).exists():
        return  # transferred already (a second run)
    ctx = context(child, priya)
    with acting_as(priya):
        visit(child, priya, ctx, "new_carers", when=at(10, 17), alone=True, venue="The foster home",
              others="The foster carer, for the first and last few minutes")
        summary(child, priya, ctx, RecordKind.TRANSFER_SUMMARY, stories.TRANSFER_SUMMARY, when=hours_ago(2))
    with acting_as(manager):
        transfers.record_pre_transfer_audit(case=case, by=manager, notes="Record checked: visits written up, "
                                            "transfer summary complete, nothing restricted, no paper file.",
                                            **{name: True for name, _ in AUDIT_CHECKS})
        transfer = transfers.transfer_case(case=case, by=manager, to_team=to_team, transfer_date=timezone.localdate(),
                                           reason=f"{ctx['name']} is now in foster care; the Children in Care Team takes over.")
    with acting_as(receiving_manager):
        transfers.confirm_transfer(transfer=transfer, by=receiving_manager, notes="The record arrived complete.")

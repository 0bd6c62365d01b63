"""The one door to a child (casework.children.authorisation).

(a) Every service that writes about a child refuses, with PermissionDenied and nothing saved, a user
    without the right: another team's practitioner, emergency duty staff without emergency access,
    and (for what needs a manager or restricted information) emergency duty staff with it.
(b) child_for_request refuses each Need with a 404, logged in the access log, that does not say
    whether the child exists.
(c) No view module keeps its own gate, and every view that takes `local_id` goes through the door.
"""

import ast
from datetime import timedelta
from functools import cached_property
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from access.models import AccessLog
from access.permissions import services as permissions
from casework.basic_record import services as basic_record
from casework.basic_record.models import ClosePerson
from casework.children import services as children
from casework.cin import services as cin
from casework.looked_after import services as looked_after
from casework.adoption import services as adoption
from casework.contacts import services as contacts
from casework.care_leavers import services as care_leavers
from casework.early_help import services as early_help
from casework.children.authorisation import Need, child_for_request, may
from casework.models import Child
from records.plans import services as plans
from casework.transfers import services as transfers
from records.chronology import services as chronology
from records.documents import services as documents
from records.entries import restrictions
from records.entries import services as entries
from records.oversight import audits
from records.paper_files import services as paper_files
from records.pdfs import services as pdfs
from records.sharing import services as sharing
from records.sharing import subject_access
from tests.casework.basic_record.basic_record_builders import basic_record_items
from tests.records.plans.plan_builders import plan_with_outcomes, review_entry
from tests.casework.transfers.transfer_builders import awaiting_transfer
from tests.conftest import client_for, open_record
from tests.factories import LegalStatusFactory
from tests.records.documents.document_builders import documents_of, pdf_file
from tests.records.oversight.oversight_builders import audit_with_deficiency, completed_entry
from tests.records.paper_files.paper_builders import paper_move_awaiting, paper_removal, paper_volume
from tests.records.sharing.sharing_builders import given_consent, identity_checked_sar

pytestmark = pytest.mark.usefixtures("policy_designs")

ROOT = Path(__file__).resolve().parents[3]


def today():
    return timezone.localdate()


def an_hour_ago():
    return timezone.now() - timedelta(hours=1)


class World:
    """What the services write about, made on first use (before the test counts the rows)."""

    def __init__(self, cast, child, other_child, assessment_team, care_team, care_manager):
        self.cast, self.child, self.other_child = cast, child, other_child
        self.team, self.care_team, self.care_manager = assessment_team, care_team, care_manager
        self.practitioner, self.manager = cast["practitioner"], cast["manager"]

    @property
    def case(self):
        return self.child.cases.get(closure_date__isnull=True)

    @cached_property
    def protection_plan(self):
        return cin.record_item(case=self.case, by=self.practitioner, kind="protection-plan", start_date=today(),
                               initial_category="PHY")

    @cached_property
    def looked_after(self):
        """A care order on the child, with a review and a missing episode (issue 17)."""
        LegalStatusFactory(child=self.child, by=self.practitioner, start_date=today() - timedelta(days=30))
        return (looked_after.record_review(child=self.child, by=self.practitioner, review_date=today(),
                                           participation="PN1"),
                looked_after.record_missing(child=self.child, by=self.practitioner, kind="A", start_date=today()))

    @cached_property
    def early_help_assessment(self):
        return early_help.record_early_help_assessment(child=self.child, by=self.practitioner,
                                                       started_on=today() - timedelta(days=20),
                                                       completed_on=today() - timedelta(days=10), organisation="school")

    @cached_property
    def adoption_decision(self):
        return adoption.record_decision(child=self.child, by=self.practitioner, decided_on=today())

    @cached_property
    def front_door_contact(self):
        return contacts.record_contact(child=self.child, by=self.practitioner, received_on=today(), source="2A",
                                       request="The school is worried", decision="advice")

    @cached_property
    def visit(self):
        return entries.plan_visit(child=self.child, by=self.practitioner, event_at=an_hour_ago(), purpose="See Amara")

    @cached_property
    def contact(self):
        return entries.start_contact(child=self.child, by=self.practitioner, kind="contact_phone",
                                     event_at=an_hour_ago(), others_present="")

    @cached_property
    def completed(self):
        return completed_entry(self.child, self.practitioner, event_at=timezone.now() - timedelta(days=3),
                               completed_at=timezone.now() - timedelta(days=2))

    @cached_property
    def restriction(self):
        return restrictions.restrict_entry(entry=self.completed, by=self.practitioner, reason="third_party",
                                           reason_detail="Said in confidence", advised_by=self.manager,
                                           review_date=today() + timedelta(days=30))

    @cached_property
    def documents(self):
        return documents_of(self.child, self.practitioner)

    @cached_property
    def health(self):
        return documents.add_section_record(section="health", child=self.child, by=self.practitioner,
                                            kind="health_plan", carried_out_on=today(), carried_out_by="School nurse")

    @cached_property
    def consent(self):
        return given_consent(self.child, self.practitioner)

    @cached_property
    def sar(self):
        return identity_checked_sar(self.child, self.manager)

    @cached_property
    def requested_removal(self):
        return paper_removal(self.child, "requested")

    @cached_property
    def out_removal(self):
        return paper_removal(self.child, "out")

    @cached_property
    def plan(self):
        return plan_with_outcomes(self.child, self.practitioner)

    @cached_property
    def review(self):
        return review_entry(self.child, self.practitioner)

    @cached_property
    def items(self):
        return basic_record_items(self.child, self.practitioner)

    @cached_property
    def sibling_link(self):
        sister = open_record(team=self.team, manager=self.manager, worker=self.practitioner, first_name="Sara")
        return basic_record.link_siblings(child=self.child, sibling=sister, by=self.practitioner, relationship="full",
                                          event_date=today())

    @cached_property
    def transfer(self):
        return awaiting_transfer(self.child)

    @cached_property
    def audit(self):
        self.completed  # noqa: B018 - the practitioner's record the sample draws
        return audit_with_deficiency(self.child, self.practitioner, self.manager)


# name -> (what it needs today, a function of (world) giving a function of (user) that calls the service)
CASES = {
    # entries (§4, §5.2, §5.3, §5.5)
    "entries.plan_visit": (Need.WRITE, lambda w: lambda u: entries.plan_visit(
        child=w.child, by=u, event_at=an_hour_ago(), purpose="x")),
    "entries.start_contact": (Need.WRITE, lambda w: lambda u: entries.start_contact(
        child=w.child, by=u, kind="contact_phone", event_at=an_hour_ago(), others_present="")),
    "entries.start_decision": (Need.WRITE, lambda w: lambda u: entries.start_decision(
        child=w.child, by=u, event_at=an_hour_ago(), decision_maker_name="x", decision_maker_role="x")),
    "entries.start_summary": (Need.WRITE, lambda w: lambda u: entries.start_summary(
        child=w.child, by=u, kind="case_summary", event_at=an_hour_ago())),
    "entries.record_basic_details": (Need.WRITE, lambda w: (lambda v: lambda u: entries.record_basic_details(
        entry=v, by=u, event_at=an_hour_ago(), who_was_seen="Amara", child_seen=True, reason_child_not_seen="",
        child_seen_alone=True, venue="Home", others_present=""))(w.visit)),
    "entries.save_draft": (Need.WRITE, lambda w: (lambda e: lambda u: entries.save_draft(
        entry=e, by=u, write_up=entries.WriteUp(answers={}, information_source="first_hand", third_party_source="",
                                                originator=None, interpreter_used="no", household_changed=False, significant=False),
        expected_version=None))(w.contact)),
    "entries.complete_entry": (Need.WRITE, lambda w: (lambda e: lambda u: entries.complete_entry(
        entry=e, by=u, write_up=entries.WriteUp(answers={}, information_source="first_hand", third_party_source="",
                                                originator=None, interpreter_used="no", household_changed=False, significant=False),
        expected_version=None))(w.contact)),
    "entries.sign_draft": (Need.WRITE, lambda w: (lambda e: lambda u: entries.sign_draft(
        entry=e, by=u, expected_version=None))(w.contact)),
    "entries.record_failed_visit": (Need.WRITE, lambda w: (lambda v: lambda u: entries.record_failed_visit(
        entry=v, by=u, visit_outcome="no_response", actions="Left a card"))(w.visit)),
    "entries.mark_same_day": (Need.WRITE, lambda w: (lambda v: lambda u: entries.mark_same_day(
        entry=v, by=u, reason="safeguarding"))(w.visit)),
    "entries.amend_entry": (Need.WRITE, lambda w: (lambda e: lambda u: entries.amend_entry(
        entry=e, by=u, answers={"changed": "yes"}, reason="Typo"))(w.completed)),
    "entries.endorse_entry": (Need.READ, lambda w: (lambda e: lambda u: entries.endorse_entry(
        entry=e, by=u))(w.completed)),
    "entries.autosave": (Need.WRITE, lambda w: (lambda e: lambda u: entries.autosave(
        entry=e, by=u, data={"text": "x"}, expected_version=0))(w.contact)),
    "entries.allow_recording_on_closed_case": (Need.MANAGE, lambda w: lambda u: entries.allow_recording_on_closed_case(
        case=w.case, by=u, reason="x", until=today())),
    # restrictions (§7, §8)
    "restrictions.restrict_entry": (Need.VIEW_RESTRICTED, lambda w: (lambda e: lambda u: restrictions.restrict_entry(
        entry=e, by=u, reason="third_party", reason_detail="x", advised_by=w.manager,
        review_date=today() + timedelta(days=30)))(w.completed)),
    "restrictions.review_restriction": (Need.MANAGE, lambda w: (lambda r: lambda u: restrictions.review_restriction(
        restriction=r, by=u, keep=True, reason_detail="Still valid",
        next_review_date=today() + timedelta(days=30)))(w.restriction)),
    # documents (§1, §5.1, §5.4, §7)
    "documents.upload_document": (Need.WRITE, lambda w: lambda u: documents.upload_document(
        child=w.child, by=u, upload=pdf_file(), title="Order", document_date=today(), category="order")),
    "documents.withdraw_document": (Need.READ, lambda w: (lambda d: lambda u: documents.withdraw_document(
        document=d, by=u, reason="Wrong child"))(w.documents[0])),
    "documents.record_return": (Need.WRITE, lambda w: (lambda d: lambda u: documents.record_return(
        document=d, by=u, returned_on=today(), returned_to="Amara"))(w.documents[1])),
    "documents.restrict_document": (Need.VIEW_RESTRICTED, lambda w: (lambda d: lambda u: documents.restrict_document(
        document=d, by=u, reason="third_party", reason_detail="x", advised_by=w.manager,
        review_date=today() + timedelta(days=30)))(w.documents[0])),
    "documents.add_section_record": (Need.WRITE, lambda w: lambda u: documents.add_section_record(
        section="education", child=w.child, by=u)),
    "documents.correct_section_record": (Need.WRITE, lambda w: (lambda r: lambda u: documents.correct_section_record(
        section="health", record=r, child=w.child, by=u, reason="x", carried_out_by="GP"))(w.health)),
    # sharing (§3, §6, §7)
    "sharing.record_consent": (Need.WRITE, lambda w: lambda u: sharing.record_consent(
        child=w.child, by=u, person_name="Grace", relationship="parent", decision="given", agencies="School",
        purpose="Support", obtained_on=today(), obtained_how="in_person")),
    "sharing.withdraw_consent": (Need.WRITE, lambda w: (lambda c: lambda u: sharing.withdraw_consent(
        consent=c, by=u, withdrawn_on=today(), notes="Changed her mind"))(w.consent)),
    "sharing.record_disclosure": (Need.WRITE, lambda w: lambda u: sharing.record_disclosure(
        child=w.child, by=u, shared_with_person="Dr Lee", shared_with_agency="GP", shared_at=an_hour_ago(),
        what="x", why="x", basis="consent")),
    "sharing.record_records_information": (Need.WRITE, lambda w: lambda u: sharing.record_records_information(
        child=w.child, by=u, told_on=today(), who_was_told="Amara", language="English", format="Leaflet")),
    # subject access (§7, §14)
    "subject_access.create_subject_access_request": (Need.MANAGE, lambda w: lambda u: (
        subject_access.create_subject_access_request(child=w.child, by=u, requester_name="Grace",
                                                     relationship="Mother", received_on=today()))),
    "subject_access.extend_deadline": (Need.MANAGE, lambda w: (lambda s: lambda u: subject_access.extend_deadline(
        request=s, by=u, extended_to=s.due_on + timedelta(days=20), reason="Complex"))(w.sar)),
    "subject_access.change_status": (Need.MANAGE, lambda w: (lambda s: lambda u: subject_access.change_status(
        request=s, by=u, status="closed", note="Withdrawn"))(w.sar)),
    "subject_access.release_subject_access": (Need.MANAGE, lambda w: (
        lambda s: lambda u: subject_access.release_subject_access(request=s, by=u, pdf_job=None))(w.sar)),
    "pdfs.request_record_pdf": (Need.READ, lambda w: lambda u: pdfs.request_record_pdf(
        child=w.child, by=u, include_restricted=False)),
    "pdfs.request_subject_access_bundle": (Need.MANAGE, lambda w: (
        lambda s: lambda u: pdfs.request_subject_access_bundle(sar=s, by=u))(w.sar)),
    # paper files (§1, §15)
    "paper_files.add_volume": (Need.WRITE, lambda w: lambda u: paper_files.add_volume(
        child=w.child, by=u, number=7, covers_from=today(), covers_to=None, usual_location="Cabinet 1")),
    "paper_files.move_volume": (Need.WRITE, lambda w: (lambda v: lambda u: paper_files.move_volume(
        volume=v, to_location="Archive", moved_on=today(), by=u, to_team=w.team))(paper_volume(w.child))),
    "paper_files.confirm_arrival": (Need.READ, lambda w: (lambda m: lambda u: paper_files.confirm_arrival(
        move=m, by=u))(paper_move_awaiting(w.child))),
    "paper_files.request_removal": (Need.WRITE, lambda w: (lambda v: lambda u: paper_files.request_removal(
        child=w.child, by=u, volumes=[v], destination="Court", reason="Hearing", security_measures="Locked case",
        return_by=today() + timedelta(days=2)))(paper_volume(w.child))),
    "paper_files.approve_removal": (Need.MANAGE, lambda w: (lambda r: lambda u: paper_files.approve_removal(
        removal=r, by=u))(w.requested_removal)),
    "paper_files.refuse_removal": (Need.MANAGE, lambda w: (lambda r: lambda u: paper_files.refuse_removal(
        removal=r, by=u, reason="Not needed"))(w.requested_removal)),
    "paper_files.record_return": (Need.WRITE, lambda w: (lambda r: lambda u: paper_files.record_return(
        removal=r, by=u))(w.out_removal)),
    # the plan (§5.4)
    "plans.start_plan": (Need.WRITE, lambda w: lambda u: plans.start_plan(child=w.child, by=u)),
    "plans.change_plan_type": (Need.WRITE, lambda w: (lambda p: lambda u: plans.change_plan_type(
        plan=p, by=u, plan_type="child_protection", reason="Conference decided"))(w.plan[0])),
    "plans.add_outcome": (Need.WRITE, lambda w: (lambda p: lambda u: plans.add_outcome(
        plan=p, by=u, text="Feels safe", event_date=today()))(w.plan[0])),
    "plans.change_outcome": (Need.WRITE, lambda w: (lambda o: lambda u: plans.change_outcome(
        outcome=o, by=u, action="achieved", reason="Done", event_date=today()))(w.plan[1][0])),
    "plans.record_review": (Need.WRITE, lambda w: (lambda r: lambda u: plans.record_review(
        review=r, by=u, decisions={}, new_outcomes=["Sleeps well"]))((w.plan, w.review)[1])),
    "plans.add_key_task": (Need.WRITE, lambda w: (lambda o: lambda u: plans.add_key_task(
        outcome=o, by=u, description="Call", due_on=today(), assigned_to_other="School",
        event_date=today()))(w.plan[1][0])),
    "plans.complete_key_task": (Need.WRITE, lambda w: (lambda t: lambda u: plans.complete_key_task(
        task=t, by=u, completed_on=today()))(w.plan[1][0].tasks.get())),
    "entries.link_outcomes": (Need.WRITE, lambda w: (lambda e, o: lambda u: entries.link_outcomes(
        entry=e, by=u, outcomes=o))(w.contact, list(w.plan[1]))),
    # the basic record (§5.1, §5.3)
    "basic_record.add_household_member": (Need.WRITE, lambda w: lambda u: basic_record.add_household_member(
        child=w.child, by=u, full_name="Tom", relationship="Brother", joined_on=today(),
        has_parental_responsibility=False)),
    "basic_record.record_member_left": (Need.WRITE, lambda w: (lambda m: lambda u: basic_record.record_member_left(
        member=m, by=u, child=w.child, left_on=today()))(w.items["household"])),
    "basic_record.add_item": (Need.WRITE, lambda w: lambda u: basic_record.add_item(
        model=ClosePerson, child=w.child, by=u, full_name="Ruth", relationship="Aunt", start_date=today(),
        event_date=today())),
    "basic_record.correct_item": (Need.WRITE, lambda w: (lambda i: lambda u: basic_record.correct_item(
        item=i, by=u, child=w.child, reason="Spelling", full_name="Ruthie"))(w.items["people"])),
    "basic_record.end_item": (Need.WRITE, lambda w: (lambda i: lambda u: basic_record.end_item(
        item=i, by=u, end_date=today()))(w.items["people"])),
    "basic_record.restrict_item": (Need.VIEW_RESTRICTED, lambda w: (lambda i: lambda u: basic_record.restrict_item(
        item=i, by=u, reason="third_party", reason_detail="x", advised_by=w.manager,
        review_date=today() + timedelta(days=30)))(w.items["people"])),
    "basic_record.link_siblings": (Need.WRITE, lambda w: lambda u: basic_record.link_siblings(
        child=w.child, sibling=w.other_child, by=u, relationship="half", event_date=today())),
    "basic_record.end_sibling_link": (Need.WRITE, lambda w: (lambda s: lambda u: basic_record.end_sibling_link(
        link=s, by=u, reason="Recorded in error"))(w.sibling_link)),
    # transfers (§15.2)
    "transfers.record_pre_transfer_audit": (Need.MANAGE, lambda w: lambda u: transfers.record_pre_transfer_audit(
        case=w.case, by=u)),
    "transfers.transfer_case": (Need.MANAGE, lambda w: lambda u: transfers.transfer_case(
        case=w.case, by=u, to_team=w.care_team, transfer_date=today(), reason="Long-term")),
    "transfers.confirm_transfer": (Need.MANAGE, lambda w: (lambda t: lambda u: transfers.confirm_transfer(
        transfer=t, by=u))(w.transfer)),
    # the chronology
    "chronology.add_event": (Need.WRITE, lambda w: lambda u: chronology.add_event(
        child=w.child, by=u, happened_on=today(), title="Moved school", description="x", category="education")),
    # record audits (§4, §13)
    # the team's manager, or a practitioner they delegated its audits to (records/oversight/delegation.py)
    "audits.complete_audit": (Need.READ, lambda w: (lambda a: lambda u: audits.complete_audit(
        audit=a, by=u, answers={}, grade="good", summary=""))(w.audit[1])),
    "audits.add_deficiency": (Need.READ, lambda w: (lambda a: lambda u: audits.add_deficiency(
        audit=a, by=u, description="x", assigned_to=w.practitioner, put_right_by=today()))(w.audit[1])),
    "audits.mark_done": (Need.READ, lambda w: (lambda d: lambda u: audits.mark_done(
        deficiency=d, by=u, note="Done"))(w.audit[2])),
    "audits.confirm": (Need.READ, lambda w: (lambda d: lambda u: audits.confirm(
        deficiency=d, by=u))(w.audit[2])),
    "audits.send_back": (Need.READ, lambda w: (lambda d: lambda u: audits.send_back(
        deficiency=d, by=u, note="Not yet"))(w.audit[2])),
    # allocation, closing a case, restricted access (§1, §7)
    "children.allocate_case": (Need.MANAGE, lambda w: lambda u: children.allocate_case(
        case=w.case, team=w.team, worker=None, by=u)),
    "children.record_sw_change_reason": (Need.MANAGE, lambda w: lambda u: children.record_sw_change_reason(
        allocation=w.case.allocations.get(ended_at__isnull=True), code="LEFTRL", by=u)),
    "children.close_case": (Need.MANAGE, lambda w: lambda u: children.close_case(
        case=w.case, closure_date=today(), closure_reason="RC7", closure_notes="", by=u)),
    "children.grant_restricted_access": ((Need.MANAGE, Need.VIEW_RESTRICTED), lambda w: lambda u: (
        children.grant_restricted_access(child=w.child, user=w.cast["colleague"], by=u, reason="Cover"))),
    # communication needs: interpreter, advocate, signer (§3, §6)
    "children.update_communication_needs": (Need.WRITE, lambda w: lambda u: children.update_communication_needs(
        child=w.child, by=u, preferred_language="Polish", communication_method="", interpreter_needed=True,
        advocate_needed=True, advocate_name="Sam Patel", signer_needed=False, signer_name="")),
    # the statutory returns' questions (issue 17)
    "children.update_identity_details": (Need.WRITE, lambda w: lambda u: children.update_identity_details(
        child=w.child, by=u, sex="F", ethnicity="WBRI", disabilities=["NONE"], upn="", upn_unknown_reason="UN1",
        date_of_death=None)),
    "children.record_new_referral": (Need.WRITE, lambda w: lambda u: children.record_new_referral(
        by=u, child=w.child, team=w.team, referral_date=today(), referral_source="1B", referral_reason="Again")),
    "children.update_case_return_details": (Need.WRITE, lambda w: lambda u: children.update_case_return_details(
        case=w.case, by=u, referral_source="3B", primary_need="N4", referral_nfa=False)),
    "cin.record_item": (Need.WRITE, lambda w: lambda u: cin.record_item(
        case=w.case, by=u, kind="cin-plan", start_date=today())),
    "cin.change_item": (Need.WRITE, lambda w: (lambda p: lambda u: cin.change_item(
        item=p, by=u, start_date=today(), end_date=today(), initial_category="NEG"))(w.protection_plan)),
    "cin.record_review": (Need.WRITE, lambda w: (lambda p: lambda u: cin.record_review(
        plan=p, by=u, review_date=today()))(w.protection_plan)),
    # a looked-after child's reviews, missing episodes and UASC status (issue 17)
    "looked_after.record_review": (Need.WRITE, lambda w: lambda u: looked_after.record_review(
        child=w.child, by=u, review_date=today(), participation="PN1")),
    "looked_after.change_review": (Need.WRITE, lambda w: (lambda r: lambda u: looked_after.change_review(
        review=r, by=u, review_date=today(), participation="PN2"))(w.looked_after[0])),
    "looked_after.record_missing": (Need.WRITE, lambda w: lambda u: looked_after.record_missing(
        child=w.child, by=u, kind="M", start_date=today())),
    "looked_after.change_missing": (Need.WRITE, lambda w: (lambda e: lambda u: looked_after.change_missing(
        episode=e, by=u, kind="A", start_date=today(), end_date=today()))(w.looked_after[1])),
    "looked_after.record_uasc": (Need.WRITE, lambda w: lambda u: looked_after.record_uasc(
        child=w.child, by=u, is_uasc=True, ceased_on=None)),
    # adoption and permanence (issue 17)
    "adoption.record_decision": (Need.WRITE, lambda w: lambda u: adoption.record_decision(
        child=w.child, by=u, decided_on=today())),
    "adoption.record_match": (Need.WRITE, lambda w: (lambda d: lambda u: adoption.record_match(
        decision=d, by=u, matched_on=today(), adopters_sex="MF", adopters_legal_status="L11",
        by_foster_carers=False))(w.adoption_decision)),
    "adoption.reverse_decision": (Need.WRITE, lambda w: (lambda d: lambda u: adoption.reverse_decision(
        decision=d, by=u, reversed_on=today(), reason="RD4"))(w.adoption_decision)),
    "adoption.place_with_siblings": (Need.WRITE, lambda w: (lambda d: lambda u: adoption.place_with_siblings(
        decision=d, by=u, siblings=[]))(w.adoption_decision)),
    "adoption.record_previous_permanence": (Need.WRITE, lambda w: lambda u: adoption.record_previous_permanence(
        child=w.child, by=u, option="Z1")),
    # contacts received about the child (issue 17, Annex A list 1)
    "contacts.record_contact": (Need.WRITE, lambda w: lambda u: contacts.record_contact(
        child=w.child, by=u, received_on=today(), source="1A", request="Her aunt is worried", decision="nfa")),
    "contacts.correct_contact": (Need.WRITE, lambda w: (lambda c: lambda u: contacts.correct_contact(
        contact=c, by=u, received_on=today(), source="1A", request="Her aunt is worried", decision="nfa",
        reason="Wrong source"))(w.front_door_contact)),
    # care leavers (OC3) and the yearly outcomes of children looked after (OC2) (issue 17)
    "care_leavers.record_care_leaver_contact": (Need.WRITE, lambda w: lambda u: care_leavers.record_care_leaver_contact(
        child=w.child, by=u, birthday=19, in_touch="NO")),
    "care_leavers.record_outcomes": (Need.WRITE, lambda w: lambda u: care_leavers.record_outcomes(
        child=w.child, by=u, year=today().year - 1, immunisations=True)),
    "care_leavers.record_pathway_plan_review": (Need.WRITE, lambda w: lambda u: care_leavers.record_pathway_plan_review(
        child=w.child, by=u, reviewed_on=today(), eligibility="qualifying")),
    # early help assessments (issue 17: Annex A, list 2)
    "early_help.record_early_help_assessment": (Need.WRITE, lambda w: lambda u: early_help.record_early_help_assessment(
        child=w.child, by=u, started_on=today(), organisation="early_help_service")),
    "early_help.change_early_help_assessment": (Need.WRITE, lambda w: (lambda a: lambda u: (
        early_help.change_early_help_assessment(assessment=a, by=u, started_on=a.started_on, organisation="other",
                                                organisation_other="Youth club")))(w.early_help_assessment)),
}

# Services that write but not about one child that the writer can already see.
NOT_ABOUT_A_VISIBLE_CHILD = {
    "casework/children/services.py": {"create_child_with_referral", "grant_emergency_access", "record_emergency_search"},
    "records/oversight/audits.py": {"draw_sample"},  # a team's sample, drawn from the children the manager sees
}
SERVICE_MODULES = {
    "records/entries/services.py": "entries", "records/entries/restrictions.py": "restrictions",
    "records/documents/services.py": "documents", "records/sharing/services.py": "sharing",
    "records/sharing/subject_access.py": "subject_access", "records/pdfs/services.py": "pdfs",
    "records/paper_files/services.py": "paper_files", "records/plans/services.py": "plans",
    "casework/basic_record/services.py": "basic_record", "casework/transfers/services.py": "transfers",
    "records/chronology/services.py": "chronology", "records/oversight/audits.py": "audits",
    "casework/children/services.py": "children", "casework/cin/services.py": "cin",
    "casework/looked_after/services.py": "looked_after",
    "casework/adoption/services.py": "adoption",
    "casework/contacts/services.py": "contacts",
    "casework/care_leavers/services.py": "care_leavers",
    "casework/early_help/services.py": "early_help",
}


def _needs(need):
    return need if isinstance(need, tuple) else (need,)


# Who a service must refuse: another team's practitioner and emergency duty staff for every service; emergency duty
# staff with emergency access for what needs a manager or restricted information (given after every plain `edt` check).
REFUSED_USERS = ("other_practitioner", "edt", "edt_with_access")


def _refused_users(need):
    for who in REFUSED_USERS:
        if who != "edt_with_access" or {Need.MANAGE, Need.VIEW_RESTRICTED} & set(_needs(need)):
            yield who


def _case_modules() -> list[str]:
    return list(dict.fromkeys(name.split(".")[0] for name in CASES))


def _row_counts() -> dict:
    """The rows of every table of the three apps, in one query (one COUNT per model, as `_base_manager.count()`
    would give: no model has a base manager of its own)."""
    models = [model for label in ("access", "casework", "records") for model in apps.get_app_config(label).get_models()]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models))
        return dict(zip((m._meta.label for m in models), cursor.fetchone()))


def _refusal_problems(world, need, call, user) -> list[str]:
    """What is wrong with one service's refusal of one user: empty when it raises PermissionDenied and saves nothing.
    Anything it saved is reported, then undone (a savepoint), so that the next check meets the same world."""
    problems = ["may() lets them through"] if may(user, world.child, need) else []
    savepoint = transaction.savepoint()
    before = _row_counts()
    try:
        call(user)
    except PermissionDenied:
        pass
    except Exception as error:  # noqa: BLE001 - reported with the service and user it came from
        transaction.savepoint_rollback(savepoint)
        return [*problems, f"raised {error!r}, expected PermissionDenied"]
    else:
        problems.append("not refused")
    after = _row_counts()
    if after != before:
        problems.append("saved rows in " + ", ".join(sorted(label for label in after if after[label] != before[label])))
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
    return problems


@pytest.fixture
def world(cast, child, other_child, assessment_team, care_team, care_manager):
    return World(cast, child, other_child, assessment_team, care_team, care_manager)


@pytest.mark.parametrize("module", _case_modules())
def test_every_service_refuses_a_user_without_the_right(world, module):
    """Each service of one module, called by each user who lacks the right. One world serves the module's services:
    a refusal saves nothing (checked each time), so each check meets the world the previous one found. What a
    service writes about is made on its first check, before the rows are counted."""
    names = [name for name in CASES if name.split(".")[0] == module]
    calls = {}
    wrong = []
    for who in REFUSED_USERS:
        user = world.cast["edt"] if who.startswith("edt") else world.cast[who]
        if who == "edt_with_access":
            children.grant_emergency_access(user=user, child=world.child, reason="Police called about Amara tonight")
        for name in names:
            need, prepare = CASES[name]
            if who not in _refused_users(need):
                continue
            if name not in calls:
                calls[name] = prepare(world)
            wrong += [f"{name} as {who}: {problem}" for problem in _refusal_problems(world, need, calls[name], user)]
    assert wrong == [], "\n".join(wrong)


def _service_functions(path: str) -> set[str]:
    """The module's public functions that write in a transaction."""
    tree = ast.parse((ROOT / path).read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            if any(ast.unparse(d).endswith("transaction.atomic") for d in node.decorator_list):
                names.add(node.name)
    return names


def test_the_cases_cover_every_service_that_writes_about_a_child():
    covered = {name for name in CASES}
    for path, prefix in SERVICE_MODULES.items():
        for function in _service_functions(path) - NOT_ABOUT_A_VISIBLE_CHILD.get(path, set()):
            assert f"{prefix}.{function}" in covered, f"{path}: {function} writes about a child: add it to CASES"


def test_every_service_that_writes_about_a_child_calls_require_first():
    for path, prefix in SERVICE_MODULES.items():
        tree = ast.parse((ROOT / path).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and f"{prefix}.{node.name}" in CASES:
                body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
                first = ast.unparse(body[0])
                assert "require(" in first or "may(" in first, f"{path}: {node.name} starts with {first!r}"


def test_the_rightful_user_is_let_through(world):
    """The door is not shut on those who may: the same services, called by the allocated worker and the manager."""
    entry = entries.start_contact(child=world.child, by=world.practitioner, kind="contact_phone",
                                  event_at=an_hour_ago(), others_present="")
    assert entry.pk
    assert subject_access.create_subject_access_request(child=world.child, by=world.manager, requester_name="Grace",
                                                        relationship="Mother", received_on=today()).pk


# --- (b) child_for_request --------------------------------------------------------------------------

def _request(user, local_id):
    request = RequestFactory().get(f"/children/{local_id}/")
    request.user = user
    request.resolver_match = resolve(request.path)  # the access log names the page
    return request


def _refused_user(need, cast, child, manager):
    """Someone who can see the child but lacks `need` (READ: someone who cannot see it)."""
    if need is Need.READ:
        return cast["other_practitioner"]
    if need is Need.WRITE:
        slt = cast["slt"]  # senior leadership may be given sight of a record; they do not write on it
        permissions.grant_to_user(user=slt, child=child, codename="view_child", source="explicit", by=manager,
                                  reason="Complaint review")
        return slt
    if need is Need.MANAGE:
        return cast["practitioner"]
    children.grant_emergency_access(user=cast["edt"], child=child, reason="Police called about Amara tonight")
    return cast["edt"]


@pytest.mark.parametrize("need", list(Need))
@pytest.mark.parametrize("who", ["lacks_the_need", "cannot_see"])
def test_child_for_request_refuses_each_need_with_a_logged_404(cast, child, manager, need, who):
    user = _refused_user(need, cast, child, manager) if who == "lacks_the_need" else cast["other_practitioner"]
    if who == "lacks_the_need" and need is not Need.READ:
        assert may(user, child, Need.READ)
    with pytest.raises(Http404):
        child_for_request(_request(user, child.local_id), child.local_id, need)
    logged = list(AccessLog.objects.filter(user=user))
    assert [(row.outcome, row.child_id, row.requested_ref) for row in logged] == [
        (AccessLog.Outcome.DENIED, child.pk, child.local_id)]


@pytest.mark.parametrize("need", list(Need))
def test_child_for_request_lets_through_who_has_the_need_and_logs_the_view(cast, child, need):
    user = cast["manager"] if need is Need.MANAGE else cast["practitioner"]
    assert child_for_request(_request(user, child.local_id), child.local_id, need) == child
    assert AccessLog.objects.filter(user=user, child=child, outcome=AccessLog.Outcome.VIEWED).count() == 1


def test_an_unknown_child_is_the_same_404(cast, child):
    user = cast["other_practitioner"]
    with pytest.raises(Http404) as unknown:
        child_for_request(_request(user, "CW-0000-0000"), "CW-0000-0000")
    with pytest.raises(Http404) as hidden:
        child_for_request(_request(user, child.local_id), child.local_id)
    assert str(unknown.value) == str(hidden.value)
    assert AccessLog.objects.get(requested_ref="CW-0000-0000").child is None


def test_a_service_refusal_on_a_child_page_is_the_same_logged_404(world):
    """§4: only the originator endorses; anyone else posting to endorse gets the 404 of every refusal, logged."""
    entry = world.completed
    response = client_for(world.practitioner).post(
        reverse("records:endorse", args=[world.child.local_id, entry.pk]))
    assert response.status_code == 404
    assert AccessLog.objects.filter(user=world.practitioner, child=world.child,
                                    outcome=AccessLog.Outcome.DENIED).count() == 1
    entry.refresh_from_db()
    assert entry.endorsed_at is None


# --- (c) no gate of its own in any view module -----------------------------------------------------------

def _view_modules():
    for app in ("access", "casework", "records"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            if path.name == "views.py" or path.name.endswith("_views.py") or path.name == "access_report.py":
                yield path


GATE_NAMES = ("_child",)  # _writer_child, _manager_child, _restricted_reader_child, ...
GATE_PREFIXES = ("_require_writer", "_require_manager", "_ensure_writer", "_ensure_manager", "_writer", "_manager")


def test_no_view_module_keeps_a_gate_of_its_own():
    for path in _view_modules():
        source = path.read_text()
        assert "_writer_child" not in source, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef):
                assert not node.name.endswith(GATE_NAMES), f"{path}: {node.name} is a gate: use child_for_request"
                assert not node.name.startswith(GATE_PREFIXES), f"{path}: {node.name} is a gate: use child_for_request"


def _calls(function) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            names.add(target.id if isinstance(target, ast.Name) else getattr(target, "attr", ""))
    return names


def test_every_view_taking_a_child_goes_through_the_door():
    checked = 0
    modules = {path: [n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef)]
               for path in _view_modules()}
    # The views' helpers that reach child_for_request (directly or through another helper, in any view module:
    # records/entries/signing_views.py uses the write-up's own _owned_draft).
    # child_for_endorsement: the same door's entry for a person asked to endorse one entry (§4, §15.2).
    # retention_for_officer (issue 18): the data protection officer's door to a record past its retention date, by
    # role, showing only its local ID and retention facts, never the record (records.retention.selectors).
    through = {"child_for_request", "child_for_endorsement", "retention_for_officer"}
    changed = True
    while changed:
        changed = False
        for function in (f for functions in modules.values() for f in functions):
            if function.name not in through and _calls(function) & through:
                through.add(function.name)
                changed = True
    for path, functions in modules.items():
        for function in functions:
            takes_child = "local_id" in [a.arg for a in function.args.args + function.args.kwonlyargs]
            if takes_child and function.decorator_list:  # a view (helpers are undecorated)
                checked += 1
                assert _calls(function) & through, f"{path}: {function.name} takes local_id without child_for_request"
    assert checked > 50


def test_the_doors_compiled_query_answers_as_the_orm_for_each_user_and_is_built_once(cast, child, other_child, manager,
                                                                                      django_assert_num_queries):
    """The door's query on a record's pages is compiled once (access.compiled_query) and run with each request's user
    and child: the same child as `visible_to` for every user, and whether they may see its restricted section (§7)
    as `with_restricted_access_for`, remembered on the child (no second query for it)."""
    from casework.children import authorisation
    from casework.children.selectors import may_see_restricted

    children.grant_emergency_access(user=cast["edt"], child=child, reason="Police called about Amara tonight")
    children.grant_restricted_access(child=child, user=cast["colleague"], by=manager,
                                     reason="Covering the case while Priya is away")
    authorisation._DOOR._compiled.clear()
    for name in ("practitioner", "colleague", "other_practitioner", "manager", "edt", "slt", "admin"):
        user = cast[name]
        for each in (child, other_child):
            sees = Child.objects.visible_to(user).filter(pk=each.pk).exists()
            if not sees:
                with pytest.raises(Http404):
                    child_for_request(_request(user, each.local_id), each.local_id)
                continue
            found = child_for_request(_request(user, each.local_id), each.local_id)
            assert found == each and found.local_id == each.local_id and found.date_of_birth == each.date_of_birth
            restricted = Child.objects.with_restricted_access_for(user).filter(pk=each.pk).exists()
            with django_assert_num_queries(0):
                assert may_see_restricted(user, found) is restricted
    assert list(authorisation._DOOR._compiled) == ["door"]  # one build for every user (superusers skip it)
    assert may_see_restricted(cast["colleague"], Child.objects.get(pk=child.pk))  # a child from elsewhere: asked
    assert not may_see_restricted(cast["edt"], Child.objects.get(pk=child.pk))

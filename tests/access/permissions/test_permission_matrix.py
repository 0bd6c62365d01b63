"""Each role against each page and each child: allowed ones 200, others 404 (direct URLs and search).

Every URL pattern of the project must have a rule here, so a new view without one fails the suite.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.urls import reverse

from access.models import AccessLog
from records.models import PdfJob
from casework.banner.services import add_alert
from casework.cin.services import record_item as record_case_item
from records.documents.services import add_section_record
from casework.looked_after import services as looked_after
from casework.adoption.services import record_decision as record_adoption_decision
from casework.early_help.services import record_early_help_assessment
from casework.contacts.services import record_contact
from casework.returns.codes import collection_year
from records.entries import services as entry_services
from records.entries.restrictions import restrict_entry
from tests.casework.basic_record.basic_record_builders import basic_record_items, item_of, link_as_siblings, sibling_link_of
from tests.records.plans.plan_builders import plan_with_outcomes, review_entry
from tests.conftest import client_for
from tests.pdf_text import response_bytes
from tests.records.oversight.oversight_builders import audit_with_deficiency
from tests.casework.transfers.transfer_builders import awaiting_transfer
from tests.records.paper_files.paper_builders import paper_move_awaiting, paper_removal, paper_volume
from tests.records.documents.document_builders import documents_of
from tests.factories import ConsentFactory, PdfJobFactory, SubjectAccessRequestFactory
from tests.security.urls import url_names

ROLES = ("practitioner", "colleague", "other_practitioner", "manager", "edt", "slt", "admin")
SIGNED_IN = set(ROLES)
ASSESSMENT_CHILD_READERS = {"practitioner", "colleague", "manager", "admin"}
CARE_CHILD_READERS = {"other_practitioner", "admin"}
MANAGERS = {"manager", "admin"}
REFERRERS = {"practitioner", "colleague", "other_practitioner", "manager"}

# url name -> (arguments to build it, roles that get 200). Pages about a child are listed once
# per child: the same page for a child of another team must be a 404.
ASSESSMENT_CHILD_WRITERS = {"practitioner", "colleague", "manager"}
CARE_CHILD_WRITERS = {"other_practitioner"}


def _draft(c):
    return c.entries.get(status="planned")


def _completed(c):
    return c.entries.get(status="completed", restriction__isnull=True)


def _record_pdf(c):
    return c.pdf_jobs.get(kind="record")


def _sar(c):
    return c.subject_access_requests.get()


CHILD_PAGES = {
    "casework:child_record": lambda c: [c.local_id],
    "casework:allocate": lambda c: [c.local_id],
    "casework:allocation_reason": lambda c: [c.local_id, c.cases.get().allocations.get(ended_at__isnull=True).pk],
    "casework:communication": lambda c: [c.local_id],
    # Issue 17: the statutory returns' questions, on the child and on the case.
    "casework:identity_details": lambda c: [c.local_id],
    "casework:case_return_details": lambda c: [c.local_id, c.cases.get().pk],
    # The record's less used sections on their own tabs, and the banner's alerts (issue 16).
    "casework:child_family": lambda c: [c.local_id],
    "casework:child_orders": lambda c: [c.local_id],
    "casework:child_cases": lambda c: [c.local_id],
    "casework:alerts": lambda c: [c.local_id],
    "casework:alert_add": lambda c: [c.local_id],
    "casework:alert_end": lambda c: [c.local_id, c.alerts.get().pk],
    "casework:close_case": lambda c: [c.local_id, c.cases.get().pk],
    "casework:new_referral": lambda c: [c.local_id],
    # Issue 17: a case's assessments, enquiries and plans; one child protection plan on each child.
    # Issue 17: adoption and permanence; one decision to place for adoption on each child.
    "casework:adoption": lambda c: [c.local_id],
    "casework:adoption_record": lambda c: [c.local_id, "previous-permanence"],
    "casework:adoption_update": lambda c: [c.local_id, c.adoption_decisions.get().pk, "match"],
    "casework:cin_item_add": lambda c: [c.local_id, c.cases.get().pk, "assessment"],
    "casework:cin_item_change": lambda c: [c.local_id, c.cases.get().pk, "protection-plan",
                                           c.cases.get().protection_plans.get().pk],
    "casework:cp_review_add": lambda c: [c.local_id, c.cases.get().pk, c.cases.get().protection_plans.get().pk],
    # Issue 17: a looked-after child's reviews, missing episodes and UASC status; one review and one episode each.
    "casework:lac_review_add": lambda c: [c.local_id],
    "casework:lac_review_change": lambda c: [c.local_id, c.looked_after_reviews.get().pk],
    "casework:lac_missing_add": lambda c: [c.local_id],
    "casework:lac_missing_change": lambda c: [c.local_id, c.missing_episodes.get().pk],
    "casework:lac_uasc": lambda c: [c.local_id],
    # Issue 17: care leaver information at a birthday, and a looked-after child's outcomes for this year.
    # Issue 17: contacts received about the child (Annex A list 1); one on each child.
    "casework:front_door_contact_add": lambda c: [c.local_id],
    "casework:front_door_contact_correct": lambda c: [c.local_id, c.front_door_contacts.get().pk],
    "casework:care_leaver_contact": lambda c: [c.local_id, 19],
    "casework:looked_after_outcomes": lambda c: [c.local_id, collection_year()],
    "casework:pathway_plan_review": lambda c: [c.local_id],
    "casework:early_help_add": lambda c: [c.local_id],  # issue 17: Annex A's list 2
    "casework:early_help_change": lambda c: [c.local_id, c.early_help_assessments.get().pk],
    "casework:access_log": lambda c: [c.local_id],
    "casework:grant_restricted_access": lambda c: [c.local_id],
    "records:entry_list": lambda c: [c.local_id],
    "records:chronology": lambda c: [c.local_id],
    "records:chronology_add": lambda c: [c.local_id],
    "records:summary_new": lambda c: [c.local_id],
    "records:visit_new": lambda c: [c.local_id],
    "records:contact_new": lambda c: [c.local_id],
    "records:decision_new": lambda c: [c.local_id],
    "records:entry_detail": lambda c: [c.local_id, _completed(c).pk],
    "records:basic_details": lambda c: [c.local_id, _draft(c).pk],
    "records:failed_visit": lambda c: [c.local_id, _draft(c).pk],
    "records:same_day": lambda c: [c.local_id, _draft(c).pk],
    "records:write_up": lambda c: [c.local_id, _draft(c).pk],
    "records:check_and_sign": lambda c: [c.local_id, _draft(c).pk],
    "records:amend": lambda c: [c.local_id, _completed(c).pk],
    "records:restrict": lambda c: [c.local_id, _completed(c).pk],
    "records:restricted_section": lambda c: [c.local_id],
    "records:review_restriction": lambda c: [c.local_id, c.restrictions.get().pk],
    "records:sharing": lambda c: [c.local_id],
    "records:records_information_new": lambda c: [c.local_id],
    "records:consent_new": lambda c: [c.local_id],
    "records:consent_withdraw": lambda c: [c.local_id, c.consents.get().pk],
    "records:disclosure_new": lambda c: [c.local_id],
    "records:sar_new": lambda c: [c.local_id],
    "records:sar_detail": lambda c: [c.local_id, c.subject_access_requests.get().pk],
    "records:sar_extend": lambda c: [c.local_id, c.subject_access_requests.get().pk],
    "records:sar_status": lambda c: [c.local_id, c.subject_access_requests.get().pk],
    "records:pdf_request": lambda c: [c.local_id],
    "records:pdf_status": lambda c: [c.local_id, _record_pdf(c).pk],
    "records:pdf_progress": lambda c: [c.local_id, _record_pdf(c).pk],
    "records:pdf_download": lambda c: [c.local_id, _record_pdf(c).pk],
    # The child's plan (§5.4): one outcome with a key task and a review meeting on each child.
    "records:plan": lambda c: [c.local_id],
    "records:plan_start": lambda c: [c.local_id],
    "records:plan_type_change": lambda c: [c.local_id],
    "records:outcome_add": lambda c: [c.local_id],
    "records:outcome_change": lambda c: [c.local_id, c.plans.get().outcomes.get().pk],
    "records:task_add": lambda c: [c.local_id, c.plans.get().outcomes.get().pk],
    "records:task_done": lambda c: [c.local_id, c.plans.get().outcomes.get().tasks.get().pk],
    "records:plan_review": lambda c: [c.local_id, c.entries.get(kind="review").pk],
    # The basic record (§5.1): one item of each section on each child; the two children linked as siblings (§5.3).
    "casework:household_member_add": lambda c: [c.local_id],
    "casework:household_member_left": lambda c: [c.local_id, item_of(c, "household").pk],
    "casework:basic_record_add": lambda c: [c.local_id, "placements"],
    "casework:basic_record_correct": lambda c: [c.local_id, "people", item_of(c, "people").pk],
    "casework:basic_record_end": lambda c: [c.local_id, "contact", item_of(c, "contact").pk],
    "casework:basic_record_restrict": lambda c: [c.local_id, "providers", item_of(c, "providers").pk],
    "casework:sibling_link_add": lambda c: [c.local_id],
    "casework:sibling_link_end": lambda c: [c.local_id, sibling_link_of(c).pk],
    # Documents (§1, §5.1, §5.4): an order and a photograph that belongs to the child, on each child.
    "records:documents": lambda c: [c.local_id],
    "records:document_upload": lambda c: [c.local_id],
    "records:document_detail": lambda c: [c.local_id, c.documents.get(belongs_to_child=False).pk],
    "records:document_download": lambda c: [c.local_id, c.documents.get(belongs_to_child=False).pk],
    "records:document_withdraw": lambda c: [c.local_id, c.documents.get(belongs_to_child=False).pk],
    "records:document_restrict": lambda c: [c.local_id, c.documents.get(belongs_to_child=False).pk],
    "records:document_return": lambda c: [c.local_id, c.documents.get(belongs_to_child=True).pk],
    "records:court_order_add": lambda c: [c.local_id],
    "records:court_report_add": lambda c: [c.local_id],
    "records:education_add": lambda c: [c.local_id],
    "records:health_add": lambda c: [c.local_id],
    "records:section_correct": lambda c: [c.local_id, "health", c.health_records.get().pk],
    # Paper files (§1, §15): a volume, a request waiting for approval and a file out, made when needed.
    "records:paper_files": lambda c: [c.local_id],
    "records:paper_volume_new": lambda c: [c.local_id],
    "records:paper_volume_move": lambda c: [c.local_id, paper_volume(c).pk],
    "records:paper_removal_new": lambda c: [c.local_id],
    "records:paper_removal_decide": lambda c: [c.local_id, paper_removal(c, "requested").pk],
    "records:paper_removal_return": lambda c: [c.local_id, paper_removal(c, "out").pk],
    "records:paper_move_confirm": lambda c: [c.local_id, paper_move_awaiting(c).pk],
    # Case transfers (§15.2): each child's case sent to the other team, awaiting confirmation.
    "casework:transfer": lambda c: [c.local_id],
    "casework:transfer_audit": lambda c: [c.local_id],
    "casework:transfer_new": lambda c: [c.local_id],
    "casework:transfer_confirm": lambda c: [c.local_id, awaiting_transfer(c).pk],
    # Managers' oversight (§13): the audit trail, the access log as CSV, record audits and their actions.
    "records:child_history": lambda c: [c.local_id],
    "records:entry_history": lambda c: [c.local_id, _completed(c).pk],
    "casework:access_log_csv": lambda c: [c.local_id],
    "records:record_audit": lambda c: [c.local_id, c.record_audits.get().pk],
    "records:deficiency_new": lambda c: [c.local_id, c.record_audits.get().pk],
    "records:deficiency": lambda c: [c.local_id, c.audit_deficiencies.get().pk],
}
# Entries on the assessment child are written by `practitioner`, on the care child by `other_practitioner`:
# only the author edits a draft or amends what they signed.
AUTHORS = ({"practitioner"}, {"other_practitioner"})
CHILD_PAGE_ROLES = {
    "casework:child_record": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:allocate": (MANAGERS, {"admin"}),
    "casework:allocation_reason": (MANAGERS, {"admin"}),  # issue 17
    "casework:communication": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # §3, §6
    "casework:identity_details": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # issue 17
    "casework:case_return_details": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # issue 17
    "casework:child_family": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:child_orders": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:child_cases": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:alerts": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:alert_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:alert_end": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:close_case": (MANAGERS, {"admin"}),
    "casework:new_referral": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:cin_item_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # issue 17
    "casework:cin_item_change": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:cp_review_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:lac_review_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # issue 17
    "casework:lac_review_change": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:lac_missing_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:lac_missing_change": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:lac_uasc": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:adoption": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),  # issue 17
    "casework:adoption_record": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:adoption_update": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:front_door_contact_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # issue 17
    "casework:front_door_contact_correct": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:care_leaver_contact": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),  # issue 17
    "casework:looked_after_outcomes": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:pathway_plan_review": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:early_help_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:early_help_change": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:access_log": (MANAGERS, {"admin"}),
    "casework:grant_restricted_access": (MANAGERS, {"admin"}),
    "records:entry_list": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:chronology": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:chronology_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:summary_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:visit_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:contact_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:decision_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:entry_detail": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:basic_details": AUTHORS,
    "records:failed_visit": AUTHORS,
    "records:same_day": AUTHORS,
    "records:write_up": AUTHORS,
    "records:check_and_sign": AUTHORS,
    "records:amend": AUTHORS,
    # §7: restricted information is for the allocated worker and the team manager (view_restricted).
    "records:restrict": ({"practitioner", "manager", "admin"}, {"other_practitioner", "admin"}),
    "records:restricted_section": ({"practitioner", "manager", "admin"}, {"other_practitioner", "admin"}),
    "records:review_restriction": (MANAGERS, {"admin"}),
    # §3, §6, §7: everyone who may see the child sees the Sharing tab; those who write on the record add to it.
    "records:sharing": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:records_information_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:consent_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:consent_withdraw": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:disclosure_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    # Subject access requests: team managers only.
    "records:sar_new": (MANAGERS, {"admin"}),
    "records:sar_detail": (MANAGERS, {"admin"}),
    "records:sar_extend": (MANAGERS, {"admin"}),
    "records:sar_status": (MANAGERS, {"admin"}),
    # PDFs of the record (without the restricted section): anyone who may see the child. PDFs with
    # it and subject access bundles have stricter rules, tested in tests/records/pdfs/test_pdf_views.py.
    "records:pdf_request": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:pdf_status": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:pdf_progress": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:pdf_download": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    # The plan: everyone who may see the child reads it; those who write on the record change it.
    "records:plan": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:plan_start": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:plan_type_change": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:outcome_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:outcome_change": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:task_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:task_done": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:plan_review": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    # The basic record: read on the record page; changed by those who write on the record; restricting an item
    # is for those who may see restricted information (§7), as for entries.
    "casework:household_member_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:household_member_left": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:basic_record_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:basic_record_correct": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:basic_record_end": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:basic_record_restrict": ({"practitioner", "manager", "admin"}, {"other_practitioner", "admin"}),
    "casework:sibling_link_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "casework:sibling_link_end": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    # Documents: read and downloaded by everyone who may see the child; added to by those who write on the
    # record; withdrawn by the uploader or a manager; restricted by those who may see restricted information.
    "records:documents": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:document_upload": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:document_detail": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:document_download": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:document_withdraw": ({"practitioner", "manager", "admin"}, {"other_practitioner", "admin"}),
    "records:document_restrict": ({"practitioner", "manager", "admin"}, {"other_practitioner", "admin"}),
    "records:document_return": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:court_order_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:court_report_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:education_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:health_add": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:section_correct": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    # Paper files: read by all who see the child, kept up by those who write on it; a manager of the
    # child's team (or a superuser) approves or refuses a removal (§15.1).
    "records:paper_files": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:paper_volume_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:paper_volume_move": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:paper_removal_new": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    "records:paper_removal_decide": (MANAGERS, {"admin"}),
    "records:paper_removal_return": (ASSESSMENT_CHILD_WRITERS, CARE_CHILD_WRITERS),
    # §15.2: someone of the receiving team confirms a volume arrived, never its sender (the team manager here).
    "records:paper_move_confirm": ({"practitioner", "colleague"}, {"other_practitioner"}),
    # Transfers: managers who see the child read them; the manager of the team holding the case audits and
    # sends it; the receiving team's manager confirms (the care child goes to `manager`'s team).
    "casework:transfer": (MANAGERS, {"admin"}),
    "casework:transfer_audit": (MANAGERS, {"admin"}),
    "casework:transfer_new": (MANAGERS, {"admin"}),
    "casework:transfer_confirm": ({"admin"}, MANAGERS),
    # The history of changes: everyone who may see the child (restricted items as placeholders).
    "records:child_history": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "records:entry_history": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:access_log_csv": (MANAGERS, {"admin"}),
    # Audits: the manager of the team whose sample it is (the care team's manager is not in the cast).
    "records:record_audit": (MANAGERS, {"admin"}),
    "records:deficiency_new": (MANAGERS, {"admin"}),
    # A deficiency: the practitioner it is assigned to and the manager who confirms it.
    "records:deficiency": ({"practitioner", "manager", "admin"}, {"other_practitioner", "admin"}),
}
# POST-only pages about a child: url name -> (arguments, form data, roles that may post, per child).
POST_CHILD_PAGES = {
    # Subject access bundles: team managers who may see the child prepare and release them.
    "records:sar_bundle": (lambda c: [c.local_id, _sar(c).pk], lambda c: {}, (MANAGERS, {"admin"})),
    "records:sar_release": (lambda c: [c.local_id, _sar(c).pk],
                            lambda c: {"job_id": c.pdf_jobs.get(kind="subject_access").pk}, (MANAGERS, {"admin"})),
}
PLAIN_PAGES = {
    "records:my_work": SIGNED_IN,  # issue 16: the home page, each role's own work
    "casework:caseload": SIGNED_IN,
    "casework:search": SIGNED_IN,
    "casework:child_create": REFERRERS,
    "records:restrictions_for_review": MANAGERS,
    "records:subject_access_requests": MANAGERS,
    "casework:emergency_access": {"edt"},
    "casework:emergency_access_list": MANAGERS,
    # §14: each member of staff's own account and session.
    "access:session": SIGNED_IN,
    "access:change_password": SIGNED_IN,
    "access:two_factor_setup": SIGNED_IN,
    # §15.1, §16: anyone signed in reports a loss and lists the reports they made or were told of.
    "casework:loss_report": SIGNED_IN,
    "casework:losses": SIGNED_IN,
    # §15.2: transfers in and out of a manager's teams.
    "casework:transfers": MANAGERS,
    # §13: dashboards and audit results for managers and senior leadership; audit actions for everyone.
    "records:team_dashboard": MANAGERS | {"slt"},
    "records:service_dashboard": {"slt", "admin"},
    "records:audits": MANAGERS | {"slt"},
    "records:audit_sample_new": MANAGERS,
    "records:audit_actions": SIGNED_IN,
    # §2: senior leadership approves form designs outside the admin (nobody else, administrators included).
    "records:design_approvals": {"slt"},
    # §13: a team's manager delegates its record audits (to a senior practitioner, for a period).
    "records:audit_delegations": MANAGERS,
    "records:audit_delegation_new": MANAGERS,
    # Issue 18: senior leadership's approval of erasures.
    "records:erasure_approvals": {"slt"},
    # Issue 17: statutory returns, for senior leadership and performance and information staff (not in the cast).
    "casework:returns": {"slt"},
}
# Pages with their own rules, tested on their own below.
SPECIAL_PAGES = {
    "access:sign_in", "access:sign_out",
    # Only with an authenticator app set up; tested in tests/access/sign_in/test_two_factor.py and, for the
    # recovery codes, tests/access/sign_in/test_recovery_codes.py.
    "access:two_factor_verify", "access:two_factor_recovery", "access:new_recovery_codes",
    # POST-only or needing a closed case: their rules are tested in tests/records/entries/test_recording_views.py.
    "records:autosave", "records:endorse", "records:allow_closed_case_recording",
    # POST-only: the plain English advice as it is typed, tested in tests/records/entries/test_check_and_sign.py.
    "records:plain_english",
    # A loss report is seen by its reporter and the managers told of it: tests/casework/losses/test_losses.py.
    "casework:loss_detail", "casework:loss_action", "casework:loss_family", "casework:loss_close",
    # Drill-downs need a team and a figure, a sample its id: tests/records/oversight/test_team_dashboard.py, test_record_audits.py.
    "records:team_drilldown", "records:audit_sample",
    # One design submitted for approval: tests/records/designs/test_approval_pages.py.
    "records:design_approval",
    # POST-only, needing a delegation: tests/records/oversight/test_audit_delegation.py.
    "records:audit_delegation_end",
    # The data protection officer's pages (nobody in the cast holds the role), a record past its retention date, or
    # a proposal to erase one: tests/records/retention/test_retention_pages.py.
    "records:retention_reviews", "records:retention_keep_longer", "records:retention_place_hold", "records:retention_lift_hold",
    "records:retention_propose_erasure", "records:erasure_decision",
    # Issue 17: checking the records, building a return, its progress and its download (a year and a return, or a
    # build): tests/casework/returns/test_builds.py and test_validation_page.py.
    "casework:return_validation", "casework:return_build_new", "casework:return_build", "casework:return_download",
}


def test_every_url_pattern_has_a_permission_rule():
    names = {name for name in url_names() if not name.startswith("admin:")}
    ruled = set(CHILD_PAGES) | set(PLAIN_PAGES) | set(POST_CHILD_PAGES) | SPECIAL_PAGES
    assert names - ruled == set(), "views without a rule in the permission matrix"


@pytest.fixture
def entries(child, other_child, practitioner, other_practitioner, manager, care_manager):
    """A planned visit and a completed contact on each child, by its allocated practitioner."""
    for subject, author in ((child, practitioner), (other_child, other_practitioner)):
        when = timezone.now() - timedelta(hours=2)
        entry_services.plan_visit(child=subject, by=author, event_at=when, purpose="See the child at home")
        contact = entry_services.start_contact(child=subject, by=author, kind="contact_phone", event_at=when,
                                               others_present="Mother")
        write_up = entry_services.WriteUp(answers=first_design_answers(contact), information_source="first_hand",
                                          third_party_source="", originator=None, interpreter_used="no", household_changed=False, significant=False)
        entry_services.complete_entry(entry=contact, by=author, write_up=write_up, expected_version=None)
        restricted = entry_services.start_contact(child=subject, by=author, kind="contact_phone", event_at=when,
                                                  others_present="Neighbour")
        entry_services.complete_entry(entry=restricted, by=author, write_up=write_up, expected_version=None)
        advisor = subject.cases.get().allocations.get(ended_at__isnull=True).team.manager
        restrict_entry(entry=restricted, by=author, reason="in_confidence", reason_detail="Told in confidence",
                       advised_by=advisor, review_date=timezone.localdate() + timedelta(days=90))
        # A consent and a subject access request on each child, for the Sharing pages.
        ConsentFactory(child=subject, by=author, person_name="Grace", agencies="School",
                       purpose="Attendance support")
        sar = SubjectAccessRequestFactory(child=subject, by=advisor, requester_name="Grace")
        # A finished PDF of the record and a finished subject access bundle: stand-in files, since the
        # matrix tests who gets them (tests/records/test_pdf_* test what is in them).
        finished_pdf(child=subject, requested_by=author, kind=PdfJob.Kind.RECORD)
        finished_pdf(child=subject, requested_by=advisor, kind=PdfJob.Kind.SUBJECT_ACCESS, subject_access_request=sar)
        plan_with_outcomes(subject, author)  # the plan (§5.4): an outcome with a key task
        review_entry(subject, author)
        basic_record_items(subject, author)  # the basic record (§5.1)
        documents_of(subject, author)  # documents on the record (§1, §5.4)
        add_section_record(section="health", child=subject, by=author, kind="health_plan",  # §5.1: health
                           carried_out_on=timezone.localdate(), carried_out_by="School nurse")
        audit_with_deficiency(subject, author, advisor)  # a record audit (§13) and what it found
        add_alert(child=subject, by=author, kind="worker_safety", wording="Do not visit alone")  # the banner's alert
        record_case_item(case=subject.cases.get(), by=author, kind="protection-plan",  # issue 17: a case's plan
                         start_date=timezone.localdate(), initial_category="NEG")
        # issue 17: looked after under the basic record's care order, a review and a missing episode still open
        looked_after.record_review(child=subject, by=author, review_date=timezone.localdate(), participation="PN1")
        looked_after.record_missing(child=subject, by=author, kind="M", start_date=timezone.localdate())
        record_adoption_decision(child=subject, by=author, decided_on=timezone.localdate())  # issue 17
        record_contact(child=subject, by=author, received_on=timezone.localdate(), source="2A",  # issue 17
                       request="The school is worried", decision="advice")
        record_early_help_assessment(child=subject, by=author, started_on=timezone.localdate(),  # issue 17
                                     organisation="school")
    link_as_siblings(child, other_child, practitioner)  # §5.3: a link across teams, shown on both records


def finished_pdf(**fields) -> PdfJob:
    from records.pdfs.services import pdf_path

    job = PdfJobFactory(**fields)
    path = pdf_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"%PDF-1.7 stand-in for {job.child.local_id}".encode())
    job.file_name = f"pdfs/{path.name}"
    job.save()
    return job


def first_design_answers(entry):
    return {q.key: "Answered" for q in entry.form_design.questions.filter(required=True)
            if q.answer_type in ("short_text", "long_text")}


@pytest.mark.parametrize("role", ROLES)
def test_plain_pages(cast, role):
    """Every page without a child for one role: the cast is built once per role, not once per page."""
    client = client_for(cast[role])
    wrong = []
    for url_name in sorted(PLAIN_PAGES):
        response = client.get(reverse(url_name))
        expected = 200 if role in PLAIN_PAGES[url_name] else 404
        if response.status_code != expected:
            wrong.append(f"{url_name} as {role}: {response.status_code}, expected {expected}")
    assert wrong == [], "\n".join(wrong)


NAMESPACES = sorted({name.split(":")[0] for name in CHILD_PAGES})


@pytest.mark.parametrize("namespace", NAMESPACES)
@pytest.mark.parametrize("which", ["assessment_child", "care_child"])
def test_child_pages(cast, child, other_child, entries, namespace, which):
    """Every role on every page of one child. A GET changes nothing but the access log, so the pages of
    an app share one set-up of the two records (which takes seconds: one per page would take half an hour),
    and each role one signed-in client (the session holds only sign-in state: nothing in it opens a record).
    The apps are not folded together: building some addresses makes what they show (the casework pages' case
    transfer awaiting confirmation lets the receiving team's manager see the child)."""
    subject = child if which == "assessment_child" else other_child
    clients = {role: client_for(cast[role]) for role in ROLES}
    wrong = []
    for url_name in sorted(name for name in CHILD_PAGES if name.startswith(f"{namespace}:")):
        allowed = CHILD_PAGE_ROLES[url_name][0 if which == "assessment_child" else 1]
        url = reverse(url_name, args=CHILD_PAGES[url_name](subject))
        wrong += [f"{url_name} as {problem}" for problem in _role_problems(cast, subject, url, allowed, clients)]
    assert wrong == [], "\n".join(wrong)


def _role_problems(cast, subject, url, allowed, clients=None) -> list[str]:
    """What is wrong with each role's GET of one page about `subject` (`clients`: a signed-in client per role)."""
    wrong = []
    for role in ROLES:
        refusals = AccessLog.objects.filter(user=cast[role], child=subject, outcome="denied")
        refused_before = refusals.count()
        response = (clients[role] if clients else client_for(cast[role])).get(url)
        body = response_bytes(response).decode(errors="replace")  # a download is streamed
        if role in allowed:
            if response.status_code != 200 or subject.local_id not in body:
                wrong.append(f"{role}: {response.status_code}, expected 200 with the child's local ID")
        elif response.status_code != 404:
            wrong.append(f"{role}: {response.status_code}, expected 404")
        # The 404 says nothing about the child, not even that they exist; and the refusal is logged.
        elif subject.local_id in body or subject.last_name in body:
            wrong.append(f"{role}: the 404 names the child")
        elif refusals.count() != refused_before + 1:
            wrong.append(f"{role}: the refusal was not logged")
    return wrong


@pytest.mark.parametrize("which", ["assessment_child", "care_child"])
def test_post_only_child_pages(cast, child, other_child, entries, which):
    """Every role on every POST-only page of one child. The addresses and forms are taken before the first POST, so
    each role posts what it would post to the records as the `entries` fixture made them (a refused POST changes
    nothing; an allowed one that finds its work done is sent back with the reason, a 302 as well)."""
    subject = child if which == "assessment_child" else other_child
    pages = {url_name: (reverse(url_name, args=args(subject)), data(subject), allowed[0 if which == "assessment_child" else 1])
             for url_name, (args, data, allowed) in sorted(POST_CHILD_PAGES.items())}
    wrong = []
    for url_name, (url, data, allowed) in pages.items():
        for role in ROLES:
            refusals = AccessLog.objects.filter(user=cast[role], child=subject, outcome="denied")
            refused_before = refusals.count()
            client = client_for(cast[role])
            got = client.get(url).status_code
            if got not in (404, 405):
                wrong.append(f"{url_name} as {role}: GET {got}, expected 404 or 405")
            response = client.post(url, data)
            if role in allowed:
                if response.status_code != 302:  # done, or sent back with the reason it was refused
                    wrong.append(f"{url_name} as {role}: POST {response.status_code}, expected 302")
            elif response.status_code != 404:
                wrong.append(f"{url_name} as {role}: POST {response.status_code}, expected 404")
            elif subject.local_id in response.content.decode():
                wrong.append(f"{url_name} as {role}: the 404 names the child")
            elif refusals.count() == refused_before:
                wrong.append(f"{url_name} as {role}: the refusal was not logged")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("which", ["assessment_child", "care_child"])
def test_search_finds_only_children_the_role_may_see(cast, child, other_child, which):
    subject = child if which == "assessment_child" else other_child
    allowed = ASSESSMENT_CHILD_READERS if which == "assessment_child" else CARE_CHILD_READERS
    record_link = reverse("casework:child_record", args=[subject.local_id])
    wrong = []
    for role in ROLES:
        client = client_for(cast[role])
        for query in (subject.last_name, subject.local_id, subject.date_of_birth.strftime("%d/%m/%Y")):
            body = client.get(reverse("casework:search"), {"q": query}).content.decode()
            if (record_link in body) != (role in allowed):
                wrong.append(f"{role} searching {query!r}: the record is {'missing' if role in allowed else 'found'}")
            elif role not in allowed and subject.first_name in body:
                wrong.append(f"{role} searching {query!r}: the page names the child")
    assert wrong == [], "\n".join(wrong)


def test_unknown_child_is_the_same_404_as_a_forbidden_one(cast, other_child):
    client = client_for(cast["practitioner"])
    forbidden = client.get(reverse("casework:child_record", args=[other_child.local_id]))
    unknown = client.get(reverse("casework:child_record", args=["CW-0000-0000"]))
    assert forbidden.status_code == unknown.status_code == 404

    def page(response, ref):
        # The sign-out form's CSRF token is masked differently on every response.
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode().replace(ref, ""))

    assert page(forbidden, other_child.local_id) == page(unknown, "CW-0000-0000")


def test_anonymous_visitors_are_sent_to_sign_in(client, child, entries):
    """Every page, and every POST-only page posted to, sends a visitor who is not signed in to sign in."""
    not_sent = []
    requests = [(url_name, "GET", CHILD_PAGES[url_name](child) if url_name in CHILD_PAGES else [], None)
                for url_name in sorted(set(PLAIN_PAGES) | set(CHILD_PAGES))]
    requests += [(url_name, "POST", args(child), data(child)) for url_name, (args, data, _) in sorted(POST_CHILD_PAGES.items())]
    for url_name, method, args, data in requests:
        url = reverse(url_name, args=args)
        response = client.post(url, data) if method == "POST" else client.get(url)
        if response.status_code != 302 or not response["Location"].startswith(reverse("access:sign_in")):
            not_sent.append(f"{method} {url_name}: {response.status_code}")
    assert not_sent == [], "\n".join(not_sent)


def test_sign_in_page_is_public_and_signed_in_staff_are_sent_on(client, practitioner):
    assert client.get(reverse("access:sign_in")).status_code == 200
    assert client_for(practitioner).get(reverse("access:sign_in")).status_code == 302


def test_sign_out_needs_a_post(practitioner):
    client = client_for(practitioner)
    assert client.get(reverse("access:sign_out")).status_code == 405
    assert client.post(reverse("access:sign_out")).status_code == 302
    assert client.get(reverse("casework:caseload")).status_code == 302

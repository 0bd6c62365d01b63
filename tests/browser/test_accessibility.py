"""axe-core on every page of the product, clean and with errors, at desktop width and at 390 px:
no serious or critical violations, and no page scrolls sideways on a phone."""

from datetime import timedelta
from typing import NamedTuple

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from access.staff import roles
from casework.adoption import services as adoption
from casework.basic_record.services import link_siblings
from casework.cin import services as cin
from casework.contacts.services import record_contact
from casework.returns.codes import collection_year
from records.documents import services as documents
from records.entries import services as entries
from records.models import FormDesign, RecordKind
from tests.browser.conftest import ARTIFACTS, assert_accessible_at_both_widths, sign_in
from tests.conftest import open_record
from tests.factories import make_staff
from tests.records.designs.first_designs import approve_policy_designs

pytestmark = pytest.mark.browser

class Screen(NamedTuple):
    user: str | None  # who signs in first; None for a signed-out visitor
    path: str  # formatted with the ids from the `records` fixture
    shows: str  # text in <main> that proves the page is in the state we mean to check
    submit: str | None = None  # a button pressed with the form left empty, to show its errors
    status: int = 200


SCREENS = {
    "sign-in": Screen(None, "/sign-in/", "Sign in with your council username"),
    "sign-in-with-errors": Screen(None, "/sign-in/", "Enter your username", submit="Sign in"),
    "my-work-practitioner": Screen("practitioner", "/", "Your work"),
    "my-work-manager": Screen("manager", "/", "Waiting on you as team manager"),
    "my-work-emergency-duty": Screen("edt", "/", "Records you opened in the last 24 hours"),
    "my-work-senior-leadership": Screen("slt", "/", "Record designs submitted for your approval"),
    "my-work-administrator": Screen("admin", "/", "Waiting in administration"),
    "caseload-practitioner": Screen("practitioner", "/caseload/", "1 child allocated to you"),
    "caseload-manager-with-awaiting-allocation": Screen("manager", "/caseload/", "Awaiting allocation in your team"),
    "search": Screen("practitioner", "/children/search/", "Part of a name is enough"),
    "search-with-results": Screen("practitioner", "/children/search/?q=Okoye", "1 result"),
    "search-with-no-results": Screen("practitioner", "/children/search/?q=Nobody", "No children found"),
    "search-enter-a-name-error": Screen("practitioner", "/children/search/?q=", "There is a problem"),
    "child-record": Screen("practitioner", "/children/{child}/", "More about"),
    "child-family": Screen("practitioner", "/children/{child}/family/", "Household"),
    "child-orders": Screen("practitioner", "/children/{child}/orders-education-health/", "Orders made about the child"),
    "child-cases": Screen("practitioner", "/children/{child}/cases/", "Allocation history"),
    # A case's assessments, enquiries and plans (issue 17): the fixture records one of each.
    "child-cases-with-plans": Screen("practitioner", "/children/{child}/cases/", "Initially Neglect"),
    "case-assessment-add-with-errors": Screen("practitioner", "/children/{child}/cases/{case}/assessment/add/",
                                              "There is a problem", submit="Save"),
    "case-plan-change": Screen("practitioner", "/children/{child}/cases/{case}/protection-plan/{plan}/change/",
                               "History of this item"),
    # A new referral of a child known before (its page while the child's case is still open).
    "new-referral-with-an-open-case": Screen("practitioner", "/children/{child}/cases/new-referral/",
                                             "This child already has an open case"),
    # Statutory returns (issue 17) and erasures awaiting approval (issue 18): senior leadership's pages.
    "statutory-returns": Screen("slt", "/returns/", "Statutory returns"),
    "statutory-returns-check": Screen("slt", "/returns/", "would fail the return's checks", submit="Check the records"),
    "erasures-awaiting-approval": Screen("slt", "/retention/erasures/", "Erasures awaiting approval"),
    "alerts": Screen("practitioner", "/children/{child}/alerts/", "Add an alert"),
    "alert-add-with-errors": Screen("practitioner", "/children/{child}/alerts/new/", "There is a problem",
                                    submit="Add the alert"),
    "child-record-manager": Screen("manager", "/children/{child}/", "Allocate or reallocate"),
    "add-child": Screen("practitioner", "/children/new/", "Add a child and their referral"),
    "add-child-with-errors": Screen("practitioner", "/children/new/", "There is a problem", submit="Save and continue"),
    "allocate": Screen("manager", "/children/{child}/allocate/", "Allocate the case"),
    "allocate-with-errors": Screen("manager", "/children/{child}/allocate/", "There is a problem", submit="Save allocation"),
    "close-case": Screen("manager", "/children/{child}/cases/{case}/close/", "Close the case from"),
    "close-case-with-errors": Screen(
        "manager", "/children/{child}/cases/{case}/close/", "There is a problem", submit="Close the case"
    ),
    "page-not-found": Screen("practitioner", "/children/{other_child}/", "Page not found", status=404),
    # Recording (visits, contacts, decisions)
    "records-list": Screen("practitioner", "/children/{child}/records/", "Plan a visit"),
    "plan-visit": Screen("practitioner", "/children/{child}/visits/new/", "Purpose of the visit"),
    "plan-visit-with-errors": Screen("practitioner", "/children/{child}/visits/new/", "There is a problem", submit="Save the plan"),
    "record-contact": Screen("practitioner", "/children/{child}/contacts/new/", "Kind of contact"),
    "record-contact-with-errors": Screen("practitioner", "/children/{child}/contacts/new/", "There is a problem", submit="Continue"),
    "record-decision": Screen("practitioner", "/children/{child}/decisions/new/", "Who made the decision"),
    "planned-visit": Screen("practitioner", "/children/{child}/entries/{planned}/", "Record basic details"),
    "basic-details": Screen("practitioner", "/children/{child}/entries/{planned}/basic-details/", "Who was seen"),
    "basic-details-with-errors": Screen(
        "practitioner", "/children/{child}/entries/{planned}/basic-details/", "There is a problem", submit="Save basic details"
    ),
    "failed-visit": Screen("practitioner", "/children/{child}/entries/{planned}/failed/", "Actions taken and needed"),
    "write-up": Screen("practitioner", "/children/{child}/entries/{draft}/write-up/", "Plain English"),
    "write-up-with-errors": Screen(
        "practitioner", "/children/{child}/entries/{draft}/write-up/", "There is a problem", submit="Complete and sign"
    ),
    "check-and-sign": Screen("practitioner", "/children/{child}/entries/{draft}/check/", "Check your answers before signing"),
    "completed-entry": Screen("practitioner", "/children/{child}/entries/{completed}/", "Signed"),
    "amend": Screen("practitioner", "/children/{child}/entries/{completed}/amend/", "Why are you amending"),
    # Keeping records secure (§14): the account pages (the code and lockout pages are checked below)
    "change-password": Screen("practitioner", "/account/password/", "Passwords are changed regularly"),
    "change-password-with-errors": Screen("practitioner", "/account/password/", "There is a problem",
                                          submit="Change password"),
    "two-step-setup": Screen("practitioner", "/account/two-step-verification/", "Add Casework to your authenticator app"),
    "two-step-setup-with-errors": Screen("practitioner", "/account/two-step-verification/", "There is a problem",
                                         submit="Turn on two-step verification"),
    # Sharing (§3, §6, §7) and subject access requests
    "sharing": Screen("manager", "/children/{child}/sharing/", "Disclosure log"),
    "told-about-records-with-errors": Screen(
        "practitioner", "/children/{child}/sharing/told-about-records/", "There is a problem", submit="Save"),
    "consent-with-errors": Screen(
        "practitioner", "/children/{child}/sharing/consents/new/", "There is a problem", submit="Save consent"),
    "share-with-errors": Screen(
        "practitioner", "/children/{child}/sharing/shared/new/", "There is a problem", submit="Save to the log"),
    "subject-access-request-with-errors": Screen(
        "manager", "/children/{child}/subject-access/new/", "There is a problem", submit="Save the request"),
    "subject-access-requests": Screen("manager", "/subject-access/", "Subject access requests"),
    # The record's other tabs and the managers' lists (issue 16: every page at both widths)
    "chronology": Screen("practitioner", "/children/{child}/chronology/", "Chronology"),
    "documents": Screen("practitioner", "/children/{child}/documents/", "Documents"),
    "paper-files": Screen("practitioner", "/children/{child}/paper-files/", "Paper file volumes"),
    "plan": Screen("practitioner", "/children/{child}/plan/", "Decisions and the views that informed them"),
    "history": Screen("practitioner", "/children/{child}/history/", "History of changes"),
    "communication": Screen("practitioner", "/children/{child}/communication/", "Communication needs"),
    "audit-actions": Screen("practitioner", "/audit-actions/", "My audit actions"),
    "access-log": Screen("manager", "/children/{child}/access-log/", "Who has viewed this record"),
    "transfer": Screen("manager", "/children/{child}/transfer/", "Transfers of this record"),
    "transfers": Screen("manager", "/transfers/", "Awaiting confirmation"),
    "record-audits": Screen("manager", "/audits/", "Samples drawn"),
    "restrictions-to-review": Screen("manager", "/restrictions/review/", "Restrictions to review"),
    "team-dashboard": Screen("manager", "/team/", "Assessment Team"),
    "emergency-access": Screen("edt", "/emergency-access/", "Find the child"),
    "losses": Screen("slt", "/losses/", "Losses reported"),
    "design-approvals": Screen("slt", "/designs/approval/", "Designs to approve"),
    "service-dashboard": Screen("slt", "/service/", "Every team and the whole service"),
    # The statutory returns' questions and the looked-after records (issue 17)
    "identity-details": Screen("practitioner", "/children/{child}/identity-details/",
                               "Sex, ethnicity, disability and school details"),
    "case-referral-and-need": Screen("practitioner", "/children/{child}/cases/{case}/referral-and-need/",
                                     "Referral and need"),
    "looked-after-review-with-errors": Screen("practitioner", "/children/{child}/looked-after/reviews/add/",
                                              "There is a problem", submit="Save"),
    "missing-episode-with-errors": Screen("practitioner", "/children/{child}/looked-after/missing/add/",
                                          "There is a problem", submit="Save"),
    "uasc": Screen("practitioner", "/children/{child}/looked-after/uasc/", "Unaccompanied asylum-seeking child"),
    "contact-received-with-errors": Screen("practitioner", "/children/{child}/contacts/add/", "There is a problem",
                                           submit="Save"),
    "adoption": Screen("practitioner", "/children/{child}/adoption/", "Adoption and permanence"),
    "adoption-decision-with-errors": Screen("practitioner", "/children/{child}/adoption/decision/",
                                            "There is a problem", submit="Save"),
    "adoption-siblings-with-errors": Screen("practitioner", "/children/{child}/adoption/decisions/{adoption}/siblings/",
                                            "There is a problem", submit="Save"),
    "previous-permanence-with-errors": Screen("practitioner", "/children/{child}/adoption/previous-permanence/",
                                              "There is a problem", submit="Save"),
    "care-leaver-birthday-with-errors": Screen("practitioner", "/children/{child}/cases/care-leaver/19/",
                                               "There is a problem", submit="Save"),
    "outcomes-of-a-year-with-errors": Screen("practitioner", "/children/{child}/cases/outcomes/{year}/",
                                             "There is a problem", submit="Save"),
    "pathway-plan-review-with-errors": Screen("practitioner", "/children/{child}/cases/pathway-plan-review/",
                                              "There is a problem", submit="Save"),
    "early-help-assessment-with-errors": Screen("practitioner", "/children/{child}/cases/early-help/",
                                                "There is a problem", submit="Save"),
    "worker-change-reason-with-errors": Screen("manager", "/children/{child}/allocations/{allocation}/reason/",
                                               "There is a problem", submit="Save the reason"),
    "statutory-returns-performance": Screen("performance", "/returns/", "Statutory returns"),
    # Correcting an order, court report, education or health details (issue 15)
    "health-correct-with-errors": Screen("practitioner", "/children/{child}/orders-education-health/health/{health}/correct/",
                                         "There is a problem", submit="Save the correction"),
    # Retention (issue 18): the data protection officer's list
    "retention-reviews": Screen("dpo", "/retention/", "Records due for review under retention"),
}


@pytest.fixture
def records(assessment_team, manager, child, other_child, practitioner, admin_user, slt, edt):
    # A case in the manager's team with no worker, so their caseload shows "Awaiting allocation".
    open_record(team=assessment_team, manager=manager, worker=None, first_name="Lena", last_name="Novak")
    kinds = [RecordKind.VISIT, RecordKind.CONTACT_PHONE, RecordKind.DECISION]
    if FormDesign.objects.filter(kind__in=kinds, status="approved").count() < len(kinds):
        approve_policy_designs(administrator=admin_user, senior_leader=slt, kinds=kinds)
    earlier = timezone.now() - timedelta(hours=2)
    planned = entries.plan_visit(child=child, by=practitioner, event_at=earlier, purpose="Home visit")
    draft = entries.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=earlier,
                                  others_present="Mother")
    completed = entries.start_contact(child=child, by=practitioner, kind="contact_phone", event_at=earlier,
                                      others_present="Teacher")
    answers = {q.key: "Said she likes school." for q in completed.form_design.questions.filter(required=True)}
    entries.complete_entry(entry=completed, by=practitioner, expected_version=None, write_up=entries.WriteUp(
        answers=answers, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=False))
    case, week_ago = child.cases.get(), timezone.localdate() - timedelta(days=7)
    cin.record_item(case=case, by=practitioner, kind="assessment", start_date=week_ago, authorised_on=week_ago,
                    factors=["4B", "7A"])
    plan = cin.record_item(case=case, by=practitioner, kind="protection-plan", start_date=week_ago,
                           initial_category="NEG")
    cin.record_review(plan=plan, by=practitioner, review_date=timezone.localdate())
    health = documents.add_section_record(section="health", child=child, by=practitioner, kind="health_plan",
                                          carried_out_on=week_ago, carried_out_by="School nurse")
    # Issue 17: a decision to place for adoption, and a brother linked with a decision of his own to choose.
    brother = open_record(team=assessment_team, manager=manager, worker=None, first_name="Kwame", last_name="Asante")
    link_siblings(child=child, sibling=brother, by=practitioner, relationship="full", event_date=week_ago)
    adoption.record_decision(child=brother, by=practitioner, decided_on=week_ago)
    decision = adoption.record_decision(child=child, by=practitioner, decided_on=week_ago)
    record_contact(child=child, by=practitioner, received_on=week_ago, source="2A", decision="advice",
                   request="The school asked how to support her attendance.")  # on the Cases tab (Annex A list 1)
    make_staff("dpo", role=roles.DATA_PROTECTION_OFFICER, post_title="Data Protection Officer")
    make_staff("performance", role=roles.PERFORMANCE_AND_INFORMATION, post_title="Performance Officer")
    return {"child": child.local_id, "case": case.pk, "other_child": other_child.local_id,
            "planned": planned.pk, "draft": draft.pk, "completed": completed.pk, "plan": plan.pk,
            "allocation": case.allocations.get(ended_at__isnull=True).pk, "health": health.pk,
            "adoption": decision.pk, "year": collection_year()}


USERS = list(dict.fromkeys(screen.user or "signed-out" for screen in SCREENS.values()))


@pytest.mark.parametrize("user", USERS)
def test_every_page_a_user_opens_has_no_serious_accessibility_violations(page, records, user):
    """Each of the user's screens in turn, in one session and on one set of records (they only read it, or
    submit an empty form): building the records and signing in once per user, not once per screen. Every
    screen is checked even after one fails, and the failure names each screen that failed."""
    screens = {name: screen for name, screen in SCREENS.items() if (screen.user or "signed-out") == user}
    if user != "signed-out":
        sign_in(page, user)
    failures = []
    for name, screen in screens.items():
        try:
            response = page.goto(screen.path.format(**records))
            assert response.status == screen.status, f"answered {response.status}, not {screen.status}"
            if screen.submit:
                page.get_by_role("button", name=screen.submit).click()
            expect(page.get_by_role("main")).to_contain_text(screen.shows)
            assert_accessible_at_both_widths(page)
        except AssertionError as failure:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"accessibility-{name}.png", full_page=True)
            failures.append(f"{name} ({screen.path}): {failure}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("submit", [False, True], ids=["clean", "with-errors"])
def test_two_step_code_page_has_no_serious_accessibility_violations(page, slt, submit):
    TOTPDevice.objects.create(user=slt, name="Authenticator app", confirmed=True)
    sign_in(page, slt.username)  # straight to the code page: slt has set up two-step verification
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    if submit:
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("main")).to_contain_text("There is a problem")
    assert_accessible_at_both_widths(page)


def test_lockout_page_has_no_serious_accessibility_violations(page, practitioner, settings):
    page.goto("/sign-in/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(practitioner.username)
        page.locator("#id_password").fill("Not-the-password-1")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in at the moment")
    assert_accessible_at_both_widths(page)

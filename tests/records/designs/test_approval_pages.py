"""§2: senior leaders approve form designs on GOV.UK pages outside the technical admin.

The list shows designs awaiting approval; each design's page shows what it changes against the version
in use and takes the decision through the services (who may decide, audit events, history).
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from access.models import AuditAction, AuditEvent
from access.staff import roles
from records.designs import services as designs
from records.designs.selectors import APPROVAL_URL_NAME, approval_url
from records.models import FormDesign, RecordKind
from tests.conftest import client_for
from tests.records.conftest import add_question

Status = FormDesign.Status
LIST = reverse("records:design_approvals")


def page(design) -> str:
    return reverse("records:design_approval", args=[design.pk])


def submitted_version(kind, by, change=None) -> FormDesign:
    """A new version of the design in use of `kind`, changed by `change(draft)`, submitted by `by`."""
    draft = designs.new_version_from(design=designs.approved_design_for(kind), by=by)
    if change is not None:
        change(draft)
    return designs.submit(design=draft, by=by)


def reworded_visit(draft):
    """Reword the first question and move it to the end, change the second's help text and kind of answer,
    take the third out and add a new one last."""
    questions = list(draft.questions.order_by("position"))
    first, second = questions[0], questions[1]
    first.label = f"{first.label} and how it fits the plan"
    first.position = questions[-1].position + 10
    first.save()
    second.help_text = "Use the child's own words."
    second.answer_kind = "opinion" if second.answer_kind != "opinion" else "fact"
    second.save()
    questions[2].delete()
    add_question(draft, "school_progress", "How is the child getting on at school?", position=first.position + 10,
                 help_text="Ask the school first.")


@pytest.fixture
def visit_submitted_for_approval(admin_user):
    return submitted_version(RecordKind.VISIT, admin_user, reworded_visit)


def test_approval_url_is_the_list():
    assert approval_url() == LIST == reverse(APPROVAL_URL_NAME)


# --- the list ---------------------------------------------------------------------------------------

def test_the_list_shows_only_designs_submitted_for_approval(slt, admin_user):
    waiting = submitted_version(RecordKind.VISIT, admin_user)
    draft = designs.new_version_from(design=designs.approved_design_for(RecordKind.DECISION), by=admin_user)
    sent_back = submitted_version(RecordKind.REVIEW, admin_user)
    designs.reject(design=sent_back, by=slt, comment="Ask about the plan")

    response = client_for(slt).get(LIST)

    body = response.content.decode()
    table = body.split('id="designs-to-approve"')[1].split("</table>")[0]
    assert response.status_code == 200
    assert "1 design waiting for your decision" in table
    assert f'href="{page(waiting)}"' in table and f"Visit, version {waiting.version}" in table
    assert f"Decision, version {draft.version}" not in table and f'href="{page(draft)}"' not in table
    assert f"Review, version {sent_back.version}" not in table
    assert "No changes to the questions" in table  # an unchanged copy says so


def test_the_list_says_what_each_design_changes(slt, visit_submitted_for_approval):
    body = client_for(slt).get(LIST).content.decode()
    assert "1 question added, 1 removed, 2 changed, 1 moved" in body


def test_the_list_says_when_nothing_waits(slt):
    body = client_for(slt).get(LIST).content.decode()
    assert "No designs are waiting for your approval." in body


def test_the_list_reads_a_fixed_number_of_queries(slt, admin_user, django_assert_max_num_queries):
    client = client_for(slt)
    client.get(LIST)  # the session is warm
    kinds = [RecordKind.VISIT, RecordKind.DECISION]
    for kind in kinds:
        submitted_version(kind, admin_user, lambda d: add_question(d, "extra", "Anything else?", position=900))
    with django_assert_max_num_queries(12):
        few = client.get(LIST).content.decode()
    more = [RecordKind.REVIEW, RecordKind.CASE_SUMMARY, RecordKind.CONTACT_PHONE, RecordKind.CONTACT_EMAIL,
            RecordKind.SINGLE_ASSESSMENT, RecordKind.CLOSING_SUMMARY]
    for kind in more:
        submitted_version(kind, admin_user, lambda d: add_question(d, "extra", "Anything else?", position=900))
    with django_assert_max_num_queries(12):
        many = client.get(LIST).content.decode()
    assert "2 designs waiting" in few and "8 designs waiting" in many
    assert many.count("1 question added") == 8


# --- one design's differences -----------------------------------------------------------------------

def test_the_design_page_shows_what_changes_in_words(slt, visit_submitted_for_approval):
    design = visit_submitted_for_approval
    in_use = designs.approved_design_for(RecordKind.VISIT)
    old = list(in_use.questions.order_by("position"))

    body = client_for(slt).get(page(design)).content.decode()

    differences = body.split('id="differences"')[1].split("Your decision")[0]
    assert f"Against version {in_use.version}, the version in use" in differences
    # Reworded: before and after, the words put in highlighted.
    assert escape(old[0].label) in differences
    assert '<ins class="cw-diff-added">and how it fits the plan</ins>' in differences
    # Help text and kind of answer.
    assert "Help text" in differences and escape("Use the child's own words.") in differences
    assert "Kind of answer" in differences
    # Added, removed, moved.
    assert escape("How is the child getting on at school?") in differences and ">New</strong>" in differences
    assert ">Removed</strong>" in differences and escape(old[2].label) in differences
    assert ">Moved</strong>" in differences and "Moved from question" in differences
    # Words a senior leader uses: no model names, keys or JSON.
    for developer_word in ("FormQuestion", "FormDesign", "answer_kind", "school_progress", "[&quot;", '{"'):
        assert developer_word not in differences


def test_unchanged_questions_are_listed_apart(slt, admin_user):
    design = submitted_version(RecordKind.VISIT, admin_user,
                               lambda d: add_question(d, "extra", "Anything else?", position=900))
    body = client_for(slt).get(page(design)).content.decode()
    unchanged = body.split('id="unchanged-questions"')[1].split("</details>")[0]
    assert f"Questions that do not change ({design.questions.count() - 1})" in unchanged


def test_the_first_design_of_a_kind_shows_every_question_as_new(slt, admin_user):
    in_use = designs.approved_design_for(RecordKind.DECISION)
    draft = designs.new_version_from(design=in_use, by=admin_user)
    designs.submit(design=draft, by=admin_user)
    # No version in use: as on a new install, before any design of the kind was approved.
    FormDesign.objects.filter(pk=in_use.pk).update(status=Status.RETIRED)

    body = client_for(slt).get(page(draft)).content.decode()

    assert "There is no version of this form in use, so every question is new." in body
    assert body.count(">New</strong>") == draft.questions.count()


def test_a_draft_is_not_shown(slt, admin_user):
    draft = designs.new_version_from(design=designs.approved_design_for(RecordKind.VISIT), by=admin_user)
    assert client_for(slt).get(page(draft)).status_code == 404


def test_a_decided_design_says_so_and_takes_no_decision(slt, admin_user):
    design = submitted_version(RecordKind.VISIT, admin_user)
    designs.approve(design=design, by=slt)
    client = client_for(slt)

    body = client.get(page(design)).content.decode()
    response = client.post(page(design), {"decision": "send_back", "reason": "Too late"}, follow=True)

    assert "This design is no longer waiting for a decision." in body and 'name="decision"' not in body
    assert "A decision has already been made on this design." in response.content.decode()
    design.refresh_from_db()
    assert design.status == Status.APPROVED


# --- deciding ---------------------------------------------------------------------------------------

def test_a_senior_leader_approves_from_the_page(slt, visit_submitted_for_approval):
    design = visit_submitted_for_approval
    previous = designs.approved_design_for(RecordKind.VISIT)

    response = client_for(slt).post(page(design), {"decision": "approve", "reason": "Agreed with the service"}, follow=True)

    assert response.redirect_chain[-1][0] == LIST
    assert f"Visit design, version {design.version}, is approved and now in use." in response.content.decode()
    design.refresh_from_db()
    previous.refresh_from_db()
    assert (design.status, design.decided_by, design.decision_comment) == (Status.APPROVED, slt, "Agreed with the service")
    assert previous.status == Status.RETIRED
    event = AuditEvent.objects.get(action=AuditAction.APPROVED_FORM_DESIGN, actor=slt)
    assert event.detail == f"Visit design, version {design.version}: Agreed with the service"
    assert design.history.latest().history_user == slt


def test_a_senior_leader_sends_a_design_back_with_a_reason(slt, visit_submitted_for_approval):
    design = visit_submitted_for_approval

    response = client_for(slt).post(page(design), {"decision": "send_back", "reason": "Keep the analysis question"},
                                    follow=True)

    assert f"Visit design, version {design.version}, was sent back" in response.content.decode()
    design.refresh_from_db()
    assert (design.status, design.decided_by, design.decision_comment) == (Status.REJECTED, slt, "Keep the analysis question")
    event = AuditEvent.objects.get(action=AuditAction.SENT_BACK_FORM_DESIGN, actor=slt)
    assert event.detail == f"Visit design, version {design.version}: Keep the analysis question"


@pytest.mark.parametrize("reason", ["", "   "])
def test_sending_back_without_a_reason_is_a_clear_error(slt, visit_submitted_for_approval, reason):
    design = visit_submitted_for_approval

    response = client_for(slt).post(page(design), {"decision": "send_back", "reason": reason})

    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert body.count("Enter the reason for sending the design back, so that it can be put right") == 2  # summary and field
    assert "<title>Error: " in body
    design.refresh_from_db()
    assert design.status == Status.SUBMITTED
    assert not AuditEvent.objects.filter(action=AuditAction.SENT_BACK_FORM_DESIGN, actor=slt).exists()


def test_no_decision_chosen_is_a_clear_error(slt, visit_submitted_for_approval):
    response = client_for(slt).post(page(visit_submitted_for_approval), {"reason": "Looks fine"})
    body = response.content.decode()
    assert body.count("Select whether you approve the design or send it back") == 2
    visit_submitted_for_approval.refresh_from_db()
    assert visit_submitted_for_approval.status == Status.SUBMITTED


def test_whoever_submitted_a_design_cannot_approve_it(slt):
    slt.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))  # a senior leader who also drafts designs
    design = submitted_version(RecordKind.VISIT, slt)

    response = client_for(slt).post(page(design), {"decision": "approve", "reason": ""})

    assert "You submitted this design, so another member of Senior leadership must approve it." in response.content.decode()
    design.refresh_from_db()
    assert design.status == Status.SUBMITTED
    assert not AuditEvent.objects.filter(action=AuditAction.APPROVED_FORM_DESIGN, actor=slt).exists()


# --- who may see the pages --------------------------------------------------------------------------

OTHERS = ["practitioner", "colleague", "manager", "edt", "admin_user", "administrator"]


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_but_senior_leadership_sees_the_pages(request, who, visit_submitted_for_approval):
    user = request.getfixturevalue(who)
    client = client_for(user)
    design = visit_submitted_for_approval

    assert client.get(LIST).status_code == 404
    assert client.get(page(design)).status_code == 404
    assert client.post(page(design), {"decision": "approve"}).status_code == 404
    assert client.post(page(design), {"decision": "send_back", "reason": "No"}).status_code == 404
    design.refresh_from_db()
    assert design.status == Status.SUBMITTED
    assert not AuditEvent.objects.filter(actor=user).exclude(action=AuditAction.SIGNED_IN).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, visit_submitted_for_approval):
    for url in (LIST, page(visit_submitted_for_approval)):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


# --- how a senior leader gets there -----------------------------------------------------------------

def test_the_header_links_senior_leaders_to_the_designs_to_approve(slt):
    body = client_for(slt).get(reverse("casework:caseload")).content.decode()
    assert f'href="{LIST}"' in body and "Designs to approve" in body


@pytest.mark.parametrize("who", OTHERS)
def test_the_header_has_no_such_link_for_anyone_else(request, who):
    body = client_for(request.getfixturevalue(who)).get(reverse("casework:caseload")).content.decode()
    assert "Designs to approve" not in body


def test_the_dashboard_banner_links_to_the_designs_to_approve(slt, visit_submitted_for_approval):
    body = client_for(slt).get(reverse("records:service_dashboard")).content.decode()
    banner = body.split('id="awaiting-approval"')[1].split("</ul>")[0]
    assert f'href="{LIST}"' in banner and "1 record design awaits your approval" in banner

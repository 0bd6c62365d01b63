"""Form designs in the Django admin: who reaches which page, drafting, preview, submission, history."""

import pytest

from records.designs import services as designs
from records.models import FormDesign, RecordKind
from tests.conftest import client_for

Status = FormDesign.Status


@pytest.fixture
def staff_slt(senior):
    senior.is_staff = True
    senior.save()
    return senior


def question_formset(questions, *, initial=0):
    """POST data for the questions inline: `questions` is a list of dicts of field values."""
    data = {"questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": str(initial),
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}
    for index, question in enumerate(questions):
        for field, value in question.items():
            data[f"questions-{index}-{field}"] = value
    return data


def existing_questions(design):
    """The inline's rows for the design's questions, unchanged."""
    return [
        {"id": str(q.pk), "design": str(design.pk), "position": str(q.position), "key": q.key, "label": q.label,
         "help_text": q.help_text, "answer_type": q.answer_type, "options": "\n".join(q.options),
         "answer_kind": q.answer_kind, **({"required": "on"} if q.required else {})}
        for q in design.questions.order_by("position")
    ]


@pytest.mark.parametrize("who", ["admin_user", "administrator", "staff_slt"])
@pytest.mark.parametrize("page", ["", "{pk}/change/", "{pk}/history/", "{pk}/preview/"])
def test_design_pages_load_for_administrators_and_senior_leaders(request, visit_submitted, who, page):
    response = client_for(request.getfixturevalue(who)).get(
        "/admin/records/formdesign/" + page.format(pk=visit_submitted.pk)
    )

    assert response.status_code == 200


@pytest.mark.parametrize("page", ["", "{pk}/change/", "{pk}/history/", "{pk}/preview/", "{pk}/decide/"])
def test_practitioners_are_sent_to_the_admin_sign_in(practitioner, visit_submitted, page):
    response = client_for(practitioner).get("/admin/records/formdesign/" + page.format(pk=visit_submitted.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_senior_leader_who_is_not_staff_is_sent_to_the_admin_sign_in(senior, visit_submitted):
    response = client_for(senior).get(f"/admin/records/formdesign/{visit_submitted.pk}/decide/")

    assert response.status_code == 302


def test_decision_page_shows_the_questions_to_a_senior_leader(staff_slt, visit_submitted):
    html = client_for(staff_slt).get(f"/admin/records/formdesign/{visit_submitted.pk}/decide/").content.decode()

    assert "How is the child getting on at school?" in html
    assert 'value="approve"' in html and 'value="reject"' in html


def test_change_page_offers_the_decision_only_to_senior_leaders(admin_user, staff_slt, visit_submitted):
    url = f"/admin/records/formdesign/{visit_submitted.pk}/change/"
    decide = f"/admin/records/formdesign/{visit_submitted.pk}/decide/"

    assert decide in client_for(staff_slt).get(url).content.decode()
    assert decide not in client_for(admin_user).get(url).content.decode()


def test_preview_shows_the_draft_as_practitioners_will_see_it(admin_user, visit_draft):
    response = client_for(admin_user).get(f"/admin/records/formdesign/{visit_draft.pk}/preview/")
    html = response.content.decode()

    assert response.templates[0].name == "records/design_preview.html"
    assert "govuk-template" in html
    assert "Why you visited and how the visit relates to the plan" in html
    assert "How is the child getting on at school? (optional)" in html
    assert html.count('class="govuk-textarea') == 9
    assert "Nothing you enter is saved" in html


def test_preview_checks_answers_without_saving(admin_user, visit_draft):
    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_draft.pk}/preview/", {})
    html = response.content.decode()

    assert "govuk-error-summary" in html
    assert "Enter why you visited and how the visit relates to the plan" in html


@pytest.mark.parametrize("who", ["admin_user", "administrator"])
def test_administrator_drafts_a_design_with_a_question(request, who, visit_v1):
    drafter = request.getfixturevalue(who)
    data = {"kind": "visit", "title": "Visit record", "purpose": "Visits"} | question_formset([
        {"position": "1", "key": "purpose", "label": "Purpose", "help_text": "", "required": "on",
         "answer_type": "long_text", "options": "", "answer_kind": "fact"},
        {"position": "2", "key": "venue_type", "label": "Where was the visit?", "help_text": "",
         "required": "on", "answer_type": "choice", "options": "Home\nSchool\n", "answer_kind": "fact"},
    ])

    response = client_for(drafter).post("/admin/records/formdesign/add/", data)

    assert response.status_code == 302
    draft = FormDesign.objects.get(kind="visit", version=2)
    assert (draft.status, draft.created_by) == (Status.DRAFT, drafter)
    assert draft.questions.get(key="venue_type").options == ["Home", "School"]


def test_choice_question_without_options_is_refused_in_the_admin(admin_user, visit_v1):
    data = {"kind": "visit", "title": "Visit record", "purpose": ""} | question_formset([
        {"position": "1", "key": "venue_type", "label": "Where?", "required": "on", "answer_type": "choice", "options": "", "answer_kind": "fact"},
    ])

    response = client_for(admin_user).post("/admin/records/formdesign/add/", data)

    assert response.status_code == 200
    assert "Enter the options for a choice question" in response.content.decode()
    assert not FormDesign.objects.filter(kind="visit", version=2).exists()


def test_administrator_swaps_two_questions_of_a_draft(admin_user, visit_draft):
    first, second = visit_draft.questions.order_by("position")[:2]
    rows = existing_questions(visit_draft)
    rows[0]["position"], rows[1]["position"] = str(second.position), str(first.position)
    data = {"title": visit_draft.title, "purpose": visit_draft.purpose} | question_formset(rows, initial=len(rows))

    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_draft.pk}/change/", data)

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, second.position) == (2, 1)


def test_approved_design_is_read_only_in_the_admin(admin_user, visit_v1):
    response = client_for(admin_user).get(f"/admin/records/formdesign/{visit_v1.pk}/change/")
    html = response.content.decode()

    assert 'name="questions-0-label"' not in html
    assert 'name="title"' not in html
    assert "Create a new draft version" in html


def test_post_to_an_approved_design_changes_nothing(admin_user, visit_v1):
    question = visit_v1.questions.first()
    data = {"title": "Changed"} | question_formset(
        [{"id": str(question.pk), "design": str(visit_v1.pk), "position": "1", "key": "purpose", "label": "Changed",
          "answer_type": "long_text", "required": "on", "answer_kind": "fact"}], initial=1)

    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_v1.pk}/change/", data)

    assert response.status_code == 403
    question.refresh_from_db()
    assert question.label == "The purpose of the visit and how it relates to the plan"


def test_administrator_submits_from_the_admin(admin_user, visit_draft):
    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_draft.pk}/submit/")

    assert response.status_code == 302
    visit_draft.refresh_from_db()
    assert (visit_draft.status, visit_draft.submitted_by) == (Status.SUBMITTED, admin_user)


def test_senior_leader_cannot_submit_from_the_admin(staff_slt, visit_draft):
    response = client_for(staff_slt).post(f"/admin/records/formdesign/{visit_draft.pk}/submit/")

    assert response.status_code == 403


def test_administrator_creates_a_new_version_from_the_admin(admin_user, visit_v1):
    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_v1.pk}/new-version/")

    draft = FormDesign.objects.get(kind="visit", version=2)
    assert response["Location"] == f"/admin/records/formdesign/{draft.pk}/change/"
    assert draft.questions.count() == visit_v1.questions.count()


def test_history_shows_who_submitted_and_approved(admin_user, staff_slt, visit_submitted):
    designs.approve(design=visit_submitted, by=staff_slt)

    html = client_for(staff_slt).get(f"/admin/records/formdesign/{visit_submitted.pk}/history/").content.decode()

    assert "Approved (in use)" in html
    assert "Submitted for approval" in html
    assert staff_slt.username in html and admin_user.username in html
    assert 'id="question-history"' in html
    assert "How is the child getting on at school?" in html


def test_history_cannot_be_used_to_revert_a_design(admin_user, visit_draft):
    version_id = visit_draft.history.earliest("history_date").history_id

    response = client_for(admin_user).post(f"/admin/records/formdesign/{visit_draft.pk}/history/{version_id}/", {})

    assert response.status_code == 405


def test_entries_are_not_in_the_admin(admin_user):
    assert client_for(admin_user).get("/admin/records/entry/").status_code == 404


def test_kind_filter_lists_only_that_kind(admin_user, visit_draft):
    html = client_for(admin_user).get("/admin/records/formdesign/?kind__exact=visit").content.decode()

    assert "Visit record" in html
    assert "Phone call" not in html.split('id="result_list"')[1].split("</table>")[0]
    assert RecordKind.VISIT.label in html


def test_administrator_removes_a_question_from_a_draft(administrator, visit_draft):
    rows = existing_questions(visit_draft)
    rows[-1]["DELETE"] = "on"
    data = {"title": visit_draft.title, "purpose": visit_draft.purpose} | question_formset(rows, initial=len(rows))

    response = client_for(administrator).post(f"/admin/records/formdesign/{visit_draft.pk}/change/", data)

    assert response.status_code == 302
    assert not visit_draft.questions.filter(key="school_attendance").exists()

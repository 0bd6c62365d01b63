"""Add a child and their referral (§1, §5): validation, what is saved, who can see it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from access.models import AuditAction, AuditEvent, ChildGroupObjectPermission, ChildUserObjectPermission, GrantSource
from casework.models import Allocation, Case, Child
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, error_summary

URL = "/children/new/"


def referral_data(**overrides) -> dict:
    """A complete, valid POST for a born child with a referral received today."""
    today = timezone.localdate()
    data = {
        "first_name": "Kofi",
        "middle_names": "",
        "last_name": "Mensah",
        "preferred_name": "",
        "name_evidence": Child.NameEvidence.BIRTH_CERTIFICATE,
        "is_unborn": "False",
        "date_of_birth_0": "27",
        "date_of_birth_1": "3",
        "date_of_birth_2": "2019",
        "expected_date_of_birth_0": "",
        "expected_date_of_birth_1": "",
        "expected_date_of_birth_2": "",
        "gender": Child.Gender.MALE,
        "ethnicity": "BAFR",
        "nhs_number": "943 476 5919",
        "preferred_language": "English",
        "communication_method": "",
        "interpreter_needed": "False",
        "advocate_needed": "False", "advocate_name": "", "signer_needed": "False", "signer_name": "",
        "referral_date_0": str(today.day),
        "referral_date_1": str(today.month),
        "referral_date_2": str(today.year),
        "referral_source": "3F",
        "referral_reason": "Health visitor worried about weight loss.",
    }
    data.update(overrides)
    return data


def _date_parts(prefix: str, value) -> dict:
    return {f"{prefix}_0": str(value.day), f"{prefix}_1": str(value.month), f"{prefix}_2": str(value.year)}


def _counts():
    return Child.objects.count(), Case.objects.count(), Allocation.objects.count()


@pytest.fixture
def post_as_practitioner(practitioner):
    client = client_for(practitioner)

    def post(data):
        before = _counts()
        response = client.post(URL, data)
        return response, before

    return post


def assert_refused(response, before, message):
    assert response.status_code == 200
    assert_form_error(response, message)
    assert _counts() == before, "nothing is saved when the form has errors"


# --- A valid referral ------------------------------------------------------------------------

def test_valid_referral_creates_child_and_open_case(post_as_practitioner, practitioner):
    response, _ = post_as_practitioner(referral_data())
    child = Child.objects.get(last_name="Mensah")
    assert child.first_name == "Kofi"
    assert child.nhs_number == "9434765919"
    assert child.date_of_birth.isoformat() == "2019-03-27"
    case = child.cases.get()
    assert case.is_open
    assert case.recorded_by == practitioner
    assert case.referral_reason == "Health visitor worried about weight loss."


def test_valid_referral_allocates_to_creators_team_awaiting_a_worker(post_as_practitioner, assessment_team):
    post_as_practitioner(referral_data())
    allocation = Allocation.objects.get(case__child__last_name="Mensah")
    assert allocation.team == assessment_team
    assert allocation.worker is None
    assert allocation.ended_at is None


def test_valid_referral_gives_the_creator_access(post_as_practitioner, practitioner):
    post_as_practitioner(referral_data())
    child = Child.objects.get(last_name="Mensah")
    grant = ChildUserObjectPermission.objects.get(user=practitioner, content_object=child, permission__codename="view_child")
    assert grant.source == GrantSource.REFERRAL
    assert Child.objects.visible_to(practitioner).filter(pk=child.pk).exists()


def test_valid_referral_gives_the_team_access(post_as_practitioner, assessment_team, colleague):
    post_as_practitioner(referral_data())
    child = Child.objects.get(last_name="Mensah")
    assert ChildGroupObjectPermission.objects.filter(
        group=assessment_team.group, content_object=child, permission__codename="view_child"
    ).exists()
    assert Child.objects.visible_to(colleague).filter(pk=child.pk).exists()


def test_valid_referral_is_not_visible_to_another_team(post_as_practitioner, other_practitioner):
    post_as_practitioner(referral_data())
    child = Child.objects.get(last_name="Mensah")
    assert not Child.objects.visible_to(other_practitioner).filter(pk=child.pk).exists()


def test_valid_referral_redirects_to_the_new_record(post_as_practitioner):
    response, _ = post_as_practitioner(referral_data())
    child = Child.objects.get(last_name="Mensah")
    assert response.status_code == 302
    assert response.url == f"/children/{child.local_id}/"


def test_valid_referral_is_audited(post_as_practitioner, practitioner):
    post_as_practitioner(referral_data())
    child = Child.objects.get(last_name="Mensah")
    assert AuditEvent.objects.filter(actor=practitioner, action=AuditAction.RECORDED_REFERRAL, child=child).exists()


def test_unborn_child_with_expected_date_is_saved(post_as_practitioner):
    due = timezone.localdate() + timedelta(days=60)
    data = referral_data(is_unborn="True", date_of_birth_0="", date_of_birth_1="", date_of_birth_2="",
                         nhs_number="", **_date_parts("expected_date_of_birth", due))
    response, _ = post_as_practitioner(data)
    assert response.status_code == 302
    child = Child.objects.get(last_name="Mensah")
    assert child.is_unborn
    assert child.date_of_birth is None
    assert child.expected_date_of_birth == due


# --- Bad input: a specific message, in the summary and inline, and nothing saved ---------------

def test_future_date_of_birth_for_born_child_is_refused(post_as_practitioner):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response, before = post_as_practitioner(referral_data(**_date_parts("date_of_birth", tomorrow)))
    assert_refused(
        response, before,
        "The date of birth must be today or in the past. If the child is not born yet, answer yes to 'Is the child unborn?'",
    )


def test_unborn_child_without_expected_date_is_refused(post_as_practitioner):
    data = referral_data(is_unborn="True", date_of_birth_0="", date_of_birth_1="", date_of_birth_2="")
    response, before = post_as_practitioner(data)
    assert_refused(response, before, "Enter the expected date of birth for an unborn child")


def test_born_child_without_date_of_birth_is_refused(post_as_practitioner):
    data = referral_data(date_of_birth_0="", date_of_birth_1="", date_of_birth_2="")
    response, before = post_as_practitioner(data)
    assert_refused(response, before, "Enter the date of birth")


def test_invalid_nhs_number_is_refused(post_as_practitioner):
    response, before = post_as_practitioner(referral_data(nhs_number="943 476 5918"))
    assert_refused(response, before, "Enter a valid NHS number: 10 digits, and the last one is a check digit")


def test_missing_referral_reason_is_refused(post_as_practitioner):
    response, before = post_as_practitioner(referral_data(referral_reason=""))
    assert_refused(response, before, "Enter the reason for the referral")


def test_future_referral_date_is_refused(post_as_practitioner):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response, before = post_as_practitioner(referral_data(**_date_parts("referral_date", tomorrow)))
    assert_refused(response, before, "The referral date must be today or in the past")


def test_date_of_birth_that_does_not_exist_is_refused(post_as_practitioner):
    response, before = post_as_practitioner(referral_data(date_of_birth_0="31", date_of_birth_1="2", date_of_birth_2="2020"))
    assert_refused(response, before, "The date of birth must be a real date")


def test_date_of_birth_in_words_is_refused(post_as_practitioner):
    response, before = post_as_practitioner(referral_data(date_of_birth_1="March"))
    assert_refused(response, before, "The date of birth must be a real date, written in numbers")


def test_referral_date_that_does_not_exist_is_refused(post_as_practitioner):
    response, before = post_as_practitioner(referral_data(referral_date_0="30", referral_date_1="2", referral_date_2="2026"))
    assert_refused(response, before, "The referral date must be a real date")


def test_missing_first_name_is_refused(post_as_practitioner):
    response, before = post_as_practitioner(referral_data(first_name=""))
    assert_refused(response, before, "Enter the child's legal first name")


def test_error_page_title_starts_with_error(post_as_practitioner):
    response, _ = post_as_practitioner(referral_data(referral_reason=""))
    assert "<title>Error: Add a child" in response.content.decode()


def test_each_error_is_listed_once_in_the_summary(post_as_practitioner):
    response, _ = post_as_practitioner(referral_data(referral_reason="", nhs_number="123"))
    summary = error_summary(response)
    assert sorted(summary) == sorted(
        ["Enter the reason for the referral", "Enter a valid NHS number: 10 digits, and the last one is a check digit"]
    )


# --- Who may add a child ----------------------------------------------------------------------

def test_senior_leadership_cannot_add_a_child(slt):
    before = _counts()
    response = client_for(slt).post(URL, referral_data())
    assert response.status_code == 404
    assert _counts() == before


def test_inline_yes_no_radios_keep_the_govuk_radios_class(practitioner):
    from tests.conftest import client_for

    body = client_for(practitioner).get("/children/new/").content.decode()
    assert 'class="govuk-radios govuk-radios--inline"' in body
    assert 'class="govuk-radios--inline' not in body

"""Two-step verification that a stolen password cannot complete (issue 18, §14): a person whose role requires it
and who has no app reaches no page but "ask your administrator for an enrolment code"; the secret is shown only
after a one-time code an administrator issued them (72 hours, single use, kept hashed, an audit event)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import AuditAction, AuditEvent, EnrolmentCode
from access.sign_in import enrolment, two_factor
from access.staff import roles
from tests.access.sign_in.test_two_factor import SETUP, code, signed_in
from tests.conftest import client_for
from tests.govuk_html import assert_form_error, texts

WRONG = "The enrolment code is not right, has been used or has expired. Check it, or ask your administrator for a new one"


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_FOR_ROLES = [roles.TEAM_MANAGER, roles.ADMINISTRATOR]


def _asks_for_a_code(response) -> None:
    assert response.status_code == 200
    assert texts(response, "govuk-heading-l") == ["Ask your administrator for an enrolment code"]
    html = response.content.decode()
    assert "otpauth" not in html and "data:image/svg+xml" not in html


def test_a_stolen_password_reaches_only_the_page_that_asks_for_a_code(required, manager):
    client = signed_in(manager)
    for path in ("/", "/children/search/", "/admin/"):
        assert client.get(path)["Location"].startswith(SETUP)
    _asks_for_a_code(client.get(SETUP))
    assert two_factor.SETUP_KEY not in client.session  # no secret was even made
    assert_form_error(client.post(SETUP, {"enrolment_code": "ABCD-EFGH-JK23"}), WRONG)
    assert_form_error(client.post(SETUP, {"enrolment_code": ""}), "Enter the enrolment code your administrator gave you")
    # Posting an authenticator code straight away does not skip the step.
    _asks_for_a_code(client.post(SETUP, {"code": "123456"}))
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.FAILED_ENROLMENT_CODE).count() == 1  # the empty one never reached the check


def test_the_code_an_administrator_issued_opens_the_set_up_once(required, manager, admin_user):
    issued = enrolment.issue_enrolment_code(by=admin_user, user=manager)
    stored = EnrolmentCode.objects.get(user=manager)
    assert issued not in stored.code_hash and stored.issued_by == admin_user
    assert stored.expires_at - stored.issued_at == timedelta(hours=72)

    client = signed_in(manager)
    typed = issued.lower().replace("-", " ")  # however it is typed
    response = client.post(SETUP, {"enrolment_code": typed, "next": "/children/search/"})
    assert response["Location"] == f"{SETUP}?next=%2Fchildren%2Fsearch%2F"
    page = client.get(SETUP)
    assert texts(page, "govuk-heading-l") == ["Set up two-step verification"]
    key = client.session[two_factor.SETUP_KEY]
    assert texts(client.post(SETUP, {"code": code(key)}), "govuk-panel__title") == ["Two-step verification is set up"]
    assert TOTPDevice.objects.filter(user=manager, confirmed=True).exists()
    assert AuditEvent.objects.filter(actor=admin_user, subject_user=manager,
                                     action=AuditAction.ISSUED_ENROLMENT_CODE).exists()
    assert AuditEvent.objects.filter(actor=manager, action=AuditAction.USED_ENROLMENT_CODE).exists()

    # Used once: a second session with the password cannot use it again.
    TOTPDevice.objects.filter(user=manager).delete()
    other = signed_in(manager)
    assert_form_error(other.post(SETUP, {"enrolment_code": issued}), WRONG)


def test_an_expired_a_replaced_or_someone_elses_code_is_refused(required, manager, admin_user, django_user_model):
    expired = enrolment.issue_enrolment_code(by=admin_user, user=manager)
    EnrolmentCode.objects.filter(user=manager).update(expires_at=timezone.now() - timedelta(minutes=1))
    client = signed_in(manager)
    assert_form_error(client.post(SETUP, {"enrolment_code": expired}), WRONG)

    first = enrolment.issue_enrolment_code(by=admin_user, user=manager)
    enrolment.issue_enrolment_code(by=admin_user, user=manager)  # replaces the first
    assert_form_error(client.post(SETUP, {"enrolment_code": first}), WRONG)
    assert EnrolmentCode.objects.get(user=manager, issued_at__isnull=False, ended_at__isnull=False,
                                     expires_at__gt=timezone.now()).state == "Replaced by a newer code"

    someone = django_user_model.objects.create_user("someone-else", first_name="Other", last_name="Person")
    theirs = enrolment.issue_enrolment_code(by=admin_user, user=someone)
    assert_form_error(client.post(SETUP, {"enrolment_code": theirs}), WRONG)


def test_only_an_administrator_issues_codes(manager, practitioner, admin_user):
    for person in (manager, practitioner):
        with pytest.raises(PermissionDenied):
            enrolment.issue_enrolment_code(by=person, user=practitioner)
    assert not EnrolmentCode.objects.exists()


def test_the_admin_shows_a_new_code_once_and_never_again(settings, admin_user, manager):
    settings.REQUIRE_2FA_FOR_ROLES = []  # the administrator's own second step is tested above
    client = client_for(admin_user)
    response = client.post("/admin/access/enrolmentcode/add/", {"user": manager.pk})
    assert response.status_code == 200
    shown = response.content.decode()
    row = EnrolmentCode.objects.get(user=manager)
    start = shown.index('id="enrolment-code">') + len('id="enrolment-code">')
    issued = shown[start:shown.index("<", start)]
    assert len(issued) == 14 and row.code_hash != issued
    listing = client.get("/admin/access/enrolmentcode/").content.decode()
    detail = client.get(f"/admin/access/enrolmentcode/{row.pk}/change/").content.decode()
    assert issued not in listing and issued not in detail
    assert "Waiting to be used" in listing
    assert client.post(f"/admin/access/enrolmentcode/{row.pk}/delete/").status_code == 403
    # A manager cannot reach the page at all.
    assert client_for(manager).get("/admin/access/enrolmentcode/add/").status_code in (302, 403)


def test_the_first_administrator_gets_a_code_from_the_server(required, admin_user, capsys):
    call_command("issue_enrolment_code", admin_user.username)
    printed = capsys.readouterr().out
    issued = printed.split(": ")[1].split(" ")[0]
    client = signed_in(admin_user)
    assert client.post(SETUP, {"enrolment_code": issued}).status_code == 302
    assert texts(client.get(SETUP), "govuk-heading-l") == ["Set up two-step verification"]


def test_people_not_required_to_use_it_set_it_up_without_a_code(required, practitioner):
    page = signed_in(practitioner).get(SETUP)
    assert texts(page, "govuk-heading-l") == ["Set up two-step verification"]


def test_the_enrolment_code_page_asks_in_a_bounded_number_of_queries(required, manager, admin_user,
                                                                    django_assert_max_num_queries):
    client = signed_in(manager)
    with django_assert_max_num_queries(5):
        _asks_for_a_code(client.get(SETUP))
    issued = enrolment.issue_enrolment_code(by=admin_user, user=manager)
    with django_assert_max_num_queries(12):
        assert client.post(SETUP, {"enrolment_code": issued}).status_code == 302

"""§14 password protection: long, not common, not like the user's details, not one of the last 5;
a password older than PASSWORD_MAX_AGE_DAYS must be changed at the next sign-in."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from access.sign_in import passwords
from access.sign_in.forms import ChangePasswordForm
from access.models import AuditAction, AuditEvent, PasswordHistory
from records.management.commands.seed_demo import DEMO_STAFF
from tests.conftest import client_for
from tests.factories import PASSWORD
from tests.govuk_html import assert_form_error, by_class, error_summary

NEW = "Harbour-Lantern-Thistle-42"
CHANGE = "/account/password/"


def sign_in(client, user, password=PASSWORD):
    return client.post("/sign-in/", {"username": user.username, "password": password, "next": "/children/search/"})


def age_password(user, days: int) -> None:
    PasswordHistory.objects.filter(user=user).update(changed_at=timezone.now() - timedelta(days=days))


def change(client, new=NEW, current=PASSWORD, **extra):
    return client.post(CHANGE, {"old_password": current, "new_password1": new, "new_password2": new, **extra})


# --- the rules for a new password ---

@pytest.mark.parametrize(("password", "message"), [
    ("Short-1a", "This password is too short. It must contain at least 12 characters."),
    ("password1234", "This password is too common."),
    ("123456789012", "This password is entirely numeric."),
])
def test_weak_passwords_are_refused_with_a_govuk_error(practitioner, password, message):
    response = change(client_for(practitioner), new=password)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert by_class(response, "govuk-form-group--error")


def test_password_like_the_users_details_is_refused(practitioner):
    response = change(client_for(practitioner), new="practitioner-2026")
    assert "The password is too similar to the username." in error_summary(response)


def test_the_current_password_cannot_be_chosen_again(practitioner):
    response = change(client_for(practitioner), new=PASSWORD)
    assert_form_error(response, "You have used this password before. Choose one that is not one of your last 5.")


def test_none_of_the_last_5_passwords_can_be_used_again_but_the_6th_can(practitioner):
    earlier = [f"Earlier-Password-Number-{n}" for n in range(1, 6)]
    for password in earlier:
        practitioner.set_password(password)
        practitioner.save()
    # Now the last 5 are earlier[0..4]; the factory's PASSWORD was the 6th from last.
    for password in earlier:
        with pytest.raises(ValidationError, match="You have used this password before"):
            validate_password(password, practitioner)
    validate_password(PASSWORD, practitioner)


def test_only_the_last_5_hashes_are_kept(practitioner):
    for n in range(8):
        practitioner.set_password(f"Another-Long-Password-{n}")
        practitioner.save()
    hashes = PasswordHistory.objects.filter(user=practitioner)
    assert hashes.count() == 5
    assert all(row.password_hash.startswith("md5$") for row in hashes)  # hashes, never the password
    assert practitioner.password in hashes.values_list("password_hash", flat=True)


def test_every_way_of_setting_a_password_is_recorded(practitioner):
    # The admin, `changepassword` and the factories all set_password then save.
    before = PasswordHistory.objects.filter(user=practitioner).count()
    practitioner.set_password("Set-By-An-Administrator-1")
    practitioner.save()
    assert PasswordHistory.objects.filter(user=practitioner).count() == before + 1


def test_hint_lists_the_rules(practitioner):
    hints = [el.text() for el in by_class(client_for(practitioner).get(CHANGE), "govuk-hint")]
    assert any("At least 12 characters" in hint and "not one of your last 5 passwords" in hint for hint in hints)


def test_form_needs_the_current_password(practitioner):
    form = ChangePasswordForm(practitioner, {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert not form.is_valid()
    assert form.errors["old_password"] == ["Your current password is not right. Enter it again."]


def test_new_passwords_must_match(practitioner):
    response = client_for(practitioner).post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW,
                                                       "new_password2": NEW + "x"})
    assert_form_error(response, "The new passwords do not match. Enter the same password twice.")


def test_empty_form_says_what_to_enter(practitioner):
    response = client_for(practitioner).post(CHANGE, {})
    assert error_summary(response) == ["Enter your current password", "Enter a new password",
                                       "Enter the new password again"]


# --- changing it ---

def test_changing_the_password_keeps_the_person_signed_in_and_is_recorded(practitioner):
    client = client_for(practitioner)
    response = change(client)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    practitioner.refresh_from_db()
    assert practitioner.check_password(NEW)
    assert AuditEvent.objects.filter(actor=practitioner, action=AuditAction.CHANGED_PASSWORD, subject_user=practitioner).exists()
    assert passwords.password_changed_at(practitioner) > timezone.now() - timedelta(minutes=1)


# --- expiry ---

def test_password_older_than_90_days_must_be_changed_before_any_other_page(practitioner):
    age_password(practitioner, 91)
    client = Client()
    response = sign_in(client, practitioner)
    assert response["Location"] == "/children/search/"

    for path in ("/children/search/", "/", f"/children/new/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{CHANGE}?next=")
    page = client.get(CHANGE + "?next=/children/search/")
    assert "Your password is more than 90 days old. Choose a new one to carry on." in page.content.decode()

    response = change(client, next="/children/search/")
    assert response["Location"] == "/children/search/"
    assert client.get("/children/search/").status_code == 200


def test_sign_out_still_works_while_a_new_password_is_owed(practitioner):
    age_password(practitioner, 91)
    client = Client()
    sign_in(client, practitioner)
    assert client.post(reverse("access:sign_out"))["Location"] == "/sign-in/"


def test_password_younger_than_90_days_is_not_asked_for(practitioner):
    age_password(practitioner, 89)
    client = Client()
    sign_in(client, practitioner)
    assert client.get("/children/search/").status_code == 200


def test_maximum_age_is_a_setting(practitioner, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 30
    age_password(practitioner, 31)
    client = Client()
    sign_in(client, practitioner)
    assert client.get("/").status_code == 302


def test_account_without_a_history_counts_from_when_it_was_created(practitioner):
    PasswordHistory.objects.filter(user=practitioner).delete()
    practitioner.date_joined = timezone.now() - timedelta(days=100)
    practitioner.save()
    assert passwords.password_changed_at(practitioner) == practitioner.date_joined
    assert passwords.password_has_expired(practitioner)


# --- issue 18: not made of the person's own names ---

NAMES_MESSAGE = "Your password cannot be made of your own names. Choose words that are not your name."


def _names_passwords(first: str, last: str) -> list[str]:
    """Ways people make a password of their names: together in either order, any case, with separators and digits."""
    return [
        f"{first}{last}2026!", f"{first.lower()}.{last.lower()}.1234", f"{last.upper()}-{first.upper()}-99",
        f"{first} {last} {first}", f"2026_{last}_{first}_2026", f"{first}{first}{last}{last}",
    ]


@pytest.mark.parametrize(("username", "first", "last"), [(username, first, last) for username, first, last, *_ in DEMO_STAFF])
def test_a_password_made_of_a_demo_users_names_is_refused(username, first, last):
    user = User(username=username, first_name=first, last_name=last)
    for password in _names_passwords(first, last):
        with pytest.raises(ValidationError) as refused:
            validate_password(password, user)
        assert NAMES_MESSAGE in refused.value.messages, password
    validate_password("Harbour-Lantern-Thistle-42", user)  # words that are not their names are accepted


def test_names_with_accents_and_apostrophes_are_recognised():
    user = User(username="zoe", first_name="Zoë", last_name="Ní Bhriain")
    for password in ["ZoeNiBhriain-2026", "nibhriain.zoe.2026", "ZOË-NÍ-BHRIAIN-1"]:
        with pytest.raises(ValidationError):
            validate_password(password, user)
    obrien = User(username="ob", first_name="Siân", last_name="O'Brien")
    with pytest.raises(ValidationError):
        validate_password("sian-obrien-2026", obrien)


def test_a_password_with_one_name_among_other_words_is_accepted(practitioner):
    practitioner.first_name, practitioner.last_name = "Priya", "Shah"
    validate_password("Priya-likes-Harbour-Lanterns-42", practitioner)


def test_the_change_password_page_refuses_the_persons_names(practitioner):
    response = change(client_for(practitioner), new=f"{practitioner.first_name}.{practitioner.last_name}.2026")
    assert_form_error(response, NAMES_MESSAGE)
    practitioner.refresh_from_db()
    assert practitioner.check_password(PASSWORD)  # nothing changed

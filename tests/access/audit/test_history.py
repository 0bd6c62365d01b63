"""Who a change is attributed to in django-simple-history (its issue #780: no user outside a request)."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from access.audit.history import acting_as, history_user, system_user
from casework.models import Allocation, Case, Child
from tests.casework.children.test_child_create import referral_data
from tests.conftest import client_for, open_record


def last_change_by(obj):
    return obj.history.order_by("-history_id").first().history_user


# --- In a web request: the signed-in user ------------------------------------------------------

def test_change_in_a_web_request_is_attributed_to_the_signed_in_user(practitioner):
    response = client_for(practitioner).post("/children/new/", referral_data())
    assert response.status_code == 302
    child = Child.objects.get(last_name="Mensah")
    assert last_change_by(child) == practitioner
    assert last_change_by(child.cases.get()) == practitioner


def test_allocation_made_in_a_web_request_is_attributed_to_the_manager(manager, child, colleague, assessment_team):
    response = client_for(manager).post(
        f"/children/{child.local_id}/allocate/", {"team": assessment_team.pk, "worker": colleague.pk, "reason": "Cover"}
    )
    assert response.status_code == 302
    current = Allocation.objects.get(case__child=child, ended_at__isnull=True)
    assert last_change_by(current) == manager


def test_a_request_does_not_leak_into_changes_made_after_it(practitioner, child, system):
    # simple-history #1189/#1256: the request kept in thread-local state must not outlive it.
    client_for(practitioner).get(f"/children/{child.local_id}/")
    child.preferred_name = "Ami"
    child.save()
    assert last_change_by(child) == system


# --- Outside a request: the system user, unless someone is acting -----------------------------

def test_change_outside_a_request_is_attributed_to_the_system_user(child):
    child.preferred_name = "Ami"
    child.save()
    user = last_change_by(child)
    assert user == system_user()
    assert user.username == settings.SYSTEM_USERNAME


def test_change_by_a_management_command_is_attributed_to_the_system_user(monkeypatch, system):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Long-enough-password-2026")
    call_command("createsuperuser", "--noinput", username="root", email="root@example.org", verbosity=0)
    User = get_user_model()
    created = User.history.get(username="root", history_type="+")
    assert created.history_user == system


def test_system_user_is_named_and_cannot_sign_in(system):
    assert system.username == settings.SYSTEM_USERNAME
    assert not system.is_active
    assert not system.has_usable_password()


def test_system_user_is_created_once(system):
    assert system_user().pk == system.pk
    assert get_user_model().objects.filter(username=settings.SYSTEM_USERNAME).count() == 1


def test_acting_as_attributes_changes_to_the_given_user(child, manager):
    with acting_as(manager):
        child.preferred_name = "Ami"
        child.save()
    assert last_change_by(child) == manager


def test_acting_as_ends_with_its_block(child, manager, system):
    with acting_as(manager):
        pass
    child.preferred_name = "Ami"
    child.save()
    assert last_change_by(child) == system


def test_acting_as_blocks_nest(child, manager, practitioner):
    with acting_as(manager):
        with acting_as(practitioner):
            child.preferred_name = "Ami"
            child.save()
        case = child.cases.get()
        case.referral_reason = "Updated after a strategy discussion."
        case.save()
    assert last_change_by(child) == practitioner
    assert last_change_by(Case.objects.get(pk=case.pk)) == manager


def test_acting_as_wins_over_the_request_user(practitioner, manager):
    request = RequestFactory().get("/")
    request.user = practitioner
    assert history_user(request=request) == practitioner
    with acting_as(manager):
        assert history_user(request=request) == manager


def test_services_called_outside_a_request_are_attributed_to_the_system_user(assessment_team, manager, system):
    child = open_record(team=assessment_team, manager=manager, first_name="Lily", last_name="Evans", dob=date(2020, 7, 1))
    assert last_change_by(child) == system
    assert last_change_by(Allocation.objects.get(case__child=child)) == system


def test_staff_account_history_leaves_out_the_password_hash():
    fields = {field.name for field in get_user_model().history.model._meta.fields}
    assert "username" in fields
    assert "password" not in fields
    assert "last_login" not in fields


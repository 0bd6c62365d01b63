"""A release that changes a fixed form records a new version awaiting senior leadership's approval (§2).

An unapproved version stays in use: a release must not stop recording about a child at risk.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from access.audit.history import acting_as
from records.form_register import selectors, services
from records.form_register.registry import BY_KEY, REGISTER
from records.models import FixedForm, FixedFormVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    """The register as a release leaves it (migrate records it; a transactional test may have emptied it)."""
    services.record_versions()
    return {form.key: form for form in FixedForm.objects.all()}


@pytest.fixture
def reworded_referral(monkeypatch):
    """A release rewords one label of the referral form, adds a field and makes another optional."""
    from django import forms

    form_class = BY_KEY["referral"].form_class
    fields = dict(form_class.base_fields)
    monkeypatch.setattr(fields["referral_reason"], "label", "Why was the child referred?")
    monkeypatch.setattr(fields["nhs_number"], "required", not fields["nhs_number"].required)
    fields["school"] = forms.CharField(label="The child's school", help_text="Its name and town")
    monkeypatch.setattr(form_class, "base_fields", fields)


def current(key):
    return FixedFormVersion.objects.filter(form__key=key).order_by("-version").first()


def test_every_registered_form_has_a_version_awaiting_approval_after_migrate(register):
    assert set(register) == {entry.key for entry in REGISTER}
    assert all(current(key).version >= 1 for key in register)
    assert selectors.versions_awaiting_approval().count() == len(REGISTER)  # nobody has approved them yet


def test_recording_again_without_a_change_records_nothing(register):
    before = FixedFormVersion.objects.count()

    assert services.record_versions() == []
    assert FixedFormVersion.objects.count() == before


def test_a_changed_form_is_recorded_as_a_new_version_awaiting_approval_with_what_changed(register, slt,
                                                                                       reworded_referral):
    approved = services.approve_version(version=current("referral"), by=slt)

    [recorded] = services.record_versions()

    assert (recorded.form.key, recorded.version, recorded.is_approved) == ("referral", approved.version + 1, False)
    assert recorded.compared_with == approved.version
    assert recorded.changes == [
        "NHS number (optional): now must be answered",
        "Label changed from \u201cReason for referral\u201d to \u201cWhy was the child referred?\u201d",
        "New field: The child's school (must be answered)",
    ]
    assert recorded in selectors.versions_awaiting_approval()
    assert recorded.history.get().history_user.username == "casework-system"


def test_the_management_command_records_a_changed_form(register, reworded_referral, capsys):
    call_command("record_form_register")

    assert "Referral of a child: version" in capsys.readouterr().out
    assert not current("referral").is_approved


def test_a_senior_leader_approves_the_version_in_use(register, slt):
    version = services.approve_version(version=current("placement"), by=slt)

    assert (version.approved_by, version.is_approved) == (slt, True)
    assert version.history.latest().history_user == slt
    assert version not in selectors.versions_awaiting_approval()


@pytest.mark.parametrize("who", ["admin_user", "manager", "practitioner"])
def test_only_a_senior_leader_approves_a_form(request, register, who):
    with pytest.raises(PermissionDenied):
        services.approve_version(version=current("placement"), by=request.getfixturevalue(who))

    assert not current("placement").is_approved


def test_the_model_refuses_an_approval_in_a_senior_leaders_name_by_someone_else(register, slt, admin_user):
    version = current("consent")
    version.approved_by = slt
    version.approved_at = version.recorded_at

    with acting_as(admin_user), pytest.raises(PermissionDenied):
        version.save()
    assert not current("consent").is_approved


def test_an_approved_version_never_changes_and_its_approval_is_never_taken_back(register, slt):
    version = services.approve_version(version=current("consent"), by=slt)

    version.approved_by = None
    version.approved_at = None
    with acting_as(slt), pytest.raises(ValidationError):
        version.save()
    version.refresh_from_db()
    version.fields = []
    with acting_as(slt), pytest.raises(ValidationError):
        version.save()


def test_a_version_replaced_by_a_newer_release_cannot_be_approved(register, slt, reworded_referral):
    older = current("referral")
    services.record_versions()

    with pytest.raises(ValidationError, match="no longer in use"):
        services.approve_version(version=older, by=slt)


def test_an_unapproved_version_stays_in_use(register, manager, reworded_referral):
    """The referral page still offers the changed form while senior leadership has not approved it."""
    from tests.conftest import client_for

    services.record_versions()
    assert not current("referral").is_approved

    response = client_for(manager).get("/children/new/")

    assert response.status_code == 200
    assert "Why was the child referred?" in response.content.decode()


def test_approve_all_awaiting_approves_each_form_in_use(register, slt):
    approved = services.approve_all_awaiting(by=slt)

    assert approved and all(version.approved_by == slt for version in approved)
    assert not selectors.versions_awaiting_approval().exists()


def test_each_migrate_records_the_changed_forms_but_not_a_flush(register, reworded_referral):
    """records.apps: post_migrate (a release) records new versions; the test runner's flush (no plan) does not."""
    from django.apps import apps

    from records.apps import record_form_register

    before = current("referral").version
    record_form_register(sender=apps.get_app_config("records"), using="default", plan=None)
    assert current("referral").version == before

    record_form_register(sender=apps.get_app_config("records"), using="default", plan=[])
    assert current("referral").version == before + 1


def test_a_new_version_cannot_be_recorded_as_approved(register, slt):
    form = FixedForm.objects.get(key="placement")

    with acting_as(slt), pytest.raises(PermissionDenied):
        FixedFormVersion.objects.create(form=form, version=99, fields=[], fingerprint="0" * 64, approved_by=slt,
                                        approved_at=form.versions.first().recorded_at)

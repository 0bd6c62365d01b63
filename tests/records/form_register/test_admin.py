"""The form register in the Django admin, and the senior leaders' banner (§2)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from records.designs import services as designs
from records.form_register import services
from records.models import FixedForm, FixedFormVersion, RecordKind
from tests.conftest import client_for
from tests.records.form_register.test_versions import current, register, reworded_referral  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_slt(slt):
    slt.is_staff = True
    slt.save()
    return slt


@pytest.fixture
def administrator(db):
    from access.staff import roles
    from tests.factories import make_staff

    return make_staff("administrator", role=roles.ADMINISTRATOR, post_title="Business Support Officer")


def entry_url(key):
    return f"/admin/records/fixedform/{FixedForm.objects.get(key=key).pk}/change/"


@pytest.mark.parametrize("who", ["admin_user", "administrator", "staff_slt"])
def test_the_register_lists_every_form_with_its_approval(request, register, who, django_assert_max_num_queries):
    client = client_for(request.getfixturevalue(who))

    with django_assert_max_num_queries(12):
        body = client.get("/admin/records/fixedform/").content.decode()

    assert "Referral of a child" in body and "Reporting a lost record" in body
    assert "Awaiting approval by senior leadership" in body


def test_practitioners_are_sent_to_the_admin_sign_in(register, practitioner):
    response = client_for(practitioner).get(entry_url("referral"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_forms_page_shows_its_fields_read_from_the_form_class_and_no_fingerprint(register, staff_slt):
    body = client_for(staff_slt).get(entry_url("placement")).content.decode()
    version = current("placement")

    for field in version.fields:
        assert escape(field["label"]) in body
    assert "Awaiting approval by senior leadership." in body
    assert version.fingerprint not in body
    assert "fingerprint" not in body.lower() and "checksum" not in body.lower()


def test_only_senior_leaders_are_offered_the_approval(register, staff_slt, admin_user):
    assert "Approve version" in client_for(staff_slt).get(entry_url("consent")).content.decode()
    assert "Approve version" not in client_for(admin_user).get(entry_url("consent")).content.decode()


def test_a_senior_leader_approves_the_version_in_use_and_the_register_shows_who_and_when(register, staff_slt):
    client = client_for(staff_slt)
    version = current("consent")

    response = client.post(f"/admin/records/fixedform/{version.form_id}/approve/", {"version": version.pk}, follow=True)

    version.refresh_from_db()
    assert version.approved_by == staff_slt
    body = response.content.decode()
    assert f"Approved by {staff_slt.get_full_name()} on" in body
    assert "Approve version" not in body


def test_an_administrator_cannot_approve_a_form_even_as_superuser(register, admin_user):
    version = current("consent")

    response = client_for(admin_user).post(f"/admin/records/fixedform/{version.form_id}/approve/",
                                           {"version": version.pk}, follow=True)

    assert "Only members of Senior leadership can approve a form." in response.content.decode()
    assert not FixedFormVersion.objects.get(pk=version.pk).is_approved


def test_a_changed_form_shows_what_changed_since_the_approved_version(register, staff_slt, reworded_referral):  # noqa: F811
    services.approve_version(version=current("referral"), by=staff_slt)
    services.record_versions()

    body = client_for(staff_slt).get(entry_url("referral")).content.decode()

    assert f"What changed since version {current('referral').version - 1}" in body
    assert escape("New field: The child's school (must be answered)") in body
    assert "The last version approved is version" in body


# --- The banner on senior leaders' dashboards ---------------------------------------------------

def test_senior_leaders_see_what_awaits_their_approval(register, slt):
    body = client_for(slt).get(reverse("records:service_dashboard")).content.decode()

    assert 'id="awaiting-approval"' in body
    assert f"{len(services.REGISTER)} forms, new or changed in a release, await your approval" in body


def test_the_banner_counts_submitted_designs(register, slt, admin_user):
    services.approve_all_awaiting(by=slt)
    designs.submit(design=designs.new_version_from(design=designs.approved_design_for(RecordKind.VISIT), by=admin_user),
                   by=admin_user)

    body = client_for(slt).get(reverse("records:service_dashboard")).content.decode()

    assert "1 record design awaits your approval" in body
    assert "forms, new or changed" not in body


def test_no_banner_once_everything_is_approved(register, slt):
    services.approve_all_awaiting(by=slt)

    assert 'id="awaiting-approval"' not in client_for(slt).get(reverse("records:service_dashboard")).content.decode()


def test_managers_do_not_see_the_banner(register, manager):
    assert 'id="awaiting-approval"' not in client_for(manager).get(reverse("records:team_dashboard")).content.decode()

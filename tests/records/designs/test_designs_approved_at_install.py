"""Databases installed before this change hold the first designs approved by the system user (the older
records 0002). Records 0025 keeps them in use, so that recording never stops on an upgrade, says in
the admin that they await a senior leader's approval, and submits a copy of each for one to approve.

The older state cannot be made through today's rules (the database refuses a system approval), so
the test switches the triggers off inside its own transaction, as the old migration ran
before they existed, and switches them on again before anything is checked.
"""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils.html import escape

from access.audit.history import system_user
from records.designs import services as designs
from records.models import FormDesign, FormQuestion, RecordKind
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="switches PostgreSQL triggers off")]

migration = importlib.import_module("records.migrations.0025_form_register")
Status = FormDesign.Status
INSTALL_WORDS = "Approved by the system at install, awaiting a senior leader's approval"


def approved_by_the_system_at_install(kind) -> FormDesign:
    """Replace the design in use for `kind` by one approved by the system user, as the older 0002 did."""
    in_use = designs.approved_design_for(kind)
    in_use.status = Status.RETIRED
    in_use.save()
    system = system_user()
    version = FormDesign.objects.filter(kind=kind).order_by("-version").first().version + 1
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers fire, as before 0003
    try:
        [old] = FormDesign.objects.bulk_create([FormDesign(
            kind=kind, version=version, status=Status.APPROVED, title=in_use.title, purpose=in_use.purpose,
            created_by=system, submitted_by=system, submitted_at=in_use.created_at, decided_by=system,
            decided_at=in_use.created_at, decision_comment="First version, taken from the headings of the recording policy.",
        )])
        FormQuestion.objects.bulk_create([
            FormQuestion(design=old, key=q.key, position=q.position, label=q.label, help_text=q.help_text,
                         required=q.required, answer_type=q.answer_type, options=q.options, answer_kind=q.answer_kind)
            for q in in_use.questions.all()
        ])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
    return old


def run_the_upgrade():
    migration.submit_copies_of_system_approvals(apps, connection.schema_editor())


def test_a_design_approved_by_the_system_stays_in_use_and_says_it_awaits_a_senior_leader():
    old = approved_by_the_system_at_install(RecordKind.VISIT)

    run_the_upgrade()

    assert designs.approved_design_for(RecordKind.VISIT).pk == old.pk  # recording does not stop
    old = FormDesign.objects.get(pk=old.pk)
    assert old.approved_at_install
    assert old.approval_in_words == INSTALL_WORDS


def test_the_upgrade_submits_a_copy_for_a_senior_leader_by_the_system_user():
    old = approved_by_the_system_at_install(RecordKind.VISIT)

    run_the_upgrade()

    copy = FormDesign.objects.get(kind=RecordKind.VISIT, status=Status.SUBMITTED)
    assert copy.version == old.version + 1
    assert (copy.submitted_by.username, copy.decided_by) == (settings.SYSTEM_USERNAME, None)
    assert list(copy.questions.order_by("position").values_list("key", "label", "required")) == list(
        old.questions.order_by("position").values_list("key", "label", "required"))
    assert copy.history.filter(status=Status.SUBMITTED, history_user__username=settings.SYSTEM_USERNAME).exists()
    assert not FormDesign.objects.filter(kind=RecordKind.CONTACT_PHONE, status=Status.SUBMITTED).exists()


def test_the_upgrade_runs_once_and_leaves_a_newer_submitted_version_to_decide_on(administrator):
    approved_by_the_system_at_install(RecordKind.VISIT)
    old_letter = approved_by_the_system_at_install(RecordKind.CONTACT_LETTER)
    pending = designs.submit(design=designs.new_version_from(design=old_letter, by=administrator), by=administrator)

    run_the_upgrade()
    run_the_upgrade()

    assert FormDesign.objects.filter(kind=RecordKind.VISIT, status=Status.SUBMITTED).count() == 1
    assert list(FormDesign.objects.filter(kind=RecordKind.CONTACT_LETTER, status=Status.SUBMITTED)) == [pending]


def test_a_senior_leader_approving_the_copy_retires_the_system_approval(senior):
    old = approved_by_the_system_at_install(RecordKind.VISIT)
    run_the_upgrade()

    [approved] = designs.approve_latest_submitted(by=senior)

    assert designs.approved_design_for(RecordKind.VISIT).pk == approved.pk
    assert approved.decided_by == senior
    assert FormDesign.objects.get(pk=old.pk).status == Status.RETIRED
    assert not FormDesign.objects.filter(status=Status.APPROVED, decided_by__username=settings.SYSTEM_USERNAME).exists()


def test_the_admin_list_and_page_say_the_system_approval_awaits_a_senior_leader(admin_user):
    old = approved_by_the_system_at_install(RecordKind.VISIT)
    run_the_upgrade()
    client = client_for(admin_user)

    listing = client.get("/admin/records/formdesign/?kind__exact=visit").content.decode()
    page = client.get(f"/admin/records/formdesign/{old.pk}/change/").content.decode()

    assert escape(INSTALL_WORDS) in listing and escape(INSTALL_WORDS) in page
    assert listing.count(escape(INSTALL_WORDS)) == 1  # only the system's approval, not the earlier senior one

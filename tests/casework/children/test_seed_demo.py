"""`manage.py seed_demo`: demo data for `make run`, never by accident on a production database."""

import io
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from access.models import AuditAction, AuditEvent, Team
from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)
from casework.models import Allocation, Case, Child
from records.plans.models import InterventionOutcome, KeyTask, Plan
from records.documents.models import CourtOrder, Document
from records.documents.services import document_path
from records.models import PaperFileRemoval, PaperFileVolume
from records.oversight.models import AuditSample, RecordAudit

DEMO_PASSWORD = "Casework-Demo-2026"
DEMO_USERNAMES = ["practitioner", "practitioner2", "practitioner3", "manager", "manager2", "slt", "edt", "admin"]


def seed(*args):
    call_command("seed_demo", *args, verbosity=0, stdout=io.StringIO())


def row_counts() -> dict[str, int]:
    """Rows in every table of the project, historical and many-to-many tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    return settings


def test_refuses_with_debug_off_and_no_force(db, production_like):
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not Child.objects.exists()
    assert not get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()


def test_runs_with_debug_on_without_force(db, settings):
    settings.DEBUG = True
    seed()
    assert Child.objects.count() == 30


@pytest.fixture(scope="class")
def seeded_media(tmp_path_factory):
    """The class's own PRIVATE_MEDIA_ROOT (the autouse one is per test, so too late for a class fixture)."""
    return tmp_path_factory.mktemp("seed-media")


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker, seeded_media):
    """Seed once (with --force, DEBUG off) for the tests that read the result; rolled back after them."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=False, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                          PRIVATE_MEDIA_ROOT=seeded_media),
        transaction.atomic(),
    ):
        seed("--force")
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded", "db")
class TestForcedSeed:
    def test_creates_both_teams_with_their_managers(self):
        teams = {team.name: team.manager.username for team in Team.objects.select_related("manager")}
        assert teams == {"Assessment Team": "manager", "Children in Care Team": "manager2"}

    @pytest.mark.parametrize("username", DEMO_USERNAMES)
    def test_demo_user_can_sign_in_with_the_published_password(self, username):
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None
        assert user.username == username

    def test_only_admin_is_a_superuser(self):
        superusers = get_user_model().objects.filter(is_superuser=True).values_list("username", flat=True)
        assert list(superusers) == ["admin"]

    def test_creates_30_children_each_with_an_open_case_and_a_team(self):
        assert Child.objects.count() == 30
        assert Case.objects.filter(closure_date__isnull=True).count() == 30
        assert Allocation.objects.filter(ended_at__isnull=True).count() == 30

    def test_leaves_some_children_awaiting_allocation(self):
        waiting = Allocation.objects.filter(ended_at__isnull=True, worker__isnull=True).count()
        assert 0 < waiting < 30

    def test_practitioner_has_a_caseload(self):
        assert Allocation.objects.filter(ended_at__isnull=True, worker__username="practitioner").exists()

    def test_changes_are_attributed_to_the_system_user(self):
        for model in (Child, Case, Allocation, Team):
            users = set(model.history.values_list("history_user__username", flat=True))
            assert users == {settings.SYSTEM_USERNAME}, model

    def test_running_again_changes_nothing(self, seeded_media, settings):
        settings.PRIVATE_MEDIA_ROOT = seeded_media
        before = row_counts()
        files_before = sorted(seeded_media.rglob("*"))
        assert before["casework.Child"] == 30
        assert before["casework.HistoricalChild"] > 0
        assert before["records.Plan"] == before["records.Document"] == before["records.AuditSample"] == 1
        seed("--force")
        assert row_counts() == before
        assert sorted(seeded_media.rglob("*")) == files_before


def _worker_children(username):
    return Child.objects.filter(cases__allocations__worker__username=username,
                                cases__allocations__ended_at__isnull=True)


def _history_users(model, **filters) -> set[str]:
    return set(model.history.filter(**filters).values_list("history_user__username", flat=True))


@pytest.mark.usefixtures("seeded", "db")
class TestNewerFeaturesSeeded:
    """What a newcomer signing in as the demo users finds of the newer features."""

    def test_priya_has_a_plan_with_two_outcomes_and_key_tasks(self):
        plan = Plan.objects.get()
        assert plan.child in _worker_children("practitioner")
        assert plan.created_by.username == "practitioner"
        outcomes = list(plan.outcomes.all())
        assert len(outcomes) == 2
        assert all(outcome.tasks.count() == 2 for outcome in outcomes)
        assert KeyTask.objects.filter(assigned_to__username="practitioner").count() == 2
        assert _history_users(Plan) == {"practitioner"}

    def test_a_completed_visit_serves_the_first_outcome(self):
        link = InterventionOutcome.objects.select_related("entry", "outcome").get()
        assert link.entry.kind == "visit" and link.entry.status == "completed"
        assert link.outcome == link.outcome.plan.outcomes.order_by("created_at", "id").first()
        assert link.entry.child_id == link.outcome.plan.child_id

    def test_households_already_have_someone_with_parental_responsibility(self):
        for child in Child.objects.select_related("household"):
            assert child.household.members.filter(has_parental_responsibility=True).exists(), child

    def test_people_close_and_contact_arrangements_for_a_few_children(self):
        assert ClosePerson.objects.values("child").distinct().count() == 3
        assert ContactArrangement.objects.values("child").distinct().count() == 3
        supervised = ContactArrangement.objects.get(supervised=True)
        assert supervised.recorded_by.username == "practitioner2"
        assert _history_users(ClosePerson) == {"practitioner", "practitioner2"}

    def test_hannahs_child_in_care_has_placement_legal_status_and_agency(self):
        placement = Placement.objects.select_related("child").get()
        child = placement.child
        assert child in _worker_children("practitioner2")
        assert placement.placement_type == Placement.Type.FOSTER_IFA
        assert LegalStatus.objects.get(child=child).status == LegalStatus.Status.INTERIM_CARE_ORDER
        provider = ProviderArrangement.objects.get(child=child)
        assert provider.provider_kind == ProviderArrangement.Kind.IFA
        assert _history_users(Placement) == _history_users(ProviderArrangement) == {"practitioner2"}
        assert AuditEvent.objects.filter(actor__username="practitioner2", child=child,
                                         action=AuditAction.ADDED_TO_BASIC_RECORD).count() == 5

    def test_one_sibling_link_between_children_of_one_household(self):
        link = SiblingLink.objects.select_related("child_a", "child_b").get()
        assert link.child_a.household_id == link.child_b.household_id
        assert link.linked_by.username == "practitioner"

    def test_the_child_in_care_has_the_order_and_its_pdf(self, seeded_media):
        document = Document.objects.get()
        assert document.category == Document.Category.ORDER
        assert document.content_type == "application/pdf"
        assert document.uploaded_by.username == "practitioner2"
        with override_settings(PRIVATE_MEDIA_ROOT=seeded_media):
            path = document_path(document)
        assert path.read_bytes().startswith(b"%PDF")
        assert path.stat().st_size == document.size_bytes
        order = CourtOrder.objects.get()
        assert (order.child_id, order.document_id) == (document.child_id, document.pk)
        assert order.order_type == CourtOrder.OrderType.INTERIM_CARE
        assert Placement.objects.get().child_id == document.child_id

    def test_two_paper_volumes_and_one_approved_removal_due_back(self):
        volumes = PaperFileVolume.objects.all()
        assert [volume.number for volume in volumes] == [1, 2]
        assert len({volume.child_id for volume in volumes}) == 1
        removal = PaperFileRemoval.objects.get()
        assert removal.requested_by.username == "practitioner"
        assert removal.approved_by.username == "manager"
        assert removal.returned_at is None and removal.return_by > date.today()
        assert [volume.number for volume in removal.volumes.all()] == [1]

    def test_manager_has_drawn_an_audit_sample(self):
        sample = AuditSample.objects.get()
        assert (sample.drawn_by.username, sample.team.name) == ("manager", "Assessment Team")
        assert RecordAudit.objects.filter(sample=sample).exists()


def test_skips_the_document_when_private_media_cannot_be_written(db, settings, tmp_path):
    settings.DEBUG = True
    (tmp_path / "a-file").write_text("not a directory")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "a-file" / "private-media"  # cannot be made, even by root
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Skipped the demo document" in out.getvalue()
    assert not Document.objects.exists()
    assert Plan.objects.exists() and Placement.objects.exists()


def test_seed_demo_records_visits_on_time_late_and_planned(db, settings):
    from django.core.management import call_command

    from records.models import Entry

    settings.DEBUG = True
    call_command("seed_demo")
    visits = Entry.objects.filter(kind="visit")
    assert visits.filter(status="planned").count() == 3
    assert visits.filter(status="completed", is_late_entry=True).count() == 3
    assert visits.filter(status="completed", is_late_entry=False).count() == 3
    assert Entry.objects.filter(kind="contact_phone", status="draft").count() == 3

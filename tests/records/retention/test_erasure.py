"""Issue 18: erasing a record removes every personal detail of the child, from every table, history table and file,
leaving only the tombstone and the audit trail naming the child by local ID; and nothing but an approved erasure
(a data protection officer's proposal, a different senior leader's approval, no legal hold) removes anything.

The proof: a marker is written into the child's name and every kind of thing recorded about them (entries and
their amendments, documents and the files' bytes, the basic record, restrictions, a plan, a PDF, history rows,
a loss report, a sibling link...). Before erasure the database and the private media folder hold it in many
places (the control: the search can see it); after, no row of any table, cast to text, and no file holds it.
"""


import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from access.audit.models import AccessLog, AuditAction, AuditEvent
from access.audit.services import record_event
from casework.models import Child, Household
from records.models import Entry
from records.retention import services
from records.retention.models import ErasedRecord, ErasureProposal
from tests.access.permissions.test_restricted_marker import MARKER, colleagues_pdf, loss_naming, restricted  # noqa: F401
from tests.casework.basic_record.basic_record_builders import link_as_siblings
from tests.conftest import client_for, open_record
from tests.factories import PDF_BYTES
from tests.records.documents.document_builders import make_document
from tests.records.retention.retention_builders import past_its_date


@pytest.fixture
def child(assessment_team, manager, practitioner, colleague):
    """The child to erase: the marker in their name, so that every copy of the name is searched for too."""
    return open_record(team=assessment_team, manager=manager, worker=practitioner, first_name=f"Amara{MARKER}",
                       last_name=f"Okoye{MARKER}")


def _tables_holding(text: str) -> dict[str, int]:
    """Every table of the database whose rows, cast to text, hold `text`: table -> rows."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        for (table,) in cursor.fetchall():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT count(*) FROM {quoted} AS t WHERE t::text ILIKE %s", [f"%{text}%"])
            count = cursor.fetchone()[0]
            if count:
                found[table] = count
    return found


def _files_holding(text: str) -> list[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")
                  if path.is_file() and text.lower().encode() in path.read_bytes().lower())


@pytest.fixture
def full_record(cast, child, other_child, restricted, colleagues_pdf, practitioner, manager):  # noqa: F811
    """The child's record with the marker everywhere, and the things around it that outlive it."""
    make_document(child, practitioner, title=f"Letter {MARKER}", category="letter", name=f"letter-{MARKER}.pdf",
                  content=PDF_BYTES + f"% {MARKER}\n".encode())
    loss_naming(child)
    link_as_siblings(child, other_child, practitioner)
    client_for(practitioner).get(f"/children/{child.local_id}/")  # a view, in the access log
    # An event on another record that names the child, as a sibling's might.
    record_event(actor=practitioner, action=AuditAction.LINKED_SIBLING, child=other_child,
                 detail=f"linked to {child.full_name}")
    return child


def _erase(child, dpo, slt, practitioner):
    past_its_date(child, child.cases.first().recorded_by)
    proposal = services.propose_erasure(child=child, by=dpo)
    return services.approve_erasure(proposal=proposal, by=slt)


def test_after_erasure_no_table_history_row_or_file_holds_the_childs_details(
        full_record, colleagues_pdf, other_child, dpo, slt, practitioner,  # noqa: F811
        django_capture_on_commit_callbacks):
    child = full_record
    colleagues_pdf.refresh_from_db()
    pdf = settings.PRIVATE_MEDIA_ROOT / colleagues_pdf.file_name
    assert colleagues_pdf.file_name and pdf.exists()
    local_id, child_pk = child.local_id, child.pk
    before = _tables_holding(MARKER)
    # The control: the search sees the marker in the record, its history and the files.
    for table in ("casework_child", "casework_historicalchild", "records_entry", "records_historicalentry",
                  "records_entryamendment", "records_document", "records_historicaldocument", "access_restriction",
                  "casework_closeperson", "casework_historicalcloseperson", "access_auditevent"):
        assert table in before, f"the marker was not written to {table}: the test would prove nothing about it"
    assert _files_holding(MARKER), "no file held the marker before erasure"
    past_its_date(child, child.cases.first().recorded_by)
    proposal = services.propose_erasure(child=child, by=dpo)
    events_about_child = AuditEvent.objects.filter(child_id=child_pk).count()
    other_entries = Entry.objects.filter(child=other_child).count()

    with django_capture_on_commit_callbacks(execute=True):
        tombstone = services.approve_erasure(proposal=proposal, by=slt)

    assert _tables_holding(MARKER) == {}
    assert _files_holding(MARKER) == []
    # The documents' files and the PDF (whose text is compressed, so looked for by name) are gone.
    assert not pdf.exists()
    assert [p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()] == []
    assert not Child.objects.filter(pk=child_pk).exists()
    # The tombstone: the local ID, the dates of the cases, the rule, who decided and when; nothing else.
    assert ErasedRecord.objects.get() == tombstone
    assert tombstone.local_id == local_id and tombstone.rule_applied == "Ever looked after"  # a placement on its basic record
    assert tombstone.case_dates == [{"referral": "2026-01-12", "closure": str(timezone.localdate())}]
    assert (tombstone.proposed_by, tombstone.approved_by) == (dpo, slt)
    # The audit trail stays, naming the child by local ID only.
    trail = AuditEvent.objects.filter(detail__startswith=f"Record {local_id} (erased)")
    assert trail.count() == events_about_child
    assert AuditEvent.objects.filter(action=AuditAction.ERASED_RECORD, detail__contains=local_id).exists()
    assert AuditEvent.objects.filter(detail=f"linked to {local_id}").exists()
    assert AccessLog.objects.filter(requested_ref=local_id, child__isnull=True).exists()
    # The other child's record is untouched.
    assert Entry.objects.filter(child=other_child).count() == other_entries
    assert Household.objects.filter(children=other_child).exists() or other_child.household_id is None


def test_the_household_is_kept_while_a_brother_or_sister_still_lives_in_it(child, other_child, dpo, slt,
                                                                          practitioner):
    household = Household.objects.create(address_line_1="4 Elm Road", town="Luton", postcode="LU1 1AA")
    Child.objects.filter(pk__in=[child.pk, other_child.pk]).update(household=household)
    child.refresh_from_db()
    _erase(child, dpo, slt, practitioner)
    assert Household.objects.filter(pk=household.pk).exists()


@pytest.fixture
def due(child, manager):
    return past_its_date(child, manager)


def test_a_held_record_cannot_be_proposed_or_approved_for_erasure(due, child, dpo, slt):
    proposal = services.propose_erasure(child=child, by=dpo)
    services.place_hold(child=child, by=dpo, reason="claim", detail="Claim 2026/123 against the council")
    with pytest.raises(ValidationError, match="held"):
        services.approve_erasure(proposal=proposal, by=slt)
    with pytest.raises(ValidationError, match="held"):
        services.propose_erasure(child=child, by=dpo)
    assert Child.objects.filter(pk=child.pk).exists() and not ErasedRecord.objects.exists()


def test_the_database_refuses_an_erasure_of_a_held_record_even_with_the_permit(due, child, dpo, slt):
    """Past the service: the approval is written by hand and the permit set, but the hold is in the database."""
    proposal = services.propose_erasure(child=child, by=dpo)
    services.place_hold(child=child, by=dpo, reason="inquiry", detail="Independent inquiry")
    ErasureProposal.objects.filter(pk=proposal.pk).update(approved_by=slt, approved_at=timezone.now())
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('casework.erasure', %s, true)", [str(proposal.pk)])
            cursor.execute("DELETE FROM records_historicalentry WHERE child_id = %s", [child.pk])
    assert Entry.history.filter(child_id=child.pk).exists()


def test_the_proposer_cannot_approve_their_own_proposal(due, child, dpo):
    from access.staff import roles
    from django.contrib.auth.models import Group

    dpo.groups.add(Group.objects.get(name=roles.SENIOR_LEADERSHIP))  # a senior leader who is also the officer
    proposal = services.propose_erasure(child=child, by=dpo)
    dpo = type(dpo).objects.get(pk=dpo.pk)
    with pytest.raises(ValidationError, match="two people"):
        services.approve_erasure(proposal=proposal, by=dpo)
    assert Child.objects.filter(pk=child.pk).exists()


def test_only_a_senior_leader_approves_and_only_the_officer_proposes(due, child, dpo, manager, practitioner):
    with pytest.raises(PermissionDenied):
        services.propose_erasure(child=child, by=manager)
    proposal = services.propose_erasure(child=child, by=dpo)
    for user in (manager, practitioner, dpo):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.approve_erasure(proposal=proposal, by=user)
    assert Child.objects.filter(pk=child.pk).exists() and not ErasedRecord.objects.exists()


def test_a_record_not_past_its_date_cannot_be_proposed(child, manager, dpo):
    from tests.records.retention.retention_builders import close_every_case

    close_every_case(child, manager)
    with pytest.raises(ValidationError, match="past its retention date"):
        services.propose_erasure(child=child, by=dpo)


@pytest.mark.parametrize("table, statement", [
    ("records_historicalentry", "DELETE FROM records_historicalentry WHERE child_id = %s"),
    ("records_entry", "DELETE FROM records_entry WHERE child_id = %s"),
    ("access_auditevent", "UPDATE access_auditevent SET detail = 'x' WHERE child_id = %s"),
])
def test_nothing_but_an_approved_erasure_removes_protected_rows(due, child, dpo, slt, table, statement):
    """Raw SQL with the permit set to a proposal nobody approved, to a made-up one, or with none, is refused."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE child_id = %s", [child.pk])
        assert cursor.fetchone()[0] > 0, "no row to try: the test would prove nothing"
    proposal = services.propose_erasure(child=child, by=dpo)
    for permit in ("", str(proposal.pk), "999999", "x' OR true --"):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('casework.erasure', %s, true)", [permit])
                cursor.execute(statement, [child.pk])


def test_approving_by_the_same_person_twice_is_refused_by_the_database_too(due, child, dpo):
    proposal = services.propose_erasure(child=child, by=dpo)
    with pytest.raises(DatabaseError), transaction.atomic():
        ErasureProposal.objects.filter(pk=proposal.pk).update(approved_by=dpo)


def test_every_refusing_trigger_in_the_database_honours_only_the_approved_erasure(db):
    """A trigger added later without the permit would make erasure fail, or one with another exception would open
    a second route: every row trigger on UPDATE or DELETE asks casework_erasure_approved() and nothing else."""
    from access.audit.protected import ERASURE_PERMIT, REFUSING_TRIGGERS_SQL

    with connection.cursor() as cursor:
        cursor.execute(REFUSING_TRIGGERS_SQL)
        triggers = cursor.fetchall()
    assert len(triggers) > 50
    assert [name for _, name, _, definition in triggers if ERASURE_PERMIT not in definition] == []
    assert [name for _, name, _, definition in triggers if "current_setting" in definition] == []


def test_approving_twice_erases_once(due, child, dpo, slt, other_slt):
    proposal = services.propose_erasure(child=child, by=dpo)
    services.approve_erasure(proposal=proposal, by=slt)
    with pytest.raises(ValidationError, match="already been decided"):
        services.approve_erasure(proposal=proposal, by=other_slt)
    assert ErasedRecord.objects.count() == 1

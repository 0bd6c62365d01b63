"""The access log (§14) and the audit trail are append-only: in the model layer and in the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from access.models import AccessLog, AccessPage, AuditAction, AuditEvent
from tests.factories import AccessLogFactory


@pytest.fixture
def log_row(child, practitioner):
    return AccessLogFactory(user=practitioner, child=child, requested_ref=child.local_id,
                            page=AccessPage.CHILD_RECORD, path=f"/children/{child.local_id}/",
                            outcome=AccessLog.Outcome.VIEWED)


@pytest.fixture
def audit_row(child, manager):
    return AuditEvent.objects.create(actor=manager, action=AuditAction.ALLOCATED_CASE, child=child, detail="team: Assessment Team")


def raw(sql: str, params=()):
    """Run raw SQL in a savepoint, so that the test can go on after the database refuses it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- Access log ---------------------------------------------------------------------------------

def test_raw_update_of_the_access_log_is_rejected_by_the_database(log_row):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE access_accesslog SET outcome = 'denied' WHERE id = %s", [log_row.pk])
    log_row.refresh_from_db()
    assert log_row.outcome == AccessLog.Outcome.VIEWED


def test_raw_delete_from_the_access_log_is_rejected_by_the_database(log_row):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM access_accesslog WHERE id = %s", [log_row.pk])
    assert AccessLog.objects.filter(pk=log_row.pk).exists()


def test_queryset_update_of_the_access_log_is_rejected(log_row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=log_row.pk).update(page="elsewhere")
    log_row.refresh_from_db()
    assert log_row.page == AccessPage.CHILD_RECORD


def test_queryset_delete_of_the_access_log_is_rejected(log_row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=log_row.pk).delete()
    assert AccessLog.objects.filter(pk=log_row.pk).exists()


def test_saving_an_existing_access_log_row_is_refused(log_row):
    log_row.outcome = AccessLog.Outcome.DENIED
    with pytest.raises(ValueError, match="append-only"):
        log_row.save()
    log_row.refresh_from_db()
    assert log_row.outcome == AccessLog.Outcome.VIEWED


def test_new_access_log_rows_can_still_be_added(log_row, practitioner, child):
    with transaction.atomic():
        AccessLog.objects.create(user=practitioner, child=child, page="p", path="/", outcome=AccessLog.Outcome.DENIED)
    assert AccessLog.objects.count() == 2


# --- Audit trail --------------------------------------------------------------------------------

def test_raw_update_of_the_audit_trail_is_rejected_by_the_database(audit_row):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE access_auditevent SET action = 'nothing happened' WHERE id = %s", [audit_row.pk])
    audit_row.refresh_from_db()
    assert audit_row.action == AuditAction.ALLOCATED_CASE


def test_raw_delete_from_the_audit_trail_is_rejected_by_the_database(audit_row):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM access_auditevent WHERE id = %s", [audit_row.pk])
    assert AuditEvent.objects.filter(pk=audit_row.pk).exists()


def test_raw_delete_of_the_whole_audit_trail_is_rejected_by_the_database(audit_row):
    count = AuditEvent.objects.count()
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM access_auditevent")
    assert AuditEvent.objects.count() == count


def test_queryset_update_of_the_audit_trail_is_rejected(audit_row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=audit_row.pk).update(detail="")
    audit_row.refresh_from_db()
    assert audit_row.detail == "team: Assessment Team"


def test_saving_an_existing_audit_event_is_refused(audit_row):
    audit_row.detail = "edited"
    with pytest.raises(ValueError, match="append-only"):
        audit_row.save()
    audit_row.refresh_from_db()
    assert audit_row.detail == "team: Assessment Team"


def test_deleting_an_audit_event_through_the_model_is_rejected(audit_row):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        audit_row.delete()
    assert AuditEvent.objects.filter(pk=audit_row.pk).exists()

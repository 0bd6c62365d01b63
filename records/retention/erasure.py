"""Erasing a record at the end of its retention (issue 18): every personal detail of the child goes, leaving the
tombstone (`ErasedRecord`) and the audit trail with the child named only by local ID.

Reached only from `records.retention.services.approve_erasure`, inside its transaction, once a data protection
officer has proposed it and a senior leader (another person) has approved it. The append-only and never-deleted
tables refuse every other route: their triggers let a row go only while `casework.erasure` names this approved,
unheld proposal (access.audit.protected: `casework_erasure_approved`, checked in the database).

What goes is found from the models, not listed by hand, so a table added later is erased too: the child's row,
every row that points at it (its cases, entries, documents, plans, relationships, flags, visits, grants...), every
row that points at those, and so on; the history rows of each, and the rows of every history table that point at
any of them; the household when no other child lives in it; the admin's log lines about them; and, once the
transaction commits, the files of their documents and PDFs under PRIVATE_MEDIA_ROOT.
"""

import logging
import re
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from access.audit.models import AccessLog, AuditAction, AuditEvent
from access.audit.services import record_event
from casework.models import Child, Household
from records.documents.models import Document
from records.pdfs.models import PdfJob
from records.retention.models import (
    ChildRetention, ErasedRecord, ErasureProposal, LegalHold, RetentionExtension, RetentionRule,
)

logger = logging.getLogger(__name__)

# Kept, with the child named by local ID only (the audit trail); the retention process's own rows are dealt with
# at the end (the tombstone keeps what is kept of them).
KEPT = {AuditEvent, AccessLog, ErasureProposal}
RETENTION_ROWS = (ChildRetention, LegalHold, RetentionExtension)
CHUNK = 5000


def _history_model(model):
    history = getattr(model, "history", None)
    return getattr(history, "model", None) if history is not None else None


def _models():
    return [m for m in apps.get_models(include_auto_created=True)
            if not m._meta.proxy and m._meta.managed and m not in KEPT and m not in RETENTION_ROWS]


def _links(models):
    """model -> [(pointing model, its field's column)] for every many-to-one or one-to-one field."""
    links = defaultdict(list)
    for model in models:
        for field in model._meta.concrete_fields:
            if field.is_relation and (field.many_to_one or field.one_to_one) and field.related_model is not None:
                links[field.related_model._meta.concrete_model].append((model, field.attname))
    return links


def collect(child: Child) -> dict:
    """Every row that holds the child's details: model -> set of primary keys."""
    found = defaultdict(set)
    found[Child].add(child.pk)
    if child.household_id and not Child.objects.filter(household_id=child.household_id).exclude(pk=child.pk).exists():
        found[Household].add(child.household_id)
    models = _models()
    links = _links(models)
    frontier = {model: set(pks) for model, pks in found.items()}
    while frontier:
        reached = defaultdict(set)
        for target, pks in frontier.items():
            for model, column in links.get(target, ()):
                for start in range(0, len(pks), CHUNK):
                    chunk = list(pks)[start:start + CHUNK]
                    for pk in model._base_manager.filter(**{f"{column}__in": chunk}).values_list("pk", flat=True):
                        if pk not in found[model]:
                            reached[model].add(pk)
        for model, pks in reached.items():
            found[model] |= pks
        frontier = dict(reached)
    # The history rows of each erased row (historical models keep the row's own key in `id`).
    for model in list(found):
        history = _history_model(model)
        if history is not None:
            found[history] |= set(history._base_manager.filter(id__in=list(found[model]))
                                  .values_list("pk", flat=True))
    return found


def _files(found) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    paths = []
    for model in (Document, _history_model(Document)):
        names = model._base_manager.filter(pk__in=list(found.get(model, ()))).values_list("stored_name", flat=True)
        paths += [root / "documents" / name for name in names if name]
    for model in (PdfJob, _history_model(PdfJob)):
        rows = model._base_manager.filter(pk__in=list(found.get(model, ()))).values_list("id", "file_name")
        for job_id, file_name in rows:
            paths.append(root / "pdfs" / f"{job_id}.pdf")
            if file_name:
                paths.append(root / file_name)
    return sorted(set(paths))


def _remove_files(paths) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # the rows are gone; a file that could not be removed is logged by its random name only
            logger.error("Erasure: could not remove %s", path.name)


def _names(child: Child) -> list[str]:
    """What the child was called, longest first, for taking out of the audit trail's words."""
    whole = {child.full_name, child.display_name, f"{child.first_name} {child.last_name}",
             f"{child.preferred_name} {child.last_name}".strip()}
    parts = {child.first_name, child.middle_names, child.last_name, child.preferred_name}
    return sorted({name for name in whole | parts if len(name.strip()) >= 2}, key=len, reverse=True)


def _scrub(text: str, names, local_id: str) -> str:
    for name in names:
        text = re.sub(re.escape(name), local_id, text, flags=re.IGNORECASE)
    return text


def _audit_trail_by_local_id(child: Child, names, whole_names) -> None:
    """Audit events stay, naming the child by local ID only: those about the child lose the link to the erased row
    and say which record they were about; any other event that names the child has the name replaced."""
    local_id = child.local_id
    rows = list(AuditEvent.objects.filter(child_id=child.pk).values_list("pk", "detail"))
    about = [(f"Record {local_id} (erased)" + (f": {_scrub(detail, names, local_id)}" if detail else ""), pk)
             for pk, detail in rows]
    mentions = []
    if whole_names:
        pattern = "(" + "|".join(re.escape(name) for name in whole_names) + ")"
        mentions = [(_scrub(detail, whole_names, local_id), pk) for pk, detail in AuditEvent.objects
                    .exclude(child_id=child.pk).filter(detail__iregex=pattern).values_list("pk", "detail")]
    with connection.cursor() as cursor:
        if about:
            cursor.executemany("UPDATE access_auditevent SET child_id = NULL, detail = %s WHERE id = %s", about)
        if mentions:
            cursor.executemany("UPDATE access_auditevent SET detail = %s WHERE id = %s", mentions)
        # The access log keeps who opened which page and when; the address names the record by local ID already.
        cursor.execute("UPDATE access_accesslog SET child_id = NULL, requested_ref = %s WHERE child_id = %s",
                       [local_id, child.pk])


def _delete(found) -> None:
    with connection.cursor() as cursor:
        for model, pks in found.items():
            pks = sorted(pks)
            table, column = connection.ops.quote_name(model._meta.db_table), model._meta.pk.column
            for start in range(0, len(pks), CHUNK):
                cursor.execute(f'DELETE FROM {table} WHERE "{column}" = ANY(%s)', [pks[start:start + CHUNK]])


def _admin_log(found) -> None:
    """The admin's log lines about the erased rows (their object_repr may hold a name)."""
    for model, pks in found.items():
        LogEntry.objects.filter(content_type__app_label=model._meta.app_label,
                                content_type__model=model._meta.model_name,
                                object_id__in=[str(pk) for pk in pks]).delete()


def erase(*, proposal: ErasureProposal) -> ErasedRecord:
    """Erase the proposal's child (approved, in the caller's transaction). Returns the tombstone."""
    if connection.vendor != "postgresql":
        raise ValidationError("Erasing a record needs the PostgreSQL database (its triggers check the approval).")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Erasure runs inside approve_erasure's transaction.")
    child = Child.objects.select_for_update().get(pk=proposal.child_id)
    retention = ChildRetention.objects.select_related("rule").filter(child=child).first()
    rule = retention.rule if retention and retention.rule_id else None
    case_dates = [{"referral": str(referral), "closure": str(closure) if closure else None}
                  for referral, closure in child.cases.order_by("referral_date", "pk")
                  .values_list("referral_date", "closure_date")]
    names = _names(child)
    whole = [name for name in names if " " in name.strip()]
    with connection.cursor() as cursor:
        # The one permit the triggers honour, for this transaction only, checked against the proposal in the database.
        cursor.execute("SELECT set_config('casework.erasure', %s, true)", [str(proposal.pk)])
    found = collect(child)
    files = _files(found)
    _audit_trail_by_local_id(child, names, whole)
    _admin_log(found)
    _delete(found)
    tombstone = ErasedRecord.objects.create(
        local_id=child.local_id, case_dates=case_dates, rule_applied=rule.name if rule else RetentionRule.Code.OTHER.label,
        retention_date=retention.review_date if retention else None, proposed_by=proposal.proposed_by,
        proposed_at=proposal.proposed_at, approved_by=proposal.approved_by, approved_at=proposal.approved_at)
    for model in RETENTION_ROWS:
        model.objects.filter(child_id=child.pk).delete()
    now = timezone.now()
    ErasureProposal.objects.filter(pk=proposal.pk).update(erased_at=now, child=None)
    ErasureProposal.objects.filter(child_id=child.pk).update(child=None)
    proposal.erased_at, proposal.child = now, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('casework.erasure', '', true)")
    record_event(actor=proposal.approved_by, action=AuditAction.ERASED_RECORD,
                 detail=f"Record {tombstone.local_id} erased under the rule '{tombstone.rule_applied}', proposed by "
                        f"{proposal.proposed_by.get_full_name()} and approved by {proposal.approved_by.get_full_name()}")
    transaction.on_commit(lambda: _remove_files(files))
    return tombstone

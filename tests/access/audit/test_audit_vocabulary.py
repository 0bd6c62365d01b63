"""One audit vocabulary (§14): every audit event is written by record_event under an AuditAction, every
access-log row by access.audit.access_log under an AccessPage, and people are shown words, never codes."""

import ast
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from access.audit.services import record_event
from access.models import AccessLog, AccessPage, AuditAction, AuditEvent
from records.sharing.subject_access import create_subject_access_request
from tests.conftest import client_for
from tests.records.sharing.sharing_builders import url

ROOT = Path(__file__).resolve().parents[3]
PRODUCT = ("access", "casework", "records", "config")
THE_WRITER = Path("access/audit/services.py")
THE_LOG_WRITER = Path("access/audit/access_log.py")
WRITES = {"create", "bulk_create", "get_or_create", "update_or_create"}


def _product_modules():
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT), ast.parse(path.read_text(), filename=str(path))


def _root_name(node):
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return node.id if isinstance(node, ast.Name) else None


def _writes_rows(call: ast.Call, model: str = "AuditEvent") -> bool:
    func = call.func
    if isinstance(func, ast.Name) and func.id == model:
        return True
    return isinstance(func, ast.Attribute) and func.attr in WRITES and _root_name(func.value) == model


def _calls_record_event(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "record_event") or (
        isinstance(func, ast.Attribute) and func.attr == "record_event")


def test_only_the_audit_service_writes_audit_events():
    found = []
    for path, tree in _product_modules():
        if path == THE_WRITER:
            continue
        found += [f"{path}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and _writes_rows(node)]
    assert found == [], "Write audit events with access.audit.services.record_event"


def test_the_audit_service_is_where_events_are_written():
    """The check above looks for the right thing: the one writer does create AuditEvent rows."""
    tree = ast.parse((ROOT / THE_WRITER).read_text())
    assert any(isinstance(node, ast.Call) and _writes_rows(node) for node in ast.walk(tree))


def test_no_writer_names_an_action_in_free_text():
    found, calls = [], 0
    for path, tree in _product_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _calls_record_event(node):
                calls += 1
                action = next((k.value for k in node.keywords if k.arg == "action"), None)
                if isinstance(action, (ast.Constant, ast.JoinedStr)):
                    found.append(f"{path}:{node.lineno}")
    assert calls > 30  # the walk really finds the writers
    assert found == [], "Pass an AuditAction member as action"


@pytest.mark.parametrize("action", ["made up", "signed in", "", None])
def test_record_event_refuses_anything_but_an_audit_action(practitioner, action):
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="not an audit action"):
        record_event(action=action, actor=practitioner, subject_user=practitioner)
    assert AuditEvent.objects.count() == before


def test_record_event_stores_the_same_code_as_before(child, practitioner):
    event = record_event(action=AuditAction.EMERGENCY_ACCESS, actor=practitioner, child=child, detail="Out of hours")
    stored = AuditEvent.objects.filter(pk=event.pk).values_list("action", flat=True).get()
    assert stored == "emergency access" and event.get_action_display() == "Used emergency access to the record"


def test_record_event_is_part_of_the_callers_transaction(child, practitioner):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(action=AuditAction.CLOSED_CASE, actor=practitioner, child=child)
        raise RuntimeError("the change it describes failed")
    assert AuditEvent.objects.count() == before


def test_every_action_has_its_own_words():
    labels = [action.label for action in AuditAction]
    assert len(set(labels)) == len(labels)
    assert all(label[0].isupper() and "_" not in label for label in labels)


def test_the_subject_access_request_page_shows_what_happened_in_words(child, manager):
    request = create_subject_access_request(child=child, by=manager, requester_name="Grace Okoye",
                                            relationship="Mother", received_on=timezone.localdate())
    body = client_for(manager).get(url("sar_detail", child, request.pk)).content.decode()
    events = body.split('id="sar-events"')[1].split("</ul>")[0]
    assert AuditAction.RECEIVED_SUBJECT_ACCESS_REQUEST.label in events
    assert AuditAction.RECEIVED_SUBJECT_ACCESS_REQUEST.value not in events


def test_the_admin_list_of_audit_events_shows_the_words(child, practitioner, admin_user):
    record_event(action=AuditAction.GRANTED_VIEW_RESTRICTED, actor=admin_user, child=child, subject_user=practitioner)
    body = client_for(admin_user).get("/admin/access/auditevent/").content.decode()
    assert AuditAction.GRANTED_VIEW_RESTRICTED.label in body
    assert AuditAction.GRANTED_VIEW_RESTRICTED.value not in body


# --- The access log ---------------------------------------------------------------------------------

def test_only_the_access_log_writer_writes_access_log_rows():
    found = []
    for path, tree in _product_modules():
        if path != THE_LOG_WRITER:
            found += [f"{path}:{node.lineno}" for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and _writes_rows(node, "AccessLog")]
    assert found == [], "Write the access log with access.audit.access_log"


def _child_pages(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace)
            yield from ((str(pattern.pattern) + route, name) for route, name in _child_pages(pattern.url_patterns, inner))
        else:
            yield str(pattern.pattern), f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_page_of_a_childs_record_has_words_in_the_access_log():
    pages = {name for route, name in _child_pages(get_resolver().url_patterns) if ":local_id>" in route}
    assert len(pages) > 70
    assert pages - set(AccessPage.values) == set()


def test_every_page_has_its_own_words():
    labels = [page.label for page in AccessPage if not page.name.startswith("OLD_")]
    assert len(set(labels)) == len(labels)
    # A page's old code (before it moved app) is shown in the same words as its new one.
    old = {page.value.split(":")[1]: page.label for page in AccessPage if page.name.startswith("OLD_")}
    assert old == {page.value.split(":")[1]: page.label for page in AccessPage
                   if page.value.startswith("records:") and page.value.split(":")[1] in old}
    assert all(label[0].isupper() and "_" not in label and ":" not in label for label in labels)


def test_the_access_log_page_and_its_export_show_pages_in_words(cast, child, colleague, manager):
    client_for(colleague).get(reverse("casework:child_record", args=[child.local_id]))
    assert AccessLog.objects.filter(user=colleague, page=AccessPage.CHILD_RECORD).exists()
    body = client_for(manager).get(reverse("casework:access_log", args=[child.local_id])).content.decode()
    rows = body.split("<tbody")[1]
    assert AccessPage.CHILD_RECORD.label.replace("'", "&#x27;") in rows and "casework:" not in rows
    export = client_for(manager).get(reverse("casework:access_log_csv", args=[child.local_id]))
    text = b"".join(export.streaming_content).decode()
    assert AccessPage.CHILD_RECORD.label in text and "casework:" not in text


def test_the_admin_list_of_the_access_log_shows_pages_in_words(cast, child, colleague, admin_user):
    client_for(colleague).get(reverse("casework:child_record", args=[child.local_id]))
    body = client_for(admin_user).get("/admin/access/accesslog/").content.decode()
    assert AccessPage.CHILD_RECORD.label.replace("'", "&#x27;") in body and "casework:child_record" not in body

"""The form register (§2): recording each release's field lists, and senior leadership's approval.

A release that changes a fixed form's fields is recorded as a new version awaiting approval, by the
system user, after every `migrate` (records.apps) or with `manage.py record_form_register`.

An unapproved version stays in use: a release must not stop anyone recording about a child at
risk. It shows as awaiting approval, with what changed, in the register, in senior leaders' admin
and in a banner on their dashboard, until a senior leader approves it.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from access.audit.history import acting_as, system_user
from access.staff import roles
from records.form_register.models import FixedForm, FixedFormVersion
from records.form_register.registry import REGISTER, field_list


def can_approve_forms(user) -> bool:
    return user.is_authenticated and roles.is_senior_leader(user)


def fingerprint(fields: list[dict]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def describe_changes(old: list[dict], new: list[dict]) -> list[str]:
    """What changed between two field lists, in words a senior leader reads."""
    before = {f["name"]: f for f in old}
    after = {f["name"]: f for f in new}
    changes = []
    for name, field in after.items():
        earlier = before.get(name)
        if earlier is None:
            changes.append(f"New field: {field['label']}" + (" (must be answered)" if field["required"] else " (optional)"))
            continue
        if earlier["label"] != field["label"]:
            changes.append(f"Label changed from \u201c{earlier['label']}\u201d to \u201c{field['label']}\u201d")
        if earlier["help_text"] != field["help_text"]:
            changes.append(f"Help text changed for {field['label']}: \u201c{field['help_text'] or 'none'}\u201d")
        if earlier["required"] != field["required"]:
            changes.append(f"{field['label']}: now {'must be answered' if field['required'] else 'optional'}")
    for name, field in before.items():
        if name not in after:
            changes.append(f"Field removed: {field['label']}")
    if not changes and [f["name"] for f in old] != [f["name"] for f in new]:
        changes.append("The fields are in a new order")
    return changes


@transaction.atomic
def record_versions() -> list[FixedFormVersion]:
    """Record a new version, awaiting approval, of each registered form whose fields have changed
    (or a first version of a newly registered one). Safe to run again: nothing changed, nothing recorded."""
    recorded = []
    with acting_as(system_user()):
        for entry in REGISTER:
            fields = field_list(entry)
            print_ = fingerprint(fields)
            form, _ = FixedForm.objects.get_or_create(key=entry.key, defaults={"name": entry.name})
            if form.name != entry.name:
                form.name = entry.name
                form.save(update_fields=["name"])
            versions = list(FixedFormVersion.objects.select_for_update().filter(form=form).order_by("-version"))
            if versions and versions[0].fingerprint == print_:
                continue
            base = next((v for v in versions if v.is_approved), versions[0] if versions else None)
            recorded.append(FixedFormVersion.objects.create(
                form=form, version=(versions[0].version + 1) if versions else 1, fields=fields,
                fingerprint=print_, changes=describe_changes(base.fields, fields) if base else [],
                compared_with=base.version if base else None,
            ))
    return recorded


@transaction.atomic
def approve_version(*, version: FixedFormVersion, by) -> FixedFormVersion:
    """§2: a senior leader approves the version of a form in use (the latest one)."""
    if not can_approve_forms(by):
        raise PermissionDenied("Only members of Senior leadership can approve a form.")
    current = FixedFormVersion.objects.select_for_update().get(pk=version.pk)
    if current.is_approved:
        raise ValidationError(f"Version {current.version} of {current.form.name.lower()} is already approved.")
    latest = FixedFormVersion.objects.filter(form_id=current.form_id).order_by("-version").first()
    if latest.pk != current.pk:
        raise ValidationError(
            f"Version {current.version} is no longer in use: approve the current version, {latest.version}, instead."
        )
    current.approved_by = by
    current.approved_at = timezone.now()
    with acting_as(by):
        current.save()
    version.refresh_from_db()
    return version


def approve_all_awaiting(*, by) -> list[FixedFormVersion]:
    """A senior leader approves the version in use of every form that awaits approval."""
    from records.form_register.selectors import versions_awaiting_approval

    if not can_approve_forms(by):
        raise PermissionDenied("Only members of Senior leadership can approve a form.")
    return [approve_version(version=version, by=by) for version in versions_awaiting_approval()]

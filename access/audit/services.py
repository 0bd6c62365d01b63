"""The one writer of audit events (§14): every service that causes an event calls record_event.

One vocabulary: the action must be an AuditAction member, so no event is stored under a code that
people could not be shown in words. The row is written in the caller's transaction, so an event is
kept exactly when the change it describes is.
"""

from access.audit.models import AuditAction, AuditEvent


def record_event(*, action: AuditAction, actor, child=None, child_id=None, subject_user=None,
                 subject_group=None, detail: str = "", at=None) -> AuditEvent:
    if not isinstance(action, AuditAction):
        raise ValueError(f"{action!r} is not an audit action: add it to AuditAction first.")
    fields = {"child": child} if child is not None else {"child_id": child_id}
    if at is not None:
        fields["at"] = at
    return AuditEvent.objects.create(action=action, actor=actor, subject_user=subject_user,
                                     subject_group=subject_group, detail=detail, **fields)

"""Writing the access log (§14): every view of a child's record and every refused attempt."""

from access.models import AccessLog


def _page_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def record_view(request, child) -> None:
    AccessLog.objects.create(
        user=request.user,
        child=child,
        requested_ref=child.local_id,
        page=_page_name(request),
        path=request.path[:500],
        outcome=AccessLog.Outcome.VIEWED,
    )


def record_refusal(request, *, child=None, requested_ref: str = "") -> None:
    AccessLog.objects.create(
        user=request.user,
        child=child,
        requested_ref=requested_ref[:64],
        page=_page_name(request),
        path=request.path[:500],
        outcome=AccessLog.Outcome.DENIED,
    )

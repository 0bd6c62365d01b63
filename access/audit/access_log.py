"""Writing the access log (§14): every view of a child's record and every refused attempt.

The only writer of AccessLog rows. The page is stored as an AccessPage, so the log can always be
shown in words: a page of a child's record that is not one refuses to log (and so to open).
"""

from access.models import AccessLog, AccessPage


def _page(request) -> AccessPage:
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    try:
        return AccessPage(name)
    except ValueError:
        raise ValueError(f"{name!r} is not a page of the access log: add it to AccessPage first.") from None


def _record(request, *, child, requested_ref: str, outcome: AccessLog.Outcome) -> None:
    AccessLog.objects.create(
        user=request.user,
        child=child,
        requested_ref=requested_ref[:64],
        page=_page(request),
        path=request.path[:500],
        outcome=outcome,
    )


def record_view(request, child) -> None:
    _record(request, child=child, requested_ref=child.local_id, outcome=AccessLog.Outcome.VIEWED)


def record_refusal(request, *, child=None, requested_ref: str = "") -> None:
    _record(request, child=child, requested_ref=requested_ref, outcome=AccessLog.Outcome.DENIED)


def record_listed(request, children) -> None:
    """§4 (EDT), §14: each child a search showed to someone who may not open their record, in one insert.

    The path is stored without its query string: what was typed is not kept here."""
    page = _page(request)
    AccessLog.objects.bulk_create([
        AccessLog(user=request.user, child=child, requested_ref=child.local_id, page=page, path=request.path[:500],
                  outcome=AccessLog.Outcome.LISTED)
        for child in children
    ])

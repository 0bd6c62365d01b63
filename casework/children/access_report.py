"""Who has viewed a child's record (§14), for managers: filtered by person and dates, and exported as
CSV for an information-governance review. Every export is itself an audit event."""

import csv
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from access.audit.services import record_event
from access.models import AccessLog, AuditAction
from casework.children.authorisation import Need, child_for_request
from casework.children.selectors import parse_date_query

PAGE_SIZE = 50
LONDON = timezone.get_default_timezone()


def _int(value):
    try:
        return int(value) or None
    except (TypeError, ValueError):
        return None


def _filters(request):
    """(user id, from date, to date, error messages) from the query string."""
    errors = []
    dates = {}
    for name, label in (("from", "from"), ("to", "to")):
        raw = request.GET.get(name, "").strip()
        dates[name] = parse_date_query(raw) if raw else None
        if raw and dates[name] is None:
            errors.append((name, f"Enter the {label} date as a real date, like 27/03/2026"))
    if dates["from"] and dates["to"] and dates["to"] < dates["from"]:
        errors.append(("to", "The to date must be the same as or after the from date"))
    return _int(request.GET.get("user")), dates["from"], dates["to"], errors


def log_rows(child, *, user_id=None, since=None, until=None):
    rows = AccessLog.objects.filter(child=child)
    if user_id:
        rows = rows.filter(user_id=user_id)
    if since:
        rows = rows.filter(at__gte=datetime.combine(since, time.min, tzinfo=LONDON))
    if until:
        rows = rows.filter(at__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=LONDON))
    return rows.select_related("user__staff_profile").order_by("-id")


def _people(child):
    return get_user_model().objects.filter(pk__in=AccessLog.objects.filter(child=child).values("user_id")) \
        .order_by("last_name", "first_name", "username")


@login_required
def access_log(request, local_id):
    """Managers see who has viewed a child's record, and when, filtered by person and date (§14)."""
    child = child_for_request(request, local_id, Need.MANAGE)
    user_id, since, until, errors = _filters(request)
    rows = log_rows(child, user_id=user_id, since=None if errors else since, until=None if errors else until)
    before = _int(request.GET.get("before"))
    if before:
        rows = rows.filter(id__lt=before)
    rows = list(rows[:PAGE_SIZE])
    query = request.GET.copy()
    query.pop("before", None)
    return render(request, "casework/access_log.html", {
        "child": child, "rows": rows, "older": rows[-1].pk if len(rows) == PAGE_SIZE else None, "user_id": user_id,
        "people": list(_people(child)), "since": request.GET.get("from", ""), "until": request.GET.get("to", ""),
        "errors": errors, "query": query.urlencode(), "subnav": "access_log",
    })


def _safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


@login_required
def access_log_csv(request, local_id):
    """The same rows as CSV, for an information-governance review; the export is an audit event."""
    child = child_for_request(request, local_id, Need.MANAGE)
    user_id, since, until, errors = _filters(request)
    if errors:
        since = until = None
    with transaction.atomic():
        record_event(
            actor=request.user, action=AuditAction.EXPORTED_ACCESS_LOG, child=child,
            detail=f"person={user_id or 'everyone'} from={since or 'start'} to={until or 'today'}",
        )
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(["When (UK time)", "Name", "Username", "Post title", "Page", "Address", "Outcome"])
        for row in log_rows(child, user_id=user_id, since=since, until=until).iterator(chunk_size=2000):
            profile = getattr(row.user, "staff_profile", None)
            yield writer.writerow([_safe(v) for v in (
                timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"), row.user.get_full_name(),
                row.user.username, profile.post_title if profile else "", row.get_page_display(), row.path,
                row.get_outcome_display(),
            )])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{child.local_id}.csv"'
    return response

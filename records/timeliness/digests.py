"""Daily e-mail digests of open flags (§4, §10): to each practitioner, and to each team manager.

E-mails name children only by their local child ID and the kind of work: no names, no case
content, nothing restricted, because e-mail leaves the system (§1, §14).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from access.models import Team
from casework.models import Allocation
from records.models import DigestSent, Flag
from records.timeliness.services import describe


def _when(flag, now) -> str:
    if flag.due_at > now:  # flagged before it is due (a subject access request near its deadline)
        return f"due in {(flag.due_at - now).days} days"
    return f"{(now - flag.due_at).days} days overdue"


def _lines(flags, now) -> list[str]:
    # A team's flag (its audit schedule, §13) names the team; every other flag a child, by local ID only.
    return [f"{flag.child.local_id if flag.child_id else flag.audit_schedule.team.name}: {describe(flag)}, "
            f"{_when(flag, now)}" for flag in flags]


def _send_once(user, day, subject, lines) -> bool:
    if not lines or not user.email:
        return False
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=day, flag_count=len(lines))
            body = render_to_string("records/digest_email.txt", {"user": user, "lines": lines})
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except IntegrityError:
        return False  # already sent today: a task that runs twice sends one e-mail
    return True


def send_daily_digests(now=None) -> int:
    now = now or timezone.now()
    day = timezone.localdate(now)
    sent = 0
    open_flags = Flag.objects.filter(closed_at__isnull=True).select_related("child", "audit_schedule__team").order_by("due_at")
    owners = get_user_model().objects.filter(is_active=True, flags__closed_at__isnull=True).distinct()
    for owner in owners:
        lines = _lines(open_flags.filter(owner=owner), now)
        sent += _send_once(owner, day, "Casework: your overdue records", lines)
    for team in Team.objects.filter(manager__is_active=True).select_related("manager"):
        team_children = Allocation.objects.filter(
            team=team, ended_at__isnull=True, case__closure_date__isnull=True
        ).values("case__child_id")
        lines = _lines(open_flags.filter(child_id__in=team_children), now)
        if team.manager_id in {owner.pk for owner in owners}:
            lines = [f"[{team.name}] {line}" for line in lines]
        sent += _send_once(team.manager, day, f"Casework: overdue records in {team.name}", lines) if lines else 0
    return sent

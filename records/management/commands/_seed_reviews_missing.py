"""The demo's looked-after children's reviews, missing episodes and UASC status (issue 17), recorded through the
services as their worker would: a review 20 days after care began and another three months later (how the child
took part by their age), a missing episode that ended for the first child (a return interview offered and
accepted), an away from placement episode not yet over for the second, and the oldest child of 14 or more an
unaccompanied asylum-seeking child (the others asked, and not). Once: a child with any of these recorded is left as
it is."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from casework.basic_record.models import LegalStatus
from casework.children.authorisation import Need, may
from casework.looked_after import services
from casework.looked_after.models import UNDER_FOUR, LookedAfterReview, MissingEpisode, UascStatus
from casework.looked_after.services import SHORT_BREAKS, birthday


def seed_reviews_missing(staff) -> None:
    today = timezone.localdate()
    current = (LegalStatus.objects.exclude(ls_code="").exclude(ls_code__in=SHORT_BREAKS)
               .filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
               .select_related("child").order_by("child_id", "start_date"))
    since = {}
    for status in current:
        since.setdefault(status.child, status.start_date)  # the earliest current status: care began then, or before
    writers = [staff[key] for key in ("practitioner2", "manager2", "practitioner", "manager")]
    children = [child for child in since if child.date_of_birth and not _recorded(child)]
    older = [child for child in children if birthday(child, 14) <= today < birthday(child, 18)]
    oldest = min(older, key=lambda child: child.date_of_birth) if older else None
    for number, child in enumerate(children):
        by = _first_writer(writers, child)
        if by is None:
            continue
        for days, code in ((20, "PN1"), (110, "PN5")):
            day = since[child] + timedelta(days=days)
            if day <= today:
                services.record_review(child=child, by=by, review_date=day,
                                       participation=UNDER_FOUR if day < birthday(child, 4) else code)
        if number == 0 and since[child] + timedelta(days=31) <= today:
            services.record_missing(child=child, by=by, kind="M", start_date=since[child] + timedelta(days=30),
                                    end_date=since[child] + timedelta(days=31), return_interview_offered=True,
                                    return_interview_accepted=True)
        if number == 1 and since[child] < today:
            services.record_missing(child=child, by=by, kind="A", start_date=today - timedelta(days=1))
        services.record_uasc(child=child, by=by, is_uasc=child == oldest)
    # The return asks it of every child looked after in the year, those whose care has ended too.
    ended = (LegalStatus.objects.exclude(ls_code="").exclude(ls_code__in=SHORT_BREAKS)
             .exclude(child__in=UascStatus.objects.values("child")).select_related("child"))
    for child in dict.fromkeys(status.child for status in ended.order_by("child_id")):
        by = _first_writer(writers, child)
        if by is not None:
            services.record_uasc(child=child, by=by, is_uasc=False)


def _first_writer(writers, child):
    """The first of the demo's writers who may write on the child's record (None: none may)."""
    return next((user for user in writers if may(user, child, Need.WRITE)), None)


def _recorded(child) -> bool:
    return (LookedAfterReview.objects.filter(child=child).exists() or MissingEpisode.objects.filter(child=child).exists()
            or UascStatus.objects.filter(child=child).exists())

"""Reads of open flags, always limited to children the user may see, and where each flag's work is done."""

from access.addresses import remembered_reverse
from records.models import Flag
from records.timeliness.models import FLAG_SUBJECTS


# What a panel of overdue work shows of each flag (records.templatetags.flags): the flag, and of its child and owner
# only their names and the child's reference (a child's row has some forty columns).
PANEL_COLUMNS = ("kind", "due_at", "child__local_id", "child__first_name", "child__last_name", "child__preferred_name",
                 "owner__first_name", "owner__last_name", *FLAG_SUBJECTS)


def _visible_open_flags(user, only_child=None):
    from casework.models import Child

    return (
        Flag.objects.filter(closed_at__isnull=True, child__in=Child.objects.visible_ids(user, only=only_child)
                            if only_child is not None else Child.objects.visible_ids_compiled(user))
        .select_related("child", "owner").only(*PANEL_COLUMNS)
        .order_by("due_at", "id")
    )


def open_flags_owned_by(user):
    return _visible_open_flags(user).filter(owner=user)


def open_flags_for_child(user, child):
    return _visible_open_flags(user, only_child=child.pk).filter(child=child)


def open_flags_for_managed_teams(user):
    """Open flags on children whose case is allocated to a team this user manages (§13)."""
    from casework.models import Allocation

    team_children = Allocation.objects.filter(
        team__manager=user, ended_at__isnull=True, case__closure_date__isnull=True
    ).values("case__child_id")
    return _visible_open_flags(user).filter(child_id__in=team_children)


def _page(name: str, flag, *more, anchor: str = "") -> str:
    """The address of a page of the flag's child (its addresses reversed once: a panel links 25 flags)."""
    return remembered_reverse(name, args=[flag.child.local_id, *more]) + anchor


# Where the work behind a flag is done, by the column the flag points at (None: no page of its own).
SUBJECT_PAGES = {
    "entry": lambda flag: _page("records:entry_detail", flag, flag.entry_id),
    "subject_access_request": lambda flag: _page("records:sharing", flag, anchor="#subject-access"),
    "restriction": lambda flag: _page("records:review_restriction", flag, flag.restriction_id),
    "audit_deficiency": lambda flag: _page("records:deficiency", flag, flag.audit_deficiency_id),
    "paper_file_removal": lambda flag: _page("records:paper_files", flag, anchor=f"#removal-{flag.paper_file_removal_id}"),
    "paper_file_move": lambda flag: _page("records:paper_files", flag, anchor=f"#move-{flag.paper_file_move_id}"),
    "audit_schedule": lambda flag: remembered_reverse("records:audits"),
}
# Kinds whose work is done somewhere other than their subject's page.
KIND_PAGES = {
    "told_about_records_due": lambda flag: _page("records:sharing", flag, anchor="#told-about-records"),
    "statutory_visit_overdue": lambda flag: _page("records:visit_new", flag),
}


def flag_url(flag) -> str | None:
    if flag.kind in KIND_PAGES:
        return KIND_PAGES[flag.kind](flag)
    for subject, page in SUBJECT_PAGES.items():
        if getattr(flag, f"{subject}_id"):
            return page(flag)
    return None

"""Flags for a restriction past its review date (§8), an audit deficiency not put right in time (§13)
and a paper file not returned (§15): each opens after the end of its day in London, points at its
subject, belongs to whoever must act, closes when the work is done, and is never edited or deleted."""

from datetime import date, datetime

import pytest
from django.db import IntegrityError, transaction

from access.models import Restriction
from records.models import AuditDeficiency, Flag, PaperFileRemoval
from records.timeliness.services import run_flag_pass
from records.calendar.working_days import LONDON
from tests.factories import AuditDeficiencyFactory, PaperFileRemovalFactory, RestrictionFactory


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def open_flag(kind):
    return Flag.objects.filter(kind=kind, closed_at__isnull=True)


@pytest.fixture
def restriction(child, practitioner, manager):
    return RestrictionFactory(child=child, reason="third_party", reason_detail="Neighbour asked",
                              advised_by=manager, restricted_by=practitioner, review_date=date(2026, 3, 2))


@pytest.fixture
def deficiency(child, practitioner, manager):
    return AuditDeficiencyFactory(child=child, description="Child's views not recorded",
                                  assigned_to=practitioner, put_right_by=date(2026, 3, 2), by=manager)


@pytest.fixture
def removal(child, practitioner, manager):
    return PaperFileRemovalFactory(
        child=child, requested_by=practitioner, destination="Family court", reason="Hearing",
        security_measures="Locked case", return_by=date(2026, 3, 2), approved_by=manager,
        approved_at=london(2026, 2, 27, 9),
    )


def test_restriction_past_review_date_is_flagged_to_the_advising_manager(restriction, manager, child):
    run_flag_pass(now=london(2026, 3, 2, 23, 59))
    assert not open_flag("restriction_review_due").exists()

    run_flag_pass(now=london(2026, 3, 3, 0, 0))
    flag = open_flag("restriction_review_due").get()
    assert (flag.restriction, flag.child, flag.owner, flag.due_at) == (restriction, child, manager, london(2026, 3, 3))

    # Kept with a later review date: no longer overdue, so the flag closes.
    Restriction.objects.filter(pk=restriction.pk).update(review_date=date(2026, 6, 1))
    run_flag_pass(now=london(2026, 3, 4, 9))
    assert not open_flag("restriction_review_due").exists()
    assert Flag.objects.get(pk=flag.pk).closed_at == london(2026, 3, 4, 9)


def test_lifted_restriction_is_not_flagged(restriction, manager):
    Restriction.objects.filter(pk=restriction.pk).update(
        lifted_at=london(2026, 3, 1, 9), lifted_by=manager, originator=manager, originator_views="Agreed")
    run_flag_pass(now=london(2026, 3, 10))
    assert not open_flag("restriction_review_due").exists()


def test_deficiency_not_put_right_is_flagged_until_marked_done(deficiency, practitioner):
    run_flag_pass(now=london(2026, 3, 3, 8))
    flag = open_flag("audit_deficiency_overdue").get()
    assert (flag.audit_deficiency, flag.owner) == (deficiency, practitioner)

    AuditDeficiency.objects.filter(pk=deficiency.pk).update(done_at=london(2026, 3, 3, 9))
    run_flag_pass(now=london(2026, 3, 3, 10))
    assert not open_flag("audit_deficiency_overdue").exists()


def test_unreturned_paper_file_is_flagged_to_who_took_it_until_returned(removal, practitioner):
    run_flag_pass(now=london(2026, 3, 3, 8))
    flag = open_flag("paper_file_not_returned").get()
    assert (flag.paper_file_removal, flag.owner) == (removal, practitioner)
    assert run_flag_pass(now=london(2026, 3, 3, 8))["paper_file_not_returned"] == (0, 0)

    PaperFileRemoval.objects.filter(pk=removal.pk).update(returned_at=london(2026, 3, 3, 9))
    run_flag_pass(now=london(2026, 3, 3, 10))
    assert not open_flag("paper_file_not_returned").exists()


def test_unapproved_removal_is_not_flagged(removal):
    PaperFileRemoval.objects.filter(pk=removal.pk).update(approved_at=None, approved_by=None)
    run_flag_pass(now=london(2026, 3, 10))
    assert not open_flag("paper_file_not_returned").exists()


def test_new_subject_columns_are_fixed_once_a_flag_is_open(restriction, deficiency):
    run_flag_pass(now=london(2026, 3, 3, 8))
    flag = open_flag("restriction_review_due").get()
    with pytest.raises(Exception, match="a flag can only be closed, once"), transaction.atomic():
        Flag.objects.filter(pk=flag.pk).update(restriction=None, audit_deficiency=deficiency)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(kind="x", child=flag.child, restriction=restriction, audit_deficiency=deficiency,
                            due_at=flag.due_at)


def test_flags_link_to_where_the_work_is_done(restriction, manager, child):
    from records.templatetags.flags import flag_url
    run_flag_pass(now=london(2026, 3, 3, 8))
    flag = open_flag("restriction_review_due").get()
    assert flag_url(flag) == f"/children/{child.local_id}/restrictions/{restriction.pk}/review/"

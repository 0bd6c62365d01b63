"""The timeliness engine flags a subject access request near (7 days) or past its deadline, until it is
released, closed or extended; the flag points at the request and belongs to the manager who took it."""

from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import IntegrityError, connection, transaction

from access.models import SubjectAccessRequest
from records.timeliness.digests import send_daily_digests
from records.models import Flag
from records.sharing.subject_access import change_status, extend_deadline, release_subject_access
from records.timeliness.services import run_flag_pass
from records.calendar.working_days import LONDON
from tests.conftest import client_for
from tests.govuk_html import texts
from tests.records.sharing.sharing_builders import bundle, identity_checked_sar, sar, today

KIND = "subject_access_due"
LABEL = "Subject access request near or past its deadline"


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def open_flags():
    return Flag.objects.filter(kind=KIND, closed_at__isnull=True)


@pytest.fixture
def request_(child, manager):
    return sar(child, manager, received_on=date(2026, 1, 31))  # due Saturday 28 February 2026


def test_flag_opens_seven_days_before_the_deadline_and_not_before(request_, manager, child):
    run_flag_pass(now=london(2026, 2, 20, 23, 59))
    assert not open_flags().exists()

    run_flag_pass(now=london(2026, 2, 21, 0, 0))

    flag = open_flags().get()
    assert (flag.subject_access_request, flag.child, flag.owner) == (request_, child, manager)
    assert flag.entry is None and flag.case is None
    assert flag.due_at == london(2026, 3, 1, 0, 0)  # the end of the deadline day in London


def test_flag_stays_open_past_the_deadline_and_the_pass_twice_changes_nothing(request_):
    run_flag_pass(now=london(2026, 2, 25, 9))
    flag = open_flags().get()
    run_flag_pass(now=london(2026, 3, 20, 9))
    again = run_flag_pass(now=london(2026, 3, 20, 9))
    assert open_flags().get() == flag
    assert again[KIND] == (0, 0)


def test_due_time_is_london_midnight_in_summer_too(child, manager):
    sar(child, manager, received_on=date(2026, 6, 10))  # due 10 July, in British Summer Time
    run_flag_pass(now=london(2026, 7, 8, 12))
    assert open_flags().get().due_at == london(2026, 7, 11, 0, 0)


def test_flag_closes_when_the_request_is_released(child, manager):
    request = identity_checked_sar(child, manager, received_on=date(2026, 10, 30))
    run_flag_pass(now=london(2026, 11, 24, 9))
    assert open_flags().filter(subject_access_request=request).exists()

    release_subject_access(request=request, by=manager, pdf_job=bundle(request, manager))
    run_flag_pass(now=london(2026, 11, 24, 10))

    flag = Flag.objects.get(kind=KIND)
    assert flag.closed_at == london(2026, 11, 24, 10) and "no longer due" in flag.closed_reason


def test_flag_closes_when_the_request_is_closed_without_release(request_, manager):
    run_flag_pass(now=london(2026, 2, 25, 9))
    change_status(request=request_, by=manager, status=SubjectAccessRequest.Status.CLOSED, note="Withdrawn")
    run_flag_pass(now=london(2026, 2, 25, 10))
    assert not open_flags().exists()


def test_an_extension_beyond_the_next_seven_days_closes_the_flag(request_, manager):
    run_flag_pass(now=london(2026, 2, 25, 9))
    extend_deadline(request=request_, by=manager, extended_to=date(2026, 4, 30), reason="Complex record")
    run_flag_pass(now=london(2026, 2, 25, 10))
    assert not open_flags().exists()
    run_flag_pass(now=london(2026, 4, 23, 0, 0))
    assert open_flags().get().due_at == london(2026, 5, 1, 0, 0)


def test_a_short_extension_replaces_the_flag_with_one_due_at_the_new_deadline(request_, manager):
    run_flag_pass(now=london(2026, 2, 25, 9))
    first = open_flags().get()
    extend_deadline(request=request_, by=manager, extended_to=date(2026, 3, 3), reason="Waiting for a redaction")

    run_flag_pass(now=london(2026, 2, 25, 10))

    first.refresh_from_db()
    assert first.closed_at == london(2026, 2, 25, 10)
    assert open_flags().get().due_at == london(2026, 3, 4, 0, 0)
    assert Flag.objects.filter(kind=KIND).count() == 2


def test_each_request_has_its_own_flag(child, manager):
    for requester in ("Grace Okoye", "Amara Okoye"):
        sar(child, manager, requester_name=requester, received_on=date(2026, 1, 31))
    run_flag_pass(now=london(2026, 2, 25, 9))
    assert open_flags().count() == 2


def test_the_database_refuses_a_second_open_flag_for_the_same_request(request_):
    run_flag_pass(now=london(2026, 2, 25, 9))
    flag = open_flags().get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(kind=KIND, child=flag.child, subject_access_request=request_, due_at=flag.due_at)


def test_the_database_refuses_a_flag_with_two_subjects(request_, child):
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(kind=KIND, child=child, subject_access_request=request_, case=child.cases.get(),
                            due_at=london(2026, 3, 1))


def test_the_database_refuses_moving_a_flag_to_another_request(request_, child, manager):
    other = sar(child, manager, requester_name="Someone else", received_on=date(2026, 1, 30))
    run_flag_pass(now=london(2026, 2, 25, 9))
    flag = open_flags().get(subject_access_request=request_)
    with pytest.raises(Exception, match="only be closed"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE records_flag SET subject_access_request_id = %s, closed_at = now() WHERE id = %s",
                       [other.pk, flag.pk])


def test_the_record_and_the_managers_caseload_show_the_flag_with_the_days_left(child, manager):
    near = sar(child, manager, received_on=today() + timedelta(days=3) - relativedelta(months=1))
    run_flag_pass()
    assert open_flags().filter(subject_access_request=near).exists()
    days_left = (near.deadline - today()).days

    record = client_for(manager).get(f"/children/{child.local_id}/")

    assert LABEL in texts(record, "govuk-table__cell")
    expected = f"Due in {days_left} day{'s' if days_left != 1 else ''}" if days_left else "Due today"
    assert expected in texts(record, "govuk-tag")
    assert near.deadline.strftime("%-d %b %Y") in texts(record, "govuk-table__cell")
    assert LABEL in client_for(manager).get("/caseload/").content.decode()  # "Your overdue work": the manager owns it


def test_the_digest_says_how_long_is_left(child, manager):
    sar(child, manager, received_on=date(2026, 1, 31))
    run_flag_pass(now=london(2026, 2, 25, 9))
    send_daily_digests(now=london(2026, 2, 25, 9))
    body = next(message.body for message in mail.outbox if manager.email in message.to)
    assert f"{child.local_id}: {LABEL}, due in 3 days" in body

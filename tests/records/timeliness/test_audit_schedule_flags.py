"""§13: each team has an audit schedule (how many records a month, set in admin); a month whose samples
draw fewer becomes a flag for the team's manager, pointing at the schedule (a flag about no one child)."""

from datetime import date, datetime

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse

from records.calendar.working_days import LONDON
from records.models import AuditSample, AuditSchedule, Flag, RecordAudit
from records.timeliness.digests import _lines
from records.timeliness.services import run_flag_pass
from tests.conftest import client_for

KIND = "audit_sample_missing"


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def open_flags():
    return Flag.objects.filter(kind=KIND, closed_at__isnull=True)


@pytest.fixture
def schedule(assessment_team, manager):
    return AuditSchedule.objects.create(team=assessment_team, records_per_month=2, starts_on=date(2026, 2, 1))


def sample(team, manager, children, practitioner, start, end):
    drawn = AuditSample.objects.create(team=team, drawn_by=manager, period_start=start, period_end=end,
                                       per_practitioner=len(children), seed=7)
    for position, child in enumerate(children, start=1):
        RecordAudit.objects.create(sample=drawn, child=child, practitioner=practitioner, position=position)
    return drawn


def test_a_month_without_its_sample_is_flagged_for_the_manager(schedule, manager):
    run_flag_pass(now=london(2026, 3, 31, 23, 59))  # February had none, but March is not over
    flag = open_flags().get()
    assert (flag.audit_schedule, flag.child, flag.owner, flag.due_at) == (schedule, None, manager, london(2026, 3, 1))


def test_a_month_with_enough_records_drawn_is_not_flagged(schedule, manager, child, other_child, practitioner,
                                                          assessment_team):
    sample(assessment_team, manager, [child, other_child], practitioner, date(2026, 2, 1), date(2026, 3, 31))
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert not open_flags().exists()


def test_too_few_records_drawn_is_flagged(schedule, manager, child, practitioner, assessment_team):
    sample(assessment_team, manager, [child], practitioner, date(2026, 3, 1), date(2026, 3, 31))
    run_flag_pass(now=london(2026, 4, 1, 9))
    assert open_flags().filter(due_at=london(2026, 4, 1)).count() == 1


def test_a_late_draw_for_the_month_puts_it_right(schedule, manager, child, other_child, practitioner,
                                                 assessment_team):
    run_flag_pass(now=london(2026, 4, 2, 9))
    flag = open_flags().get(due_at=london(2026, 4, 1))
    sample(assessment_team, manager, [child, other_child], practitioner, date(2026, 3, 9), date(2026, 3, 20))
    run_flag_pass(now=london(2026, 4, 2, 10))
    assert Flag.objects.get(pk=flag.pk).closed_at == london(2026, 4, 2, 10)


def test_each_missed_month_is_a_flag_of_its_own(schedule, manager):
    run_flag_pass(now=london(2026, 3, 1, 9))
    february = open_flags().get()
    run_flag_pass(now=london(2026, 5, 1, 9))
    assert sorted(open_flags().values_list("due_at", flat=True)) == [
        london(2026, 3, 1), london(2026, 4, 1), london(2026, 5, 1)]
    assert Flag.objects.get(pk=february.pk).closed_at is None  # a later month does not excuse an earlier one


def test_every_month_missed_since_the_schedule_began_is_flagged_once(assessment_team, manager, child, other_child,
                                                                      practitioner):
    """§13: the pass looks at every month since the schedule began, not only last month; run twice (or after
    a worker died mid-pass) it opens no second flag for a month."""
    schedule = AuditSchedule.objects.create(team=assessment_team, records_per_month=2, starts_on=date(2025, 11, 1))
    sample(assessment_team, manager, [child, other_child], practitioner, date(2026, 1, 5), date(2026, 1, 30))
    run_flag_pass(now=london(2026, 4, 10, 9))
    run_flag_pass(now=london(2026, 4, 10, 10))
    months = sorted(open_flags().filter(audit_schedule=schedule).values_list("due_at", flat=True))
    # November, December, February and March were missed; January's sample was drawn.
    assert months == [london(2025, 12, 1), london(2026, 1, 1), london(2026, 3, 1), london(2026, 4, 1)]
    assert Flag.objects.filter(kind=KIND).count() == 4
    page = client_for(manager).get("/audits/").content.decode()
    assert "the samples for November 2025 drew fewer than 2 records" in page
    assert "the samples for January 2026" not in page


def test_the_database_refuses_a_second_open_flag_for_the_same_month(schedule, manager):
    run_flag_pass(now=london(2026, 3, 2, 9))
    flag = open_flags().get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(kind=KIND, audit_schedule=schedule, owner=manager, due_at=flag.due_at)


def test_no_flag_before_the_schedule_starts(assessment_team, manager):
    AuditSchedule.objects.create(team=assessment_team, records_per_month=2, starts_on=date(2026, 4, 1))
    run_flag_pass(now=london(2026, 4, 20, 9))
    assert not open_flags().exists()
    run_flag_pass(now=london(2026, 5, 1, 9))
    assert open_flags().count() == 1


def test_the_manager_sees_it_on_record_audits_and_in_the_digest(schedule, manager, practitioner):
    run_flag_pass(now=london(2026, 4, 1, 9))
    page = client_for(manager).get("/audits/").content.decode()
    assert "Assessment Team: the samples for March 2026 drew fewer than 2 records" in page
    assert "Assessment Team: the samples" not in client_for(practitioner).get(reverse("casework:caseload")).content.decode()
    lines = _lines(open_flags().filter(due_at=london(2026, 4, 1)), london(2026, 4, 3, 9))
    assert lines == ["Assessment Team: A month's audit sample not drawn, 2 days overdue"]


def test_only_a_schedules_flag_may_have_no_child(schedule, child):
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(kind="test", child=None, case=child.cases.get(), due_at=london(2026, 4, 1))


def test_a_schedule_is_changed_never_deleted(schedule):
    schedule.records_per_month = 4
    schedule.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditSchedule.objects.filter(pk=schedule.pk).delete()


def test_the_admin_sets_the_schedule(admin_user, assessment_team):
    response = client_for(admin_user).post("/admin/records/auditschedule/add/", {
        "team": assessment_team.pk, "records_per_month": 3, "starts_on": "01/05/2026"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditSchedule.objects.get().records_per_month == 3
    refused = client_for(admin_user).post("/admin/records/auditschedule/add/", {
        "team": assessment_team.pk, "records_per_month": 3, "starts_on": "15/05/2026"})
    assert "A schedule starts on the first day of a month." in refused.content.decode()


@pytest.mark.parametrize("months_missed", [1, 14])
def test_the_audits_page_reads_a_fixed_number_of_queries_however_many_months_are_flagged(
        assessment_team, manager, months_missed, django_assert_max_num_queries):
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone
    this_month = timezone.localdate().replace(day=1)
    AuditSchedule.objects.create(team=assessment_team, records_per_month=1,
                                 starts_on=this_month - relativedelta(months=months_missed))
    run_flag_pass()
    assert open_flags().count() == months_missed
    client = client_for(manager)
    client.get("/audits/")  # warm
    from tests.records.oversight.test_audit_query_counts import AUDIT_PAGE_QUERIES
    with django_assert_max_num_queries(AUDIT_PAGE_QUERIES):
        page = client.get("/audits/").content.decode()
    assert page.count("drew fewer than 1 record,") == months_missed

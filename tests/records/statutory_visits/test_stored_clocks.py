"""Each open case's next statutory visit is stored (NextVisit) so that pages read it with an index instead of
working every clock out again. The stored value must always be what the record says: each service that changes
what it is worked out from keeps it, the hourly pass puts right anything else, and reading it costs the same
number of queries however many cases there are."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from casework.basic_record import services as basic_record
from casework.children.services import close_case
from casework.models import Case
from records.models import NextVisit, VisitRule
from records.plans import services as plans
from records.statutory_visits.selectors import worked_out_for_cases
from records.statutory_visits.services import refresh_all
from records.timeliness.services import run_flag_pass
from tests.casework.children.test_query_counts import allocate_many
from tests.conftest import client_for, complete_closing_summary, open_record
from tests.factories import LegalStatusFactory, PlacementFactory, PlanFactory
from tests.records.entries.test_recording_visits import completed_visit
from tests.records.statutory_visits.visit_builders import visit_on


def _stored(child):
    return NextVisit.objects.filter(child=child, case__closure_date__isnull=True).values_list(
        "due_on", "rule_code", "status", "last_seen_on", "plan_type").first()


def _worked_out(child):
    rows = worked_out_for_cases(Case.objects.filter(child=child))
    return (rows[0].due_on, rows[0].rule.code, rows[0].status, rows[0].last_seen_on, rows[0].plan_type) if rows else None


def _assert_right(child):
    """The stored clock is what the record says now (and the record says something)."""
    assert _stored(child) == _worked_out(child)


def test_opening_a_case_starts_its_clock_at_the_referral(child):
    referral = child.cases.get().referral_date
    assert _stored(child) == (referral + timedelta(weeks=4), "child_in_need", "Child in need", None, "child_in_need")


def test_completing_a_visit_through_the_service_moves_the_clock(child, practitioner):
    before = _stored(child)
    visit = completed_visit(child, practitioner)
    seen_on = timezone.localdate(visit.event_at)
    assert _stored(child) != before
    assert _stored(child)[0] == seen_on + timedelta(weeks=4) and _stored(child)[3] == seen_on
    _assert_right(child)


def test_starting_a_plan_and_changing_its_type_change_the_rule(child, practitioner):
    visit_on(child, practitioner, timezone.localdate() - timedelta(days=3), alone=True)
    plan = PlanFactory(child=child, by=practitioner, plan_type="child_in_need")
    assert _stored(child)[1] == "child_in_need"
    plans.change_plan_type(plan=plan, by=practitioner, plan_type="child_protection", reason="Conference decided")
    assert _stored(child)[1:3] == ("child_protection", "Child protection plan")
    assert _stored(child)[4] == "child_protection"
    _assert_right(child)


def test_a_placement_started_corrected_and_ended_moves_the_clock(child, practitioner):
    today = timezone.localdate()
    placement = PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=3))
    assert _stored(child)[:3] == (today - timedelta(days=3) + timedelta(weeks=1), "new_placement", "Looked after")
    placement = basic_record.correct_item(item=placement, by=practitioner, child=child, reason="Wrong day",
                                          start_date=today - timedelta(days=2))
    assert _stored(child)[0] == today - timedelta(days=2) + timedelta(weeks=1)
    basic_record.end_item(item=placement, by=practitioner, end_date=today - timedelta(days=1), end_reason="Went home")
    assert _stored(child)[1] == "child_in_need"
    _assert_right(child)


def test_a_legal_status_that_makes_a_child_looked_after_moves_the_clock(child, practitioner):
    start = timezone.localdate() - timedelta(days=2)
    LegalStatusFactory(child=child, by=practitioner, status="s20", start_date=start)
    assert _stored(child)[:2] == (start + timedelta(weeks=1), "new_placement")
    _assert_right(child)


def test_closing_a_case_removes_its_clock(child, practitioner, manager):
    case = child.cases.get()
    complete_closing_summary(case, practitioner)
    close_case(case=case, by=manager, closure_date=timezone.localdate(), closure_reason="RC7", closure_notes="")
    assert not NextVisit.objects.filter(case=case).exists()


def test_a_closure_day_added_in_the_admin_moves_visits_counted_in_working_days(child, practitioner, admin_user):
    PlanFactory(child=child, by=practitioner, plan_type="child_protection")
    visit_on(child, practitioner, date(2026, 3, 30), alone=True)  # due Wednesday 15 April 2026 (Easter)
    assert _stored(child)[0] == date(2026, 4, 15)
    response = client_for(admin_user).post(reverse("admin:records_closureday_add"), {
        "day": "2026-04-14", "description": "Council closed"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _stored(child)[0] == date(2026, 4, 16)


def test_a_rule_changed_in_the_admin_moves_every_case_under_it(child, other_child, practitioner, administrator):
    administrator.is_staff = True
    administrator.save()
    rule = VisitRule.objects.get(code="child_in_need")
    client_for(administrator).post(reverse("admin:records_visitrule_change", args=[rule.pk]), {
        "interval": "3", "unit": "weeks", "source": rule.source})
    for someone in (child, other_child):
        assert _stored(someone)[0] == someone.cases.get().referral_date + timedelta(weeks=3)
        _assert_right(someone)


def test_the_hourly_pass_puts_right_a_stored_clock_and_a_pass_with_nothing_changed_writes_nothing(
        child, other_child, practitioner):
    NextVisit.objects.filter(child=child).update(due_on=date(2030, 1, 1))  # as if a change had been missed
    NextVisit.objects.filter(child=other_child).delete()
    run_flag_pass()
    _assert_right(child)
    _assert_right(other_child)
    stamps = list(NextVisit.objects.order_by("pk").values_list("worked_out_at", flat=True))
    assert refresh_all() == (0, 0)
    run_flag_pass()
    assert list(NextVisit.objects.order_by("pk").values_list("worked_out_at", flat=True)) == stamps


def test_a_case_closed_without_the_service_loses_its_clock_at_the_next_pass(child):
    Case.objects.filter(child=child).update(closure_date=timezone.localdate(), closure_reason="RC7")
    assert refresh_all() == (0, 1)
    assert not NextVisit.objects.exists()


def test_a_new_referral_through_the_service_is_stored(assessment_team, manager):
    someone = open_record(team=assessment_team, manager=manager, first_name="Noah", last_name="Evans")
    _assert_right(someone)


def test_pages_read_the_stored_clock_in_the_same_queries_however_many_cases(
        practitioner, manager, assessment_team, django_assert_max_num_queries):
    from casework.models import Child
    from records.statutory_visits.selectors import due_by_child, visit_totals_for_workers, visits_due_for

    counts = []
    for count in (3, 20):
        children = allocate_many(count, team=assessment_team, worker=practitioner, by=manager)
        with django_assert_max_num_queries(2) as rows:  # the rows with their children, the rules
            due = visits_due_for(practitioner, within_days=3650, allocated_to=practitioner)
        with django_assert_max_num_queries(2) as by_child:
            assert len(due_by_child(children)) == count
        with django_assert_max_num_queries(1) as figures:
            visit_totals_for_workers([practitioner.pk], within_days=3650, children=Child.objects.visible_to(practitioner))
        counts.append((len(rows.captured_queries), len(by_child.captured_queries), len(figures.captured_queries)))
        assert {row.child for row in due} >= set(children)
    assert counts[0] == counts[1]


def test_the_command_works_every_clock_out_again_and_says_what_it_wrote(child, other_child):
    from io import StringIO

    from django.core.management import call_command

    NextVisit.objects.filter(child=child).update(due_on=date(2030, 1, 1))
    out = StringIO()
    call_command("refresh_visit_clocks", stdout=out)
    assert "1 written, 0 removed" in out.getvalue()
    _assert_right(child)

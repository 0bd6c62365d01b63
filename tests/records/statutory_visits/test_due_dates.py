"""When the next statutory visit is due: each kind of case, the new placement rule, who must be seen (alone),
working days (weekends, bank holidays, closure days), and a senior leader's or administrator's change of a rule."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from casework.banner.selectors import banner_for
from records.models import VisitRule
from records.plans import services as plans
from records.statutory_visits.selectors import next_visit_due
from records.statutory_visits.services import refresh_all
from tests.conftest import client_for
from tests.factories import ClosureDayFactory, LegalStatusFactory, PlacementFactory, PlanFactory
from tests.records.statutory_visits.visit_builders import visit_on


def _due(child, today=None):
    return next_visit_due(child, today=today or timezone.localdate())


def test_the_rules_are_seeded_with_their_defaults_and_sources(db):
    rules = {rule.code: rule for rule in VisitRule.objects.all()}
    assert [(rules[c].interval, rules[c].unit, rules[c].child_seen_alone) for c in
            ("child_in_need", "child_protection", "new_placement", "looked_after_first_year", "looked_after",
             "care_leaver")] == [
        (4, "weeks", False), (10, "working_days", True), (1, "weeks", False), (6, "weeks", True),
        (3, "months", True), (8, "weeks", False)]
    assert "regulation 28" in rules["new_placement"].source
    assert "Care Planning, Placement and Case Review (England) Regulations 2010" in rules["looked_after"].source
    assert all(rule.source for rule in rules.values())


def test_child_in_need_is_visited_four_weeks_after_the_last_visit_the_child_was_seen(child, practitioner):
    seen_on = timezone.localdate() - timedelta(days=10)
    visit_on(child, practitioner, seen_on)
    due = _due(child)
    assert (due.rule.code, due.status, due.due_on, due.last_seen_on) == (
        "child_in_need", "Child in need", seen_on + timedelta(weeks=4), seen_on)
    assert not due.is_overdue and due.days_left == 18


def test_without_a_visit_the_clock_starts_at_the_referral(child):
    referral = child.cases.get().referral_date
    due = _due(child)
    assert due.due_on == referral + timedelta(weeks=4) and due.last_seen_on is None
    assert due.days_overdue == (timezone.localdate() - due.due_on).days > 0


def test_a_visit_where_the_child_was_not_seen_or_not_yet_completed_does_not_count(child, practitioner):
    today = timezone.localdate()
    visit_on(child, practitioner, today - timedelta(days=20))
    visit_on(child, practitioner, today - timedelta(days=5), seen=False)
    visit_on(child, practitioner, today - timedelta(days=3), status="draft")
    assert _due(child).due_on == today - timedelta(days=20) + timedelta(weeks=4)


def test_child_protection_counts_ten_working_days_past_weekends_and_bank_holidays(child, practitioner):
    PlanFactory(child=child, by=practitioner, plan_type="child_protection")
    # Monday 30 March 2026, seen alone; Good Friday (3 April) and Easter Monday (6 April) do not count.
    visit_on(child, practitioner, date(2026, 3, 30), alone=True)
    due = _due(child, today=date(2026, 4, 8))
    assert (due.rule.code, due.status, due.due_on) == ("child_protection", "Child protection plan", date(2026, 4, 15))
    ClosureDayFactory(day=date(2026, 4, 14), description="Council closed")
    assert _due(child, today=date(2026, 4, 8)).due_on == date(2026, 4, 16)


def test_a_visit_at_the_weekend_counts_working_days_from_the_monday(child, practitioner):
    PlanFactory(child=child, by=practitioner, plan_type="child_protection")
    visit_on(child, practitioner, date(2026, 5, 16), alone=True)  # a Saturday
    # Ten working days after Saturday 16 May 2026: Monday 18 to Friday 29 May, less the Spring bank holiday (25 May).
    assert _due(child, today=date(2026, 5, 20)).due_on == date(2026, 6, 1)


def test_child_protection_visits_count_only_when_the_child_was_seen_alone(child, practitioner):
    PlanFactory(child=child, by=practitioner, plan_type="child_protection")
    alone_on = date(2026, 6, 1)
    visit_on(child, practitioner, alone_on, alone=True)
    visit_on(child, practitioner, date(2026, 6, 8), alone=False)  # seen, with a parent in the room
    assert _due(child, today=date(2026, 6, 9)).last_seen_on == alone_on
    rule = VisitRule.objects.get(code="child_protection")
    rule.child_seen_alone = False
    rule.save()
    refresh_all()  # as saving the rule in the admin does
    assert _due(child, today=date(2026, 6, 9)).last_seen_on == date(2026, 6, 8)


def test_a_new_placement_is_visited_within_a_week(child, practitioner):
    today = timezone.localdate()
    visit_on(child, practitioner, today - timedelta(days=5), alone=True)  # before the move: does not count
    placed = today - timedelta(days=3)
    PlacementFactory(child=child, by=practitioner, start_date=placed)
    due = _due(child)
    assert (due.rule.code, due.status, due.due_on) == ("new_placement", "Looked after", placed + timedelta(weeks=1))


def test_in_the_first_year_of_a_placement_every_six_weeks_then_every_three_months(child, practitioner):
    today = timezone.localdate()
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=100))
    seen_on = today - timedelta(days=10)
    visit_on(child, practitioner, seen_on, alone=True)
    due = _due(child)
    assert (due.rule.code, due.due_on) == ("looked_after_first_year", seen_on + timedelta(weeks=6))


def test_after_the_first_year_of_a_long_term_placement_every_three_months(child, practitioner):
    today = timezone.localdate()
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=800), long_term=True)
    seen_on = today - timedelta(days=10)
    visit_on(child, practitioner, seen_on, alone=True)
    visit_on(child, practitioner, today - timedelta(days=2), alone=False)  # not alone: does not count
    due = _due(child)
    assert (due.rule.code, due.due_on) == ("looked_after", seen_on + relativedelta(months=3))


def test_after_the_first_year_of_a_placement_not_meant_to_last_until_18_still_every_six_weeks(child, practitioner):
    """Regulation 28: three-monthly visits only where the placement is intended to last until the child is 18."""
    today = timezone.localdate()
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=800), long_term=False)
    seen_on = today - timedelta(days=10)
    visit_on(child, practitioner, seen_on, alone=True)
    due = _due(child)
    assert (due.rule.code, due.due_on) == ("looked_after_first_year", seen_on + timedelta(weeks=6))


def test_in_the_first_year_of_a_long_term_placement_still_every_six_weeks(child, practitioner):
    today = timezone.localdate()
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=100), long_term=True)
    seen_on = today - timedelta(days=10)
    visit_on(child, practitioner, seen_on, alone=True)
    assert _due(child).due_on == seen_on + timedelta(weeks=6)


def test_only_the_current_placement_says_whether_it_is_long_term(child, practitioner):
    """A long-term placement that ended does not carry its three-monthly visits into the next placement."""
    today = timezone.localdate()
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=900), long_term=True,
                     end_date=today - timedelta(days=401), end_reason="Moved")
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=400), long_term=False)
    seen_on = today - timedelta(days=10)
    visit_on(child, practitioner, seen_on, alone=True)
    assert (_due(child).rule.code, _due(child).due_on) == ("looked_after_first_year", seen_on + timedelta(weeks=6))


def test_a_child_looked_after_by_legal_status_alone_stays_six_weekly_after_the_first_year(child, practitioner):
    today = timezone.localdate()
    LegalStatusFactory(child=child, by=practitioner, status="care_order", start_date=today - timedelta(days=800))
    seen_on = today - timedelta(days=10)
    visit_on(child, practitioner, seen_on, alone=True)
    assert _due(child).due_on == seen_on + timedelta(weeks=6)


def test_a_child_looked_after_by_legal_status_alone_follows_the_looked_after_rules(child, practitioner):
    start = timezone.localdate() - timedelta(days=2)
    LegalStatusFactory(child=child, by=practitioner, status="s20", start_date=start)
    due = _due(child)
    assert (due.status, due.rule.code, due.due_on) == ("Looked after", "new_placement", start + timedelta(weeks=1))


@pytest.mark.parametrize("status", ["epo", "police_protection"])
def test_an_emergency_protection_order_or_police_protection_counts_as_looked_after_as_on_the_banner(
        child, practitioner, status):
    """One list of looked-after legal statuses for the banner and the visit rules (SSDA903's L1 and L2)."""
    start = timezone.localdate() - timedelta(days=2)
    LegalStatusFactory(child=child, by=practitioner, status=status, start_date=start)
    due = _due(child)
    assert (due.status, due.rule.code) == ("Looked after", "new_placement")
    assert banner_for(practitioner, child).status.startswith("Looked after")


def test_a_legal_status_that_does_not_make_the_child_looked_after_changes_nothing(child, practitioner):
    LegalStatusFactory(child=child, by=practitioner, status="child_arrangements_order",
                       start_date=timezone.localdate() - timedelta(days=2))
    assert _due(child).rule.code == "child_in_need"


def test_looked_after_on_a_child_protection_plan_takes_the_earlier_visit(child, practitioner):
    today = timezone.localdate()
    PlanFactory(child=child, by=practitioner, plan_type="child_protection")
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=100))
    visit_on(child, practitioner, today - timedelta(days=1), alone=True)
    due = _due(child)
    assert due.rule.code == "child_protection" and due.status == "Looked after, child protection plan"


def test_a_care_leaver_is_visited_every_eight_weeks(child, practitioner):
    PlanFactory(child=child, by=practitioner, plan_type="pathway")
    seen_on = timezone.localdate() - timedelta(days=3)
    visit_on(child, practitioner, seen_on)
    due = _due(child)
    assert (due.rule.code, due.status, due.due_on) == ("care_leaver", "Care leaver", seen_on + timedelta(weeks=8))


def test_changing_the_type_of_plan_changes_the_rule(child, practitioner):
    plan = PlanFactory(child=child, by=practitioner)
    assert _due(child).rule.code == "child_in_need"
    plans.change_plan_type(plan=plan, by=practitioner, plan_type="child_protection",
                           reason="Initial child protection conference decided on a plan")
    assert _due(child).rule.code == "child_protection"
    assert plan.history.first().history_change_reason.startswith("Type of plan changed: Initial child protection")


def test_a_child_without_an_open_case_has_no_visit_due(child, practitioner, manager):
    from casework.models import Case

    Case.objects.filter(child=child).update(closure_date=timezone.localdate(), closure_reason="RC7")
    assert next_visit_due(child) is None


@pytest.mark.parametrize("who", ["administrator", "senior"])
def test_a_senior_leader_or_administrator_changes_an_interval_in_the_admin_and_the_due_date_follows(
        who, request, child, practitioner):
    user = request.getfixturevalue(who)
    user.is_staff = True
    user.save()
    seen_on = timezone.localdate() - timedelta(days=3)
    visit_on(child, practitioner, seen_on)
    rule = VisitRule.objects.get(code="child_in_need")
    response = client_for(user).post(reverse("admin:records_visitrule_change", args=[rule.pk]), {
        "interval": "2", "unit": "weeks", "source": rule.source})
    assert response.status_code == 302
    assert _due(child).due_on == seen_on + timedelta(weeks=2)
    assert rule.history.first().history_user == user


def test_nobody_adds_or_deletes_a_rule_in_the_admin(administrator):
    rule = VisitRule.objects.get(code="child_in_need")
    client = client_for(administrator)
    assert client.get(reverse("admin:records_visitrule_add")).status_code == 403
    assert client.post(reverse("admin:records_visitrule_delete", args=[rule.pk]), {"post": "yes"}).status_code == 403
    assert VisitRule.objects.filter(pk=rule.pk).exists()


def test_a_practitioner_cannot_change_a_rule(practitioner):
    practitioner.is_staff = True
    practitioner.save()
    rule = VisitRule.objects.get(code="child_in_need")
    response = client_for(practitioner).post(reverse("admin:records_visitrule_change", args=[rule.pk]), {
        "interval": "52", "unit": "weeks", "source": rule.source})
    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.interval == 4

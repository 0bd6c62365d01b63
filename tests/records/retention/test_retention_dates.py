"""Issue 18: each child's retention date, worked out by rule when the last case closes; a new case clears it.
The rules are data in the admin, each citing its regulation, kept by administrators and never deleted."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from access.staff import roles
from casework.basic_record.services import add_item
from casework.children.services import record_new_referral
from casework.models import LegalStatus, Placement
from records.documents.services import add_section_record
from records.retention.models import ChildRetention, RetentionRule
from tests.conftest import client_for, open_record
from tests.factories import make_staff
from tests.records.retention.retention_builders import close_every_case


@pytest.fixture
def young_child(assessment_team, manager, practitioner):
    return open_record(team=assessment_team, manager=manager, worker=practitioner, dob=date(2016, 5, 17))


def test_the_three_rules_are_loaded_each_citing_its_regulation(db):
    rules = {rule.code: rule for rule in RetentionRule.objects.all()}
    assert set(rules) == {"adoption", "looked_after", "other"}
    assert rules["looked_after"].years_from_birth == 75 and rules["looked_after"].years_after_death_under_18 == 15
    assert rules["adoption"].years_from_adoption_order == 100
    assert (rules["other"].years_from_birth, rules["other"].years_after_closure) == (25, 6)
    assert all(rule.regulation for rule in rules.values())
    assert "Adoption Agencies Regulations 2005" in rules["adoption"].regulation


def test_no_date_while_a_case_is_open(young_child):
    assert not ChildRetention.objects.filter(child=young_child, retain_until__isnull=False).exists()


def test_every_other_record_is_kept_to_the_later_of_the_25th_birthday_and_6_years_after_closure(young_child, manager):
    today = timezone.localdate()
    retention = close_every_case(young_child, manager)
    assert retention.rule.code == "other"
    assert retention.retain_until == max(date(2041, 5, 17), today + relativedelta(years=6))
    assert retention.last_closed_on == today


def test_a_child_closed_long_after_their_25th_birthday_is_kept_6_years_after_closure(assessment_team, manager):
    today = timezone.localdate()
    adult = open_record(team=assessment_team, manager=manager, dob=today - relativedelta(years=30))
    retention = close_every_case(adult, manager)
    assert retention.retain_until == today + relativedelta(years=6)


def test_a_child_ever_looked_after_is_kept_to_their_75th_birthday(young_child, manager, practitioner):
    add_item(model=LegalStatus, child=young_child, by=practitioner, status=LegalStatus.Status.SECTION_20,
             start_date=date(2026, 1, 20), end_date=date(2026, 2, 1), end_reason="Returned home")
    retention = close_every_case(young_child, manager)
    assert retention.rule.code == "looked_after"
    assert retention.retain_until == date(2091, 5, 17)


def test_a_looked_after_child_who_died_before_18_is_kept_15_years_after_death(young_child, manager, practitioner):
    add_item(model=Placement, child=young_child, by=practitioner, placement_type="foster_la",
             carer_or_provider="Mr and Mrs Hughes", address="4 Elm Road", start_date=date(2026, 1, 20))
    young_child.date_of_death = date(2026, 2, 10)
    young_child.save()
    retention = close_every_case(young_child, manager)
    assert retention.retain_until == date(2041, 2, 10)


def test_an_adoption_record_is_kept_100_years_from_the_adoption_order(young_child, manager, practitioner):
    add_item(model=Placement, child=young_child, by=practitioner, placement_type="adoption",
             carer_or_provider="Adopters", address="1 High Street", start_date=date(2026, 1, 20))
    add_section_record(section="court_order", child=young_child, by=practitioner, order_type="adoption",
                       court="Family Court at Luton", made_on=date(2026, 2, 2))
    retention = close_every_case(young_child, manager)
    assert retention.rule.code == "adoption"
    assert retention.retain_until == date(2126, 2, 2)


def test_the_councils_period_in_the_admin_applies(young_child, manager):
    RetentionRule.objects.filter(code="other").update(years_from_birth=30)
    retention = close_every_case(young_child, manager)
    assert retention.retain_until == max(date(2046, 5, 17), timezone.localdate() + relativedelta(years=6))


def test_a_new_case_clears_the_date_and_closing_it_works_it_out_again(young_child, manager):
    today = timezone.localdate()
    close_every_case(young_child, manager, on=today - timedelta(days=10))
    ChildRetention.objects.filter(child=young_child).update(kept_until=today + timedelta(days=9000))  # kept longer
    # The child is referred again: a new case on the same record.
    record_new_referral(by=manager, child=young_child, team=manager.staff_profile.team,
                        referral_date=today - timedelta(days=5), referral_source="2A", referral_reason="Referred again")
    retention = ChildRetention.objects.get(child=young_child)
    assert (retention.retain_until, retention.rule_id, retention.kept_until) == (None, None, None)
    retention = close_every_case(young_child, manager)
    assert retention.last_closed_on == today and retention.retain_until is not None


def test_working_it_out_again_writes_nothing_when_nothing_changed(young_child, manager):
    from records.retention.services import recompute

    close_every_case(young_child, manager)
    assert recompute() == 0


def test_administrators_change_a_period_in_the_admin_with_history_and_nobody_deletes(db):
    administrator = make_staff("rules-admin", role=roles.ADMINISTRATOR, is_staff=True)
    rule = RetentionRule.objects.get(code="other")
    client = client_for(administrator)
    url = reverse("admin:records_retentionrule_change", args=[rule.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"name": rule.name, "regulation": rule.regulation, "years_from_birth": 26,
                                 "years_after_closure": 6, "years_from_adoption_order": "",
                                 "years_after_death_under_18": ""})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.years_from_birth == 26 and rule.history.count() >= 1
    assert client.post(reverse("admin:records_retentionrule_delete", args=[rule.pk]), {"post": "yes"}).status_code == 403
    with pytest.raises(DatabaseError), transaction.atomic():
        RetentionRule.objects.filter(pk=rule.pk).delete()
    assert RetentionRule.objects.filter(pk=rule.pk).exists()


def test_a_rule_without_any_period_is_refused_in_the_admin(db):
    administrator = make_staff("rules-admin", role=roles.ADMINISTRATOR, is_staff=True)
    rule = RetentionRule.objects.get(code="other")
    response = client_for(administrator).post(
        reverse("admin:records_retentionrule_change", args=[rule.pk]),
        {"name": rule.name, "regulation": rule.regulation, "years_from_birth": "", "years_after_closure": "",
         "years_from_adoption_order": "", "years_after_death_under_18": ""})
    assert response.status_code == 200
    rule.refresh_from_db()
    assert rule.years_from_birth == 25

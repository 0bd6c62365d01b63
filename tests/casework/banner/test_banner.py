"""The record banner on every page of a child's record: who the child is, their status, allocation, address,
communication needs, alerts and, under emergency access, when it ends. §7: never restricted content."""

from datetime import date, timedelta

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone

from casework.banner.selectors import BANNER_QUERIES, Status, banner_for, derive_status
from tests.casework.basic_record.basic_record_builders import link_as_siblings
from tests.conftest import client_for
from tests.factories import EmergencyAccessFactory, ItemRestrictionFactory, LegalStatusFactory, PlacementFactory
from tests.govuk_html import texts

pytestmark = pytest.mark.django_db


def _banner_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    banners = texts(response, "cw-banner")
    assert len(banners) == 1, "one banner on the page"
    return banners[0]


def _record(child):
    return reverse("casework:child_record", args=[child.local_id])


def test_banner_shows_name_age_id_allocation_and_address(child, practitioner, assessment_team):
    child.interpreter_needed, child.preferred_language = True, "Polish"
    child.save()
    text = _banner_text(client_for(practitioner), _record(child))
    today = timezone.localdate()
    age = today.year - 2016 - ((today.month, today.day) < (5, 17))
    assert child.display_name in text and child.local_id in text
    assert f"Age {age} (born 17 May 2016)" in text
    assert f"{practitioner.get_full_name()}, {practitioner.staff_profile.post_title} ({assessment_team.name})" in text
    assert "Interpreter needed: Polish" in text
    assert "Status Child in need" in text
    # No visit yet: a child in need is due four weeks after the referral (12 January 2026 in `open_record`).
    assert f"Next statutory visit due {date(2026, 2, 9):%-d %B %Y} Overdue" in text


@pytest.mark.parametrize("url_name", ["records:entry_list", "records:chronology", "records:documents",
                                      "records:plan", "records:child_history", "casework:child_family",
                                      "casework:child_cases", "casework:alerts", "casework:communication",
                                      "records:visit_new"])
def test_every_page_of_the_record_opens_with_the_banner(child, practitioner, url_name):
    text = _banner_text(client_for(practitioner), reverse(url_name, args=[child.local_id]))
    assert child.local_id in text and "Child in need" in text


def test_looked_after_child_shows_legal_status_and_placement(child, practitioner):
    LegalStatusFactory(child=child, by=practitioner, status="care_order", start_date=date(2025, 3, 1))
    PlacementFactory(child=child, by=practitioner, carer_or_provider="Mr Hughes", address="4 Elm Road")
    text = _banner_text(client_for(practitioner), _record(child))
    assert "Status Looked after" in text
    assert "Legal status Care order" in text
    assert "Placed with Mr Hughes, 4 Elm Road" in text


def test_care_leaver_is_sixteen_or_over_and_no_longer_looked_after(child, practitioner):
    today = timezone.localdate()
    child.date_of_birth = date(today.year - 17, 1, 1)
    child.save()
    PlacementFactory(child=child, by=practitioner, start_date=today - timedelta(days=400),
                     end_date=today - timedelta(days=10), end_reason="Moved to supported lodgings")
    text = _banner_text(client_for(practitioner), _record(child))
    assert "Status Care leaver" in text


def test_child_protection_plan_comes_from_the_plan_type():
    assert derive_status(has_open_case=True, legal_statuses=[], placements=[], age=8,
                         plan_kind="child_protection") == Status.CHILD_PROTECTION
    assert derive_status(has_open_case=True, legal_statuses=[], placements=[], age=8) == Status.CHILD_IN_NEED
    assert derive_status(has_open_case=False, legal_statuses=[], placements=[], age=8) == ""


def test_restricted_legal_status_never_reaches_someone_who_cannot_see_it(child, practitioner, colleague, manager):
    status = LegalStatusFactory(child=child, by=practitioner, status="interim_care_order")
    ItemRestrictionFactory(item=status, by=practitioner, advised_by=manager)
    seen_by_colleague = _banner_text(client_for(colleague), _record(child))
    assert "Interim care order" not in seen_by_colleague and "Looked after" not in seen_by_colleague
    assert "restricted information you cannot see" in seen_by_colleague
    seen_by_worker = _banner_text(client_for(practitioner), _record(child))
    assert "Interim care order" in seen_by_worker and "Looked after" in seen_by_worker
    assert "This record has information restricted from the child" in seen_by_worker


def test_emergency_access_shows_when_it_ends_and_that_restricted_information_exists_not_what(
        child, practitioner, manager, edt):
    """Decided in issue 16: told that it exists and whom to ask, as the list of entries tells them; never what."""
    status = LegalStatusFactory(child=child, by=practitioner, status="care_order")
    ItemRestrictionFactory(item=status, by=practitioner, advised_by=manager)
    access = EmergencyAccessFactory(user=edt, child=child)
    text = _banner_text(client_for(edt), _record(child))
    ends = timezone.localtime(access.expires_at)
    assert f"Emergency access ends at {ends:%H:%M} on {ends.day} {ends:%B %Y}" in text
    assert "This record has restricted information you cannot see. Ask the allocated worker or their manager." in text
    assert "Care order" not in text and "Looked after" not in text


def test_no_restricted_notice_when_nothing_is_restricted(child, practitioner, edt):
    EmergencyAccessFactory(user=edt, child=child)
    for user in (practitioner, edt):
        assert "Restricted" not in _banner_text(client_for(user), _record(child))


def test_no_emergency_line_for_a_worker_with_a_standing_grant(child, practitioner):
    assert "Emergency access" not in _banner_text(client_for(practitioner), _record(child))


def test_sibling_link_is_an_alert_without_the_siblings_name(child, other_child, practitioner, manager):
    link_as_siblings(child, other_child, manager)
    text = _banner_text(client_for(practitioner), _record(child))
    assert "Brothers or sisters linked 1 linked record" in text
    assert other_child.first_name not in text


def test_banner_queries_do_not_grow_with_the_record(child, practitioner, manager, django_assert_max_num_queries):
    for year in range(2018, 2024):
        LegalStatusFactory(child=child, by=practitioner, status="s20", start_date=date(year, 1, 1),
                           end_date=date(year, 6, 1), end_reason="Went home")
        PlacementFactory(child=child, by=practitioner, start_date=date(year, 1, 1), end_date=date(year, 6, 1),
                         end_reason="Went home")
    from casework.banner import services
    for n in range(5):
        services.add_alert(child=child, by=practitioner, kind="other", wording=f"Alert {n}")
    with django_assert_max_num_queries(BANNER_QUERIES):
        banner = banner_for(practitioner, child)
    assert len(banner.alerts) == 5


def test_cached_template_loader_is_on_with_debug_off(settings):
    assert settings.DEBUG is False
    loaders = engines["django"].engine.template_loaders
    assert [type(loader).__module__ for loader in loaders] == ["django.template.loaders.cached"]

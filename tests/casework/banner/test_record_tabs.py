"""The record page, slimmed: the less used sections are on their own tabs, each a separate address (no
JavaScript needed), each reached through the one door; the record page keeps identity and communication."""

import pytest
from django.urls import reverse

from tests.casework.basic_record.basic_record_builders import basic_record_items
from tests.conftest import client_for
from tests.govuk_html import texts

pytestmark = pytest.mark.django_db

TABS = {
    "casework:child_family": "Family and legal status",
    "casework:child_orders": "Orders, education and health",
    "casework:child_cases": "Cases",
}


def test_record_page_links_each_tab_and_no_longer_holds_their_sections(child, practitioner):
    basic_record_items(child, practitioner, text="Zebra")
    page = client_for(practitioner).get(reverse("casework:child_record", args=[child.local_id]))
    html = page.content.decode()
    nav = texts(page, "moj-sub-navigation")[0]
    for url_name, label in TABS.items():
        assert label in nav and reverse(url_name, args=[child.local_id]) in html
    assert "Zebra" not in html and "Allocation history" not in html and 'id="court-orders"' not in html


def test_family_tab_shows_the_basic_record(child, practitioner):
    basic_record_items(child, practitioner, text="Zebra")
    page = client_for(practitioner).get(reverse("casework:child_family", args=[child.local_id]))
    assert "Ruth Zebra" in page.content.decode()


def test_orders_tab_shows_orders_education_and_health(child, practitioner):
    page = client_for(practitioner).get(reverse("casework:child_orders", args=[child.local_id]))
    assert 'id="court-orders"' in page.content.decode()


def test_cases_tab_shows_the_allocation_history(child, practitioner):
    page = client_for(practitioner).get(reverse("casework:child_cases", args=[child.local_id]))
    assert "Allocation history" in page.content.decode() and practitioner.get_full_name() in page.content.decode()


@pytest.mark.parametrize("url_name", TABS)
def test_each_tab_is_a_404_outside_the_childs_teams(child, other_practitioner, edt, url_name):
    for user in (other_practitioner, edt):
        assert client_for(user).get(reverse(url_name, args=[child.local_id])).status_code == 404

"""'Recently viewed' on My caseload: up to 10 children, most recent first, only those the user may still see."""

import pytest
from django.urls import reverse

from casework.banner.selectors import recently_viewed
from tests.casework.children.test_query_counts import allocate_many
from tests.conftest import client_for
from tests.govuk_html import parse

pytestmark = pytest.mark.django_db


def _listed(client) -> list[str]:
    page = parse(client.get(reverse("records:my_work")).content)  # on My work, the home page
    box = next(el for el in page.iter() if el.attrs.get("id") == "recently-viewed")
    return [el.text() for el in box.iter() if el.tag == "a"]


def test_most_recent_first_and_at_most_ten(assessment_team, practitioner, manager, django_assert_max_num_queries):
    children = allocate_many(12, team=assessment_team, worker=practitioner, by=manager)
    client = client_for(practitioner)
    for child in children:
        client.get(reverse("casework:child_record", args=[child.local_id]))
    client.get(reverse("records:entry_list", args=[children[0].local_id]))  # the first, opened again last
    expected = [children[0]] + children[:2:-1][:9]
    with django_assert_max_num_queries(2):
        assert recently_viewed(practitioner) == expected
    assert _listed(client) == [child.display_name for child in expected]


def test_a_child_they_lost_access_to_drops_out(child, other_child, colleague, assessment_team):
    client = client_for(colleague)
    client.get(reverse("casework:child_record", args=[child.local_id]))
    assert _listed(client) == [child.display_name]
    assessment_team.group.user_set.remove(colleague)
    assert recently_viewed(colleague) == []
    assert child.first_name not in client.get(reverse("casework:caseload")).content.decode()

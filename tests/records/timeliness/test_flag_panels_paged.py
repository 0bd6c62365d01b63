"""The overdue-work panels (the caseload's, the team's, the child's record's, and the dashboard's flags behind a
figure) are paged like the other lists (issue 16): 10 a page (the dashboard's 25), the most overdue first, through the one pagination
template, each panel's page in its own query parameter, and the same number of queries however many flags."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from records.dashboard.figures import FLAG_PAGE_SIZE
from records.templatetags.flags import PAGE_SIZE as PAGE
from tests.conftest import client_for
from tests.factories import DraftEntryFactory, FlagFactory
from tests.govuk_html import parse

pytestmark = pytest.mark.django_db


def flags(child, owner, count: int, *, start: int = 0):
    """`count` open flags on `child` owned by `owner`, the n-th `n + 1` days overdue (each on its own entry)."""
    now = timezone.now()
    for n in range(start, start + count):
        entry = DraftEntryFactory(child=child, recorded_by=owner)
        FlagFactory(child=child, entry=entry, owner=owner, due_at=now - timedelta(days=n + 1, hours=1))


def panel(response, heading: str):
    """(the days overdue of each row, the panel's pagination links) under the panel's heading."""
    root = parse(response.content)
    elements = list(root.iter())
    start = next(i for i, el in enumerate(elements) if el.tag == "h2" and el.text() == heading)
    table = next(el for el in elements[start:] if el.tag == "table")
    days = [int(tag.text().split()[0]) for tag in table.iter() if tag.tag == "strong"]
    after = elements[elements.index(table):]
    nav = next((el for el in after[1:] if el.tag == "nav" or el.tag == "table" or el.tag == "h2"), None)
    links = {a.attrs.get("rel"): a.attrs["href"] for a in nav.iter() if a.tag == "a"} if nav is not None and nav.tag == "nav" else {}
    return days, links


def test_your_overdue_work_is_paged_most_overdue_first(child, practitioner):
    flags(child, practitioner, PAGE + 5)
    client = client_for(practitioner)

    days, links = panel(client.get("/caseload/"), "Your overdue work")
    assert days == list(range(PAGE + 5, 5, -1))  # the PAGE most overdue, most overdue first
    assert set(links) == {"next"} and "overdue=2" in links["next"]

    days, links = panel(client.get("/caseload/" + links["next"].split("#")[0]), "Your overdue work")
    assert days == [5, 4, 3, 2, 1]
    assert set(links) == {"prev"}


def test_turning_one_panels_page_keeps_the_others(child, practitioner, manager):
    flags(child, practitioner, PAGE + 1)
    response = client_for(manager).get("/caseload/", {"page": "1", "team_overdue": "2"})
    days, links = panel(response, "Overdue work in your team")
    assert days == [1]
    assert "page=1" in links["prev"] and "team_overdue=1" in links["prev"]


def test_the_childs_overdue_work_is_paged(child, practitioner):
    flags(child, practitioner, PAGE + 2)
    url = reverse("casework:child_record", args=[child.local_id])
    client = client_for(practitioner)
    days, links = panel(client.get(url), "Overdue work")
    assert len(days) == PAGE and days[0] == PAGE + 2
    assert panel(client.get(url, {"overdue": "2"}), "Overdue work")[0] == [2, 1]
    assert panel(client.get(url, {"overdue": "99"}), "Overdue work")[0] == [2, 1]  # past the end: the last page


def test_the_dashboards_flags_are_paged(child, practitioner, manager, assessment_team):
    flags(child, practitioner, FLAG_PAGE_SIZE + 3)
    url = reverse("records:team_drilldown")
    client = client_for(manager)
    first = client.get(url, {"team": assessment_team.pk, "figure": "flags"})
    rows = [el for el in parse(first.content).iter() if el.tag == "tr"][1:]
    assert len(rows) == FLAG_PAGE_SIZE and f"{FLAG_PAGE_SIZE + 3} days overdue" in rows[0].text()
    assert f"{FLAG_PAGE_SIZE + 3} in all." in first.content.decode()
    second = client.get(url, {"team": assessment_team.pk, "figure": "flags", "page": "2"})
    rows = [el for el in parse(second.content).iter() if el.tag == "tr"][1:]
    assert [row.text().split("days overdue")[0].split()[-1] for row in rows] == ["3", "2", "1"]


def test_the_panels_read_the_same_number_of_queries_however_many_flags(
        child, practitioner, manager, assessment_team, django_assert_max_num_queries):
    pages = [(practitioner, "/caseload/", {}), (manager, "/caseload/", {}),
             (practitioner, reverse("casework:child_record", args=[child.local_id]), {}),
             (manager, reverse("records:team_drilldown"), {"team": assessment_team.pk, "figure": "flags"})]

    def counts():
        found = []
        for user, url, data in pages:
            client = client_for(user)
            client.get(url, data)  # the first read of a session
            with django_assert_max_num_queries(80) as counted:
                assert client.get(url, data).status_code == 200
            found.append(len(counted))
        return found

    flags(child, practitioner, 2)
    few = counts()
    flags(child, practitioner, 3 * PAGE, start=2)
    assert counts() == few

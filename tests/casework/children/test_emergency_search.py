"""§4 (EDT): emergency duty staff find a child by name, date of birth, local ID or NHS number, seeing only what
picks the right child (name, date of birth, local ID, team), then open the record with a reason. Each search is
logged without what was typed; only emergency duty staff get results; every lookup is indexed and the page's
queries do not grow with the results."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.urls import reverse

from access.models import AccessLog, AccessPage, AuditAction, AuditEvent
from casework.children import selectors
from tests.conftest import client_for, open_record
from tests.factories import ChildFactory
from tests.govuk_html import error_summary

URL = "/emergency-access/"
NHS_NUMBER = "9434765919"


@pytest.fixture
def zoe(care_team, care_manager, other_practitioner):
    """A child of the Children in Care Team, with an accented name, a preferred name and an NHS number."""
    child = open_record(team=care_team, manager=care_manager, worker=other_practitioner, first_name="Zoë",
                        last_name="O'Brien", dob=date(2015, 2, 14))
    child.nhs_number = NHS_NUMBER
    child.save()
    return child


def _search(user, query):
    return client_for(user).get(URL, {"q": query})


def _results(body: str) -> str:
    return body.split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in body else ""


@pytest.mark.parametrize("query", ["obrien", "zoe o'brien", "ZOË", "14/02/2015", "2015-02-14", NHS_NUMBER,
                                   "943 476 5919", "{local_id}", "{local_id_lower}"])
def test_emergency_duty_find_a_child_by_name_date_of_birth_local_id_or_nhs_number(cast, zoe, edt, query):
    query = query.format(local_id=zoe.local_id, local_id_lower=zoe.local_id.lower())
    response = _search(edt, query)
    assert response.status_code == 200
    rows = _results(response.content.decode())
    assert "Zoë O&#x27;Brien" in rows and "14 Feb 2015" in rows and zoe.local_id in rows
    assert "Children in Care Team" in rows
    assert f"{URL}?child={zoe.local_id}#id_local_id" in rows


def test_the_results_show_only_what_picks_the_right_child(cast, zoe, edt, other_practitioner):
    body = _search(edt, NHS_NUMBER).content.decode()
    rows = _results(body)
    case = zoe.cases.get()
    for hidden in (NHS_NUMBER, case.referral_reason, other_practitioner.get_full_name(), "Female"):
        assert hidden not in rows
    # The search opens nothing: the record stays closed to emergency duty until they give a reason.
    assert client_for(edt).get(f"/children/{zoe.local_id}/").status_code == 404


def test_choosing_a_child_fills_in_the_local_id_for_the_reason(cast, zoe, edt):
    body = client_for(edt).get(URL, {"child": zoe.local_id}).content.decode()
    assert f'value="{zoe.local_id}"' in body
    response = client_for(edt).post(URL, {"local_id": zoe.local_id, "reason": "Police called: child found alone."})
    assert response.status_code == 302 and response["Location"] == f"/children/{zoe.local_id}/"


def test_each_search_is_an_audit_event_without_what_was_typed(cast, zoe, child, edt):
    _search(edt, "O'Brien")
    event = AuditEvent.objects.get(action=AuditAction.EMERGENCY_DUTY_SEARCH)
    assert (event.actor, event.child) == (edt, None)
    assert event.detail == f"by name; shown 1: {zoe.local_id}"
    assert "brien" not in event.detail.lower()
    _search(edt, "01/01/2001")
    assert AuditEvent.objects.filter(action=AuditAction.EMERGENCY_DUTY_SEARCH).latest("id").detail == (
        "by date of birth; no child shown")


def test_each_child_shown_is_in_their_access_log_and_the_manager_sees_it(cast, zoe, edt, other_practitioner):
    _search(edt, "zoe")
    row = AccessLog.objects.get(child=zoe)
    assert (row.user, row.outcome, row.page, row.path) == (edt, AccessLog.Outcome.LISTED, AccessPage.EMERGENCY_SEARCH,
                                                           URL)
    assert row.get_outcome_display() == "Shown in search results (name, date of birth, team)"
    page = client_for(zoe.cases.get().recorded_by).get(reverse("casework:access_log", args=[zoe.local_id]))
    rows = page.content.decode().split("<tbody", 1)[1]
    assert edt.get_full_name() in rows and "Shown in search results (name, date of birth, team)" in rows
    assert "Emergency duty search" in rows


def test_only_emergency_duty_staff_search_every_child(cast, zoe, child, practitioner, manager, slt):
    for user in (practitioner, manager, slt):
        assert _search(user, "zoe").status_code == 404
        assert not selectors.emergency_duty_search(user, "zoe").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EMERGENCY_DUTY_SEARCH).exists()
    assert not AccessLog.objects.filter(outcome=AccessLog.Outcome.LISTED).exists()
    # Other roles keep their normal search: only the children they may open.
    body = client_for(practitioner).get(reverse("casework:search"), {"q": "zoe"}).content.decode()
    assert zoe.local_id not in body and "No children found" in body


@pytest.mark.parametrize("query, message", [
    ("", "Enter a name, date of birth, local child ID or NHS number"),
    ("Zo", "Enter at least 3 letters of the name, or the date of birth"),
])
def test_a_search_too_wide_is_refused_and_not_run(cast, zoe, edt, query, message):
    response = _search(edt, query)
    assert error_summary(response) == [message]
    assert not AuditEvent.objects.filter(action=AuditAction.EMERGENCY_DUTY_SEARCH).exists()


def test_at_most_twenty_children_are_shown(cast, edt):
    ChildFactory.create_batch(21, last_name="Smithson")
    body = _search(edt, "smithson").content.decode()
    assert _results(body).count('class="govuk-table__row"') == 20
    assert "20+ children found" in body
    assert AuditEvent.objects.get(action=AuditAction.EMERGENCY_DUTY_SEARCH).detail.startswith(
        "by name; shown 20 (more not shown): ")


@pytest.mark.parametrize("size", [1, 15])
def test_the_search_page_queries_do_not_grow_with_the_results(cast, edt, assessment_team, manager, size,
                                                             django_assert_max_num_queries):
    for number in range(size):
        open_record(team=assessment_team, manager=manager, first_name=f"Child{number}", last_name="Hartley")
    client = client_for(edt)
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"q": "hartley"})
    assert _results(response.content.decode()).count("Assessment Team") == size


@pytest.mark.parametrize("query, index", [
    ("{local_id}", "casework_child_local_id"),
    (NHS_NUMBER, "child_nhs_number_idx"),
    ("14/02/2015", "child_dob_idx"),
    ("obrien", "child_search_name_trgm_idx"),
])
def test_every_kind_of_search_uses_an_index(cast, zoe, edt, query, index):
    queryset = selectors.emergency_duty_search(edt, query.format(local_id=zoe.local_id))
    sql, params = queryset[:21].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    child_scans = [line for line in plan.splitlines() if "casework_child " in line or "on casework_child" in line]
    assert any(index in line for line in plan.splitlines()), plan
    assert not any("Seq Scan on casework_child" in line for line in child_scans), plan

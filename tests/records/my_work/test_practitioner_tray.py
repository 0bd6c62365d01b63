"""My work for a practitioner (issue 16): each kind of their work, for which child, due when, how overdue,
with a link to the page that does it; nothing about a child they cannot see; restricted work hidden."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from records.my_work.selectors import visits_due
from tests.conftest import client_for, open_record
from tests.records.statutory_visits.visit_builders import visit_on
from tests.records.my_work.tray_builders import (
    audit_action, draft_decision, endorsement_asked, items, key_task, links, paper_file_out, planned_visit,
    restriction_placed,
)

URL = "/"


def test_the_site_root_is_my_work_and_the_caseload_moved(practitioner):
    client = client_for(practitioner)
    assert reverse("records:my_work") == "/"
    assert reverse("casework:caseload") == "/caseload/"
    page = client.get(URL).content.decode()
    assert "<h1 class=\"govuk-heading-l\">My work</h1>" in page
    assert "My caseload" in client.get("/caseload/").content.decode()


def test_my_work_comes_first_in_the_navigation(practitioner):
    page = client_for(practitioner).get(URL).content.decode()
    nav = page[page.index('id="navigation"'):]
    assert nav.index(">My work<") < nav.index("My caseload")


def test_sign_in_lands_on_my_work(client, practitioner):
    from tests.factories import PASSWORD

    response = client.post(reverse("access:sign_in"), {"username": "practitioner", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_each_kind_of_work_says_what_for_whom_when_and_links_to_it(practitioner, manager, colleague, child):
    draft = draft_decision(child, practitioner, days_overdue=2)
    visit = planned_visit(child, practitioner, days_overdue=1)
    endorse = endorsement_asked(child, colleague, practitioner)
    deficiency = audit_action(child, practitioner, manager, days_overdue=3)
    task = key_task(child, practitioner, practitioner, days_overdue=1)
    restriction_placed(child, practitioner, manager, review_in_days=3)
    removal = paper_file_out(child, practitioner, manager, days_overdue=2)
    response = client_for(practitioner).get(URL)
    ref = child.local_id

    [text] = items(response, "drafts")
    assert text.startswith("Finish the decision of") and f"Amara Okoye ({ref})" in text and "2 days overdue" in text
    assert links(response, "drafts") == [reverse("records:write_up", args=[ref, draft.pk])]
    [text] = items(response, "write_ups")
    assert text.startswith("Write up the visit of") and "1 day overdue" in text
    assert links(response, "write_ups") == [reverse("records:entry_detail", args=[ref, visit.pk])]
    [text] = items(response, "endorsements")
    assert "Read and endorse the phone call" in text and "Waiting 1 day" in text
    assert links(response, "endorsements") == [reverse("records:entry_detail", args=[ref, endorse.pk])]
    [text] = items(response, "audit_actions")
    assert "3 days overdue" in text
    assert links(response, "audit_actions") == [reverse("records:deficiency", args=[ref, deficiency.pk])]
    [text] = items(response, "key_tasks")
    assert "Key task: Call the GP" in text and "1 day overdue" in text
    assert links(response, "key_tasks") == [reverse("records:task_done", args=[ref, task.pk])]
    [text] = items(response, "my_restrictions")
    due = timezone.localdate() + timedelta(days=3)
    assert f"Due {due.day} {due:%B %Y}" in text and "Due in 3 days" in text
    assert links(response, "my_restrictions") == [reverse("records:restricted_section", args=[ref])]
    [text] = items(response, "paper_out")
    assert "2 days overdue" in text
    assert links(response, "paper_out") == [reverse("records:paper_removal_return", args=[ref, removal.pk])]


def test_statutory_visits_due_are_listed_most_overdue_first_and_leave_once_the_child_is_seen(
        practitioner, manager, assessment_team, child, other_child):
    today = timezone.localdate()
    recent = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Cara")
    visit_on(recent, practitioner, today - timedelta(days=25))  # child in need: every 4 weeks, due in 3 days
    visit_on(child, practitioner, today - timedelta(days=30))  # 2 days overdue
    listed = items(client_for(practitioner).get(URL), "visits")
    assert [text.split("For ")[1].split(" ")[0] for text in listed] == ["Amara", "Cara"]
    assert "2 days overdue" in listed[0] and "Due in 3 days" in listed[1]
    assert "Statutory visit (child in need: every 4 weeks)" in listed[0]
    assert reverse("records:visit_new", args=[child.local_id]) in links(client_for(practitioner).get(URL), "visits")
    assert other_child.first_name not in " ".join(listed)  # another team's child, never listed

    visit_on(child, practitioner, today)  # the child seen today: the next visit is four weeks away
    listed = [item.child.first_name for item in visits_due(practitioner)]
    assert listed == ["Cara"]


def test_most_overdue_first(practitioner, manager, assessment_team):
    for name, late in (("Ben", 1), ("Cara", 9), ("Dev", 4)):
        child = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name=name)
        draft_decision(child, practitioner, days_overdue=late)
    texts = items(client_for(practitioner).get(URL), "drafts")
    assert [t.split("For ")[1].split(" ")[0] for t in texts] == ["Cara", "Dev", "Ben"]


def test_lists_are_paged(practitioner, manager, child):
    for late in range(12):
        draft_decision(child, practitioner, days_overdue=late + 1)
    client = client_for(practitioner)
    first = client.get(URL)
    assert len(items(first, "drafts")) == 10 and "12 days overdue" in items(first, "drafts")[0]
    assert "Next" in first.content.decode() and "?drafts=2#drafts" in first.content.decode()
    second = client.get(URL, {"drafts": "2"})
    assert [t.split(". ")[-1] for t in items(second, "drafts")] == ["2 days overdue", "1 day overdue"]
    assert "?drafts=1#drafts" in second.content.decode()
    assert len(items(client.get(URL, {"drafts": "nonsense"}), "drafts")) == 10


def test_nothing_about_a_child_the_user_cannot_see(practitioner, other_practitioner, manager, child, other_child):
    # Work of this user's on a child they can no longer see (another team's child) is not listed.
    draft_decision(other_child, practitioner)
    paper_file_out(other_child, practitioner, manager)
    response = client_for(practitioner).get(URL)
    assert other_child.local_id not in response.content.decode()
    assert "Jayden" not in response.content.decode()


def test_an_endorsement_on_a_restricted_entry_needs_view_restricted(practitioner, colleague, manager, child):
    from records.entries.restrictions import restrict_entry

    entry = endorsement_asked(child, practitioner, colleague)
    restrict_entry(entry=entry, by=manager, reason="third_party", reason_detail="Asked", advised_by=manager,
                   review_date=timezone.localdate() + timedelta(days=30))
    assert items(client_for(colleague).get(URL), "endorsements") == []  # colleague: view_child only


def test_queries_stay_flat_with_many_rows(practitioner, manager, colleague, child, django_assert_max_num_queries):
    def load_work():
        draft_decision(child, practitioner)
        planned_visit(child, practitioner)
        endorsement_asked(child, colleague, practitioner)
        audit_action(child, practitioner, manager)
        paper_file_out(child, practitioner, manager)

    client = client_for(practitioner)
    load_work()
    with django_assert_max_num_queries(15) as few:  # a page for each list with rows on it, none for an empty one
        client.get(URL)
    for _ in range(6):
        load_work()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(items(response, "drafts")) == 7


LIST_TABLES = ("records_entry", "records_auditdeficiency", "casework_keytask", "access_restriction",
               "records_paperfileremoval")


def test_the_lists_are_sorted_and_cut_in_one_query_and_only_lists_with_rows_read_them(practitioner, manager, child):
    client = client_for(practitioner)
    client.get(URL)
    with CaptureQueriesContext(connection) as nothing_waiting:
        client.get(URL)
    assert [q for q in nothing_waiting if any(table in q["sql"] for table in LIST_TABLES)] == [
        next(q for q in nothing_waiting if "work_list_place" in q["sql"])]  # every list's page of ids, in one query
    for late in range(12):
        draft_decision(child, practitioner, days_overdue=late + 1)
    with CaptureQueriesContext(connection) as drafts_waiting:
        response = client.get(URL, {"drafts": "2"})
    assert len(drafts_waiting) == len(nothing_waiting) + 1  # the drafts' page, read with their children
    assert [t.split(". ")[-1] for t in items(response, "drafts")] == ["2 days overdue", "1 day overdue"]
    planned_visit(child, practitioner)
    with CaptureQueriesContext(connection) as both_waiting:
        response = client.get(URL)
    assert len(both_waiting) == len(drafts_waiting)  # entries both, in the same order: one query between them
    assert len(items(response, "drafts")) == 10 and len(items(response, "write_ups")) == 1


def test_a_database_that_cannot_cut_each_part_of_a_union_reads_each_list_on_its_own(practitioner, child, monkeypatch):
    """SQLite (`make run`'s embedded default) refuses LIMIT inside a UNION: each list's slice is then its own query,
    and the tray shows the same items, in the same order."""
    for late in range(12):
        draft_decision(child, practitioner, days_overdue=late + 1)
    planned_visit(child, practitioner)
    client = client_for(practitioner)
    expected = {key: items(client.get(URL, {"drafts": "2"}), key) for key in ("drafts", "write_ups")}
    assert len(expected["drafts"]) == 2 and len(expected["write_ups"]) == 1
    monkeypatch.setattr(connection.features, "supports_slicing_ordering_in_compound", False)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"drafts": "2"})
    assert {key: items(response, key) for key in ("drafts", "write_ups")} == expected
    assert not [q for q in queries if "UNION" in q["sql"] and "work_list_place" in q["sql"]]

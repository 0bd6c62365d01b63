"""My work for a team manager (issue 16): their own work, and what waits on them for their teams."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for, open_record
from tests.factories import (
    AuditDeficiencyFactory, CaseTransferFactory, EmergencyAccessFactory, PreTransferAuditFactory,
    SubjectAccessRequestFactory,
)
from tests.records.my_work.tray_builders import draft_decision, items, links, paper_file_requested, restriction_placed
from tests.records.oversight.oversight_builders import sample_with_audit

URL = "/"


def test_a_manager_sees_their_own_work_and_what_waits_on_them(manager, practitioner, child):
    draft_decision(child, manager)
    removal = paper_file_requested(child, practitioner)
    response = client_for(manager).get(URL)
    assert len(items(response, "drafts")) == 1
    [text] = items(response, "removals")
    assert text.startswith("Approve or refuse taking a paper file out") and child.local_id in text
    assert "Waiting 0 days" in text
    assert links(response, "removals") == [reverse("records:paper_removal_decide", args=[child.local_id, removal.pk])]
    # A practitioner has no manager's lists.
    assert b'id="removals"' not in client_for(practitioner).get(URL).content


def test_restrictions_to_review_and_cases_awaiting_allocation(manager, practitioner, assessment_team, child):
    restriction = restriction_placed(child, practitioner, manager, review_in_days=-2)
    waiting = open_record(team=assessment_team, manager=manager, worker=None, first_name="Lena")
    response = client_for(manager).get(URL)
    [text] = items(response, "restrictions")
    assert "2 days overdue" in text
    assert links(response, "restrictions") == [reverse("records:review_restriction",
                                                       args=[child.local_id, restriction.pk])]
    [text] = items(response, "allocation")
    assert "Lena Okoye" in text
    assert links(response, "allocation") == [reverse("casework:allocate", args=[waiting.local_id])]


def test_emergency_accesses_in_the_last_week(manager, edt, child):
    now = timezone.now()
    EmergencyAccessFactory(user=edt, child=child)
    EmergencyAccessFactory(user=edt, child=child, started_at=now - timedelta(days=9),
                           expires_at=now - timedelta(days=8))  # older than a week: not listed
    texts = items(client_for(manager).get(URL), "emergency")
    assert len(texts) == 1 and texts[0].startswith("Opened by") and "Ends" in texts[0]


def test_transfers_to_confirm(care_manager, manager, child, care_team):
    PreTransferAuditFactory(case=child.cases.get(), audited_by=manager)
    transfer = CaseTransferFactory(case=child.cases.get(), by=manager, to_team=care_team)
    response = client_for(care_manager).get(URL)
    [text] = items(response, "transfers")
    assert "Confirm the transfer from Assessment Team" in text and "Due today" in text
    assert links(response, "transfers") == [reverse("casework:transfer_confirm", args=[child.local_id, transfer.pk])]


def test_audits_due_and_deficiencies_to_confirm(manager, practitioner, assessment_team, child):
    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    deficiency = AuditDeficiencyFactory(audit=audit, by=manager, assigned_to=practitioner)
    deficiency.done_at = timezone.now()
    deficiency.save()
    response = client_for(manager).get(URL)
    assert links(response, "audits") == [reverse("records:record_audit", args=[child.local_id, audit.pk])]
    assert links(response, "deficiencies") == [reverse("records:deficiency", args=[child.local_id, deficiency.pk])]


def test_subject_access_requests_near_their_deadline(manager, child):
    today = timezone.localdate()
    near = SubjectAccessRequestFactory(child=child, by=manager, received_on=today - timedelta(days=26))
    SubjectAccessRequestFactory(child=child, by=manager, received_on=today)  # a month to go: not listed
    response = client_for(manager).get(URL)
    assert links(response, "subject_access") == [reverse("records:sar_detail", args=[child.local_id, near.pk])]


def test_another_teams_work_is_not_shown(manager, care_manager, other_practitioner, other_child):
    paper_file_requested(other_child, other_practitioner)
    restriction_placed(other_child, other_practitioner, care_manager, review_in_days=-1)
    response = client_for(manager).get(URL)
    assert items(response, "removals") == [] and items(response, "restrictions") == []
    assert other_child.local_id not in response.content.decode()


def test_queries_stay_flat_with_many_rows(manager, practitioner, edt, assessment_team, django_assert_max_num_queries):
    def load_work():
        child = open_record(team=assessment_team, manager=manager, worker=practitioner)
        paper_file_requested(child, practitioner)
        restriction_placed(child, practitioner, manager, review_in_days=1)
        EmergencyAccessFactory(user=edt, child=child)
        open_record(team=assessment_team, manager=manager, worker=None)
        draft_decision(child, manager)

    client = client_for(manager)
    load_work()
    with django_assert_max_num_queries(26) as few:  # a page for each list with rows on it, none for an empty one
        client.get(URL)
    for _ in range(5):
        load_work()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(items(response, "removals")) == 6 and len(items(response, "allocation")) == 6

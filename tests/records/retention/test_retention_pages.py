"""Issue 18: the data protection officer's "Records due for review under retention" (a paged GOV.UK table, a fixed
number of queries however many records) and its forms; senior leadership's decision on an erasure. Anyone else
gets a 404."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Child
from records.retention.models import ChildRetention, ErasedRecord, ErasureProposal, LegalHold, RetentionExtension
from records.retention import services
from tests.conftest import client_for, open_record
from tests.govuk_html import by_class, error_summary, texts
from tests.records.retention.retention_builders import past_its_date


def _listed(children, manager):
    for child in children:
        past_its_date(child, manager)
    ChildRetention.objects.update(first_listed_on=timezone.localdate())


def test_the_officer_sees_the_records_due_in_a_govuk_table(child, manager, dpo):
    _listed([child], manager)
    response = client_for(dpo).get(reverse("records:retention_reviews"))
    assert response.status_code == 200
    assert by_class(response, "govuk-table")
    cells = texts(response, "govuk-table__cell")
    assert child.local_id in cells
    assert child.first_name not in response.content.decode()  # the officer is shown the local ID, not the child


def test_the_list_reads_the_same_number_of_queries_however_many_records_and_is_paged(
        assessment_team, manager, dpo, django_assert_max_num_queries):
    children = [open_record(team=assessment_team, manager=manager, first_name=f"Child{n}", dob=date(2010, 1, n + 1))
                for n in range(27)]
    _listed(children, manager)
    client = client_for(dpo)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("records:retention_reviews"))
    assert response.content.decode().count('class="govuk-table__row"') == 25 + 1  # the heading row and 25 records
    assert by_class(response, "govuk-pagination")
    with django_assert_max_num_queries(12):
        second = client.get(reverse("records:retention_reviews") + "?page=2")
    assert second.content.decode().count('class="govuk-table__row"') == 2 + 1


@pytest.mark.parametrize("name", ["retention_reviews", "retention_keep_longer", "retention_place_hold",
                                  "retention_lift_hold", "retention_propose_erasure"])
def test_everyone_but_the_officer_gets_a_404(cast, child, manager, name):
    _listed([child], manager)
    url = reverse(f"records:{name}", args=[] if name == "retention_reviews" else [child.local_id])
    for user in cast.values():
        assert client_for(user).get(url).status_code == 404, user.username
    assert client_for(manager).post(url, {"reason": "x"}).status_code == 404


def test_the_officer_keeps_a_record_longer(child, manager, dpo):
    _listed([child], manager)
    until = timezone.localdate() + timedelta(days=400)
    response = client_for(dpo).post(reverse("records:retention_keep_longer", args=[child.local_id]), {
        "keep_until_0": until.day, "keep_until_1": until.month, "keep_until_2": until.year,
        "reason": "An inquiry may ask for it"})
    assert response.status_code == 302
    assert RetentionExtension.objects.get(child=child).keep_until == until


def test_keep_longer_without_a_reason_or_date_says_so_and_saves_nothing(child, manager, dpo):
    _listed([child], manager)
    response = client_for(dpo).post(reverse("records:retention_keep_longer", args=[child.local_id]), {})
    assert response.status_code == 200
    assert "Enter why the record is kept longer" in error_summary(response)
    assert not RetentionExtension.objects.exists()


def test_a_hold_without_a_reason_is_refused_with_a_specific_error(child, manager, dpo):
    _listed([child], manager)
    response = client_for(dpo).post(reverse("records:retention_place_hold", args=[child.local_id]),
                                    {"detail": "Claim 123"})
    assert "Select why the record is held" in error_summary(response)
    assert not LegalHold.objects.exists()


def test_the_officer_places_and_lifts_a_hold_and_proposes_erasure(child, manager, dpo):
    _listed([child], manager)
    client = client_for(dpo)
    assert client.post(reverse("records:retention_place_hold", args=[child.local_id]),
                       {"reason": "inquiry", "detail": "Independent inquiry"}).status_code == 302
    refused = client.post(reverse("records:retention_propose_erasure", args=[child.local_id]), {})
    assert "held" in " ".join(error_summary(refused))
    assert not ErasureProposal.objects.exists()
    assert client.post(reverse("records:retention_lift_hold", args=[child.local_id]),
                       {"reason": "Inquiry closed"}).status_code == 302
    assert client.post(reverse("records:retention_propose_erasure", args=[child.local_id]), {}).status_code == 302
    assert ErasureProposal.objects.get().proposed_by == dpo


def test_a_senior_leader_approves_an_erasure_on_its_page(child, manager, dpo, slt, django_capture_on_commit_callbacks):
    _listed([child], manager)
    proposal = services.propose_erasure(child=child, by=dpo)
    client = client_for(slt)
    listing = client.get(reverse("records:erasure_approvals"))
    assert child.local_id in texts(listing, "govuk-table__cell")
    url = reverse("records:erasure_decision", args=[proposal.pk])
    assert "Select whether the record is erased or kept" in error_summary(client.post(url, {}))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"decision": "approve"}).status_code == 302
    assert ErasedRecord.objects.get().local_id == child.local_id
    assert not Child.objects.filter(pk=child.pk).exists()


def test_only_senior_leadership_reaches_the_decision(child, manager, dpo, practitioner):
    _listed([child], manager)
    proposal = services.propose_erasure(child=child, by=dpo)
    url = reverse("records:erasure_decision", args=[proposal.pk])
    for user in (dpo, manager, practitioner):
        assert client_for(user).post(url, {"decision": "approve"}).status_code == 404
    assert Child.objects.filter(pk=child.pk).exists()

"""After a confirmed transfer the sending team's access ends, as the transfer page says (§15.2): for the manager
who recorded the referral too, and for a manager asked to endorse an entry, who reaches that entry only, for
the endorsement (§4), and nothing else of the record."""

import pytest
from django.urls import reverse

from records.models import Entry
from tests.casework.transfers.transfer_builders import transferred
from tests.conftest import client_for
from tests.govuk_html import parse
from tests.records.entries.test_recording_visits import completed_visit

RECORD_PAGES = ("casework:child_record", "records:entry_list", "records:chronology", "records:plan",
                "records:documents", "records:child_history")


@pytest.fixture
def endorsement_asked_of_manager(child, practitioner, manager, care_manager):
    """A visit the team manager supplied information for, waiting for the manager's endorsement."""
    entry = completed_visit(child, practitioner, originator=manager)
    assert entry.endorsement_requested_at is not None and entry.endorsed_at is None
    return entry


def _status(client, name, *args):
    return client.get(reverse(name, args=list(args))).status_code


def test_the_sending_team_loses_the_record_including_the_manager_who_recorded_the_referral(
        child, practitioner, colleague, manager, care_team, care_manager):
    assert _status(client_for(manager), "casework:child_record", child.local_id) == 200  # the control
    transferred(child, care_team)
    for user in (manager, practitioner, colleague):
        client = client_for(user)
        for name in RECORD_PAGES:
            assert _status(client, name, child.local_id) == 404, (user.username, name)
    assert _status(client_for(care_manager), "casework:child_record", child.local_id) == 200


def test_a_sending_manager_asked_to_endorse_reaches_that_entry_only(
        child, practitioner, manager, care_team, endorsement_asked_of_manager):
    entry = endorsement_asked_of_manager
    other = completed_visit(child, practitioner)
    transferred(child, care_team)
    client = client_for(manager)

    page = client.get(reverse("records:endorse", args=[child.local_id, entry.pk]))
    assert page.status_code == 200
    text = parse(page.content).text()
    assert "I have read this entry and endorse it" in text and "You see this entry only" in text
    # Nothing else of the record: not the entry's own page, nor another entry, nor any tab.
    assert _status(client, "records:entry_detail", child.local_id, entry.pk) == 404
    assert _status(client, "records:endorse", child.local_id, other.pk) == 404
    for name in RECORD_PAGES:
        assert _status(client, name, child.local_id) == 404, name
    assert reverse("records:entry_list", args=[child.local_id]) not in page.content.decode()


def test_the_endorsement_is_recorded_and_then_the_entry_is_closed_to_them(
        child, manager, care_team, endorsement_asked_of_manager):
    entry = endorsement_asked_of_manager
    transferred(child, care_team)
    client = client_for(manager)

    response = client.post(reverse("records:endorse", args=[child.local_id, entry.pk]))

    assert response.status_code == 302 and response.url == reverse("casework:caseload")
    assert Entry.objects.get(pk=entry.pk).endorsed_at is not None
    assert _status(client, "records:endorse", child.local_id, entry.pk) == 404  # the access was for the endorsement


def test_someone_not_asked_to_endorse_gets_nothing(child, colleague, practitioner, care_team,
                                                   endorsement_asked_of_manager):
    entry = endorsement_asked_of_manager
    transferred(child, care_team)
    for user in (colleague, practitioner):
        client = client_for(user)
        assert _status(client, "records:endorse", child.local_id, entry.pk) == 404
        assert client.post(reverse("records:endorse", args=[child.local_id, entry.pk])).status_code == 404
    assert Entry.objects.get(pk=entry.pk).endorsed_at is None

"""§15.2: a paper file volume moved to a new location records the date it was sent and the team at the
receiving end; someone there (never the sender) confirms it arrived; unconfirmed after five working days
it is a flag for the sender. A confirmed case transfer moves volumes already confirmed by the receiving
manager."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from records.calendar.working_days import LONDON
from records.models import Flag, PaperFileArrival, PaperFileMove
from records.paper_files import services as paper_files
from records.timeliness.services import run_flag_pass
from tests.casework.transfers.transfer_builders import awaiting_transfer, transferred
from tests.conftest import client_for
from tests.govuk_html import error_summary
from tests.records.conftest import refused_by_database

WEDNESDAY_BEFORE_EASTER = date(2026, 4, 1)  # Good Friday 3 April and Easter Monday 6 April are bank holidays


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _volume(child, by, number=1):
    return paper_files.add_volume(child=child, by=by, number=number, covers_from=date(2026, 1, 12), covers_to=None,
                                  usual_location="Cabinet 3, Borough Hall")


def _send(child, by, team, moved_on=WEDNESDAY_BEFORE_EASTER, number=1):
    return paper_files.move_volume(volume=_volume(child, by, number), to_location="Records room, Kempston",
                                   moved_on=moved_on, by=by, to_team=team)


def _tab(child, user) -> str:
    return client_for(user).get(reverse("records:paper_files", args=[child.local_id])).content.decode()


def _confirm_url(child, move):
    return reverse("records:paper_move_confirm", args=[child.local_id, move.pk])


# --- Sending: the date sent, the receiving team, the day it must be confirmed by ---------------------------

def test_a_move_records_the_date_sent_the_receiving_team_and_five_working_days_to_confirm(child, manager,
                                                                                        assessment_team):
    response = client_for(manager).post(
        reverse("records:paper_volume_move", args=[child.local_id, _volume(child, manager).pk]),
        {"to_location": "Records room, Kempston", "to_team": assessment_team.pk,
         **_date("moved_on", WEDNESDAY_BEFORE_EASTER), "reason": "Office move"})
    assert response.status_code == 302
    move = PaperFileMove.objects.get()
    assert (move.moved_on, move.to_team, move.recorded_by) == (WEDNESDAY_BEFORE_EASTER, assessment_team, manager)
    # Thursday 2, (Good Friday, the weekend, Easter Monday), Tuesday 7 ... Friday 10 April: the fifth working day.
    assert move.arrival_due_on == date(2026, 4, 10)
    assert move.is_awaiting_arrival
    body = _tab(child, manager)
    assert "Sent <span" in body and "Awaiting confirmation of arrival" in body and "10 Apr 2026" in body
    assert _confirm_url(child, move) not in body  # the sender cannot confirm their own move


def test_only_a_team_that_can_open_the_record_receives_a_volume(child, manager, care_team, care_manager):
    volume = _volume(child, manager)
    response = client_for(manager).post(
        reverse("records:paper_volume_move", args=[child.local_id, volume.pk]),
        {"to_location": "Cabinet 1, Children in Care Team", "to_team": care_team.pk,
         **_date("moved_on", timezone.localdate())})
    assert response.status_code == 200
    assert error_summary(response) == ["Select a team that can open this child's record. To send the paper file "
                                       "to another team, transfer the case"]
    with pytest.raises(ValidationError, match="transfer the case"):
        paper_files.move_volume(volume=volume, to_location="Cabinet 1", moved_on=timezone.localdate(), by=manager,
                                to_team=care_team)
    assert not PaperFileMove.objects.exists()


def test_a_volume_on_its_way_cannot_be_sent_again_until_its_arrival_is_confirmed(child, manager, assessment_team,
                                                                                 colleague):
    move = _send(child, manager, assessment_team)
    with pytest.raises(ValidationError, match="nobody at Assessment Team has confirmed it arrived yet"):
        paper_files.move_volume(volume=move.volume, to_location="Archive", moved_on=timezone.localdate(),
                                by=manager, to_team=assessment_team)
    paper_files.confirm_arrival(move=move, by=colleague)
    paper_files.move_volume(volume=move.volume, to_location="Archive", moved_on=timezone.localdate(), by=manager,
                            to_team=assessment_team)
    assert PaperFileMove.objects.count() == 2


# --- Confirming: someone at the receiving end, never the sender --------------------------------------------

def test_a_member_of_the_receiving_team_confirms_the_arrival_on_the_page(child, manager, colleague, assessment_team):
    move = _send(child, manager, assessment_team)
    client = client_for(colleague)
    assert _confirm_url(child, move) in _tab(child, colleague)
    page = client.get(_confirm_url(child, move)).content.decode()
    assert "Volume 1 has arrived at Records room, Kempston" in page and "Sent on 1 April 2026" in page
    assert error_summary(client.post(_confirm_url(child, move), {"arrived": ""})) == ["Confirm that the volume has arrived"]
    assert not PaperFileArrival.objects.exists()
    response = client.post(_confirm_url(child, move), {"arrived": "on"})
    assert response.status_code == 302
    arrival = PaperFileArrival.objects.get(move=move)
    assert arrival.confirmed_by == colleague
    assert AuditEvent.objects.filter(child=child, actor=colleague, action=AuditAction.CONFIRMED_PAPER_FILE_ARRIVAL,
                                     detail="volume 1 at Assessment Team").count() == 1
    body = _tab(child, manager)  # the sender sees that it arrived
    assert f"Arrival confirmed by {colleague.get_full_name()}" in body
    assert "Awaiting confirmation of arrival" not in body


def test_the_sender_cannot_confirm_their_own_move(child, manager, assessment_team):
    move = _send(child, manager, assessment_team)
    with pytest.raises(PermissionDenied):
        paper_files.confirm_arrival(move=move, by=manager)
    assert client_for(manager).post(_confirm_url(child, move), {"arrived": "on"}).status_code == 404
    assert not PaperFileArrival.objects.exists()


@pytest.mark.parametrize("who", ["other_practitioner", "care_manager", "admin_user", "edt"])
def test_nobody_outside_the_receiving_team_confirms(request, cast, child, manager, assessment_team, care_manager,
                                                   admin_user, who):
    move = _send(child, manager, assessment_team)
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        paper_files.confirm_arrival(move=move, by=user)
    assert client_for(user).post(_confirm_url(child, move), {"arrived": "on"}).status_code == 404
    assert not PaperFileArrival.objects.exists()


def test_an_arrival_is_confirmed_once_and_never_changed(child, manager, colleague, practitioner, assessment_team):
    move = _send(child, manager, assessment_team)
    arrival = paper_files.confirm_arrival(move=move, by=colleague)
    with pytest.raises(ValidationError, match="already been confirmed"):
        paper_files.confirm_arrival(move=move, by=practitioner)
    assert "append-only" in refused_by_database(
        lambda: PaperFileArrival.objects.filter(pk=arrival.pk).update(confirmed_by=practitioner))
    assert "append-only" in refused_by_database(arrival.delete)


# --- Unconfirmed after five working days: a flag for the sender --------------------------------------------

def test_an_unconfirmed_move_is_flagged_to_the_sender_after_the_fifth_working_day(child, manager, colleague,
                                                                                  assessment_team):
    move = _send(child, manager, assessment_team)
    run_flag_pass(now=london(2026, 4, 10, 23, 59))
    assert not Flag.objects.filter(paper_file_move=move).exists()
    run_flag_pass(now=london(2026, 4, 11, 0, 0))
    flag = Flag.objects.get(paper_file_move=move, closed_at__isnull=True)
    assert (flag.kind, flag.child, flag.owner, flag.due_at) == (
        "paper_file_arrival_unconfirmed", child, manager, london(2026, 4, 11))
    record = client_for(manager).get(reverse("casework:child_record", args=[child.local_id])).content.decode()
    assert reverse("records:paper_files", args=[child.local_id]) + f"#move-{move.pk}" in record
    run_flag_pass(now=london(2026, 4, 12, 9))  # a second pass opens nothing more
    assert Flag.objects.filter(paper_file_move=move).count() == 1
    paper_files.confirm_arrival(move=move, by=colleague)
    run_flag_pass(now=london(2026, 4, 13, 9))
    flag.refresh_from_db()
    assert flag.closed_at == london(2026, 4, 13, 9)


def test_moves_recorded_before_confirmation_existed_are_never_flagged(child, manager):
    volume = _volume(child, manager)
    PaperFileMove.objects.create(volume=volume, moved_on=date(2026, 2, 2), from_location="A", to_location="B",
                                 recorded_by=manager)
    run_flag_pass(now=london(2026, 6, 1, 9))
    assert not Flag.objects.filter(kind="paper_file_arrival_unconfirmed").exists()


# --- A case transfer: the receiving manager's confirmation confirms the volumes' moves -----------------------

def test_a_confirmed_transfer_moves_volumes_confirmed_by_the_receiving_manager(policy_designs, child, manager,
                                                                               care_team, care_manager):
    _volume(child, manager)
    today = timezone.localdate()
    transferred(child, care_team, paper_files_location="Cabinet 7, Care Team", paper_files_moved_on=today)
    move = PaperFileMove.objects.get()
    assert (move.to_location, move.moved_on, move.to_team, move.recorded_by) == (
        "Cabinet 7, Care Team", today, care_team, care_manager)
    assert move.arrival.confirmed_by == care_manager
    run_flag_pass(now=timezone.now() + timedelta(days=30))
    assert not Flag.objects.filter(kind="paper_file_arrival_unconfirmed").exists()


def test_a_transfer_waits_for_a_volume_still_on_its_way(policy_designs, child, manager, colleague, assessment_team,
                                                        care_team, care_manager):
    from casework.transfers import services as transfers

    move = _send(child, manager, assessment_team, moved_on=timezone.localdate())
    transfer = awaiting_transfer(child)
    with pytest.raises(ValidationError, match="nobody at Assessment Team has confirmed it arrived yet"):
        transfers.confirm_transfer(transfer=transfer, by=care_manager, paper_files_location="Cabinet 7",
                                   paper_files_moved_on=timezone.localdate())
    transfer.refresh_from_db()
    assert transfer.is_awaiting_confirmation  # nothing of the confirmation was saved
    paper_files.confirm_arrival(move=move, by=colleague)
    transfers.confirm_transfer(transfer=transfer, by=care_manager, paper_files_location="Cabinet 7",
                               paper_files_moved_on=timezone.localdate())
    assert PaperFileMove.objects.filter(to_team=care_team, arrival__confirmed_by=care_manager).count() == 1


# --- The move and confirmation pages: who may use them, and their queries (issue 15 re-audit) --------

def test_the_move_and_confirmation_pages_are_not_found_for_someone_who_cannot_see_the_child(
        child, manager, assessment_team, other_practitioner):
    move = _send(child, manager, assessment_team, moved_on=timezone.localdate())
    client = client_for(other_practitioner)
    move_url = reverse("records:paper_volume_move", args=[child.local_id, move.volume_id])
    assert client.get(move_url).status_code == 404
    assert client.get(_confirm_url(child, move)).status_code == 404
    assert client.post(_confirm_url(child, move), {}).status_code == 404
    assert not PaperFileArrival.objects.exists()


@pytest.mark.parametrize("volumes", [1, 12])
def test_the_move_and_confirmation_pages_read_a_fixed_number_of_queries(child, manager, colleague, assessment_team,
                                                                        volumes, django_assert_max_num_queries):
    from casework.banner.selectors import BANNER_QUERIES
    moves = [_send(child, manager, assessment_team, moved_on=timezone.localdate(), number=n)
             for n in range(1, volumes + 1)]
    spare = _volume(child, manager, number=volumes + 1)
    sender, receiver = client_for(manager), client_for(colleague)
    move_url = reverse("records:paper_volume_move", args=[child.local_id, spare.pk])
    sender.get(move_url), receiver.get(_confirm_url(child, moves[0]))  # warm
    with django_assert_max_num_queries(12 + BANNER_QUERIES):
        assert sender.get(move_url).status_code == 200
    with django_assert_max_num_queries(12 + BANNER_QUERIES):
        assert receiver.get(_confirm_url(child, moves[0])).status_code == 200

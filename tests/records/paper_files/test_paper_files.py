"""Paper files (§1, §14, §15): volumes, dated moves, removal with a manager's approval, return, overdue flag."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.casework.transfers.transfer_builders import transferred
from records.paper_files import services as paper_files
from records.models import Flag, PaperFileMove, PaperFileRemoval, PaperFileVolume
from records.timeliness.services import run_flag_pass
from tests.conftest import client_for
from tests.govuk_html import error_summary, inline_errors
from tests.records.conftest import refused_by_database
from casework.banner.selectors import BANNER_QUERIES  # the record banner on every page of the record


def _volume(child, by, number=1, location="Cabinet 3, Borough Hall"):
    return paper_files.add_volume(child=child, by=by, number=number, covers_from=date(2026, 1, 12), covers_to=None,
                                  usual_location=location)


def _request(child, by, volumes, return_by=None):
    return paper_files.request_removal(
        child=child, by=by, volumes=volumes, destination="Family court, Luton", reason="Needed at the final hearing",
        security_measures="Carried in a locked case, never left in the car",
        return_by=return_by or timezone.localdate() + timedelta(days=2))


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


# --- Volumes and moves -------------------------------------------------------------------------------

def test_paper_files_tab_lists_volumes_with_dates_and_location(child, practitioner):
    _volume(child, practitioner)
    paper_files.add_volume(child=child, by=practitioner, number=2, covers_from=date(2026, 3, 1),
                           covers_to=date(2026, 6, 30), usual_location="Archive room B")
    response = client_for(practitioner).get(reverse("records:paper_files", args=[child.local_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cabinet 3, Borough Hall" in body and "Archive room B" in body and "30 Jun 2026" in body
    assert 'aria-current="page" href="/children/%s/paper-files/"' % child.local_id in body


def test_adding_a_volume_through_the_form(child, practitioner):
    client = client_for(practitioner)
    response = client.post(reverse("records:paper_volume_new", args=[child.local_id]), {
        "number": 1, **_date("covers_from", date(2026, 1, 12)), "usual_location": "Cabinet 3", "notes": ""})
    assert response.status_code == 302
    volume = PaperFileVolume.objects.get(child=child)
    assert (volume.number, volume.usual_location, volume.recorded_by) == (1, "Cabinet 3", practitioner)


def test_a_volume_with_bad_dates_and_a_taken_number_is_refused_with_specific_errors(child, practitioner):
    _volume(child, practitioner)
    response = client_for(practitioner).post(reverse("records:paper_volume_new", args=[child.local_id]), {
        "number": 1, **_date("covers_from", date(2026, 3, 1)), **_date("covers_to", date(2026, 2, 1)),
        "usual_location": ""})
    assert response.status_code == 200
    errors = error_summary(response)
    assert "Volume 1 is already recorded. Enter another number" in errors
    assert "The date the volume ends must be on or after the date it starts" in errors
    assert "Enter where the volume is usually kept" in errors
    assert PaperFileVolume.objects.filter(child=child).count() == 1


def test_moving_a_volume_records_the_date_and_where_from_and_to(child, practitioner, assessment_team):
    volume = _volume(child, practitioner)
    moved_on = timezone.localdate() - timedelta(days=1)
    response = client_for(practitioner).post(
        reverse("records:paper_volume_move", args=[child.local_id, volume.pk]),
        {"to_location": "Cabinet 1, Children in Care Team", "to_team": assessment_team.pk,
         **_date("moved_on", moved_on), "reason": "Office move"})
    assert response.status_code == 302
    move = PaperFileMove.objects.get(volume=volume)
    assert (move.moved_on, move.from_location, move.to_location) == (moved_on, "Cabinet 3, Borough Hall",
                                                                     "Cabinet 1, Children in Care Team")
    volume.refresh_from_db()
    assert volume.usual_location == "Cabinet 1, Children in Care Team"
    body = client_for(practitioner).get(reverse("records:paper_files", args=[child.local_id])).content.decode()
    assert "from Cabinet 3, Borough Hall to Cabinet 1, Children in Care Team" in body


def test_a_move_in_the_future_is_refused(child, practitioner):
    volume = _volume(child, practitioner)
    response = client_for(practitioner).post(
        reverse("records:paper_volume_move", args=[child.local_id, volume.pk]),
        {"to_location": "Elsewhere", **_date("moved_on", timezone.localdate() + timedelta(days=1))})
    assert "The date the volume was sent cannot be in the future" in inline_errors(response)
    assert not PaperFileMove.objects.exists()


def test_volumes_are_never_deleted(child, practitioner):
    assert "never deleted" in refused_by_database(_volume(child, practitioner).delete)


# --- Removal needs a manager's approval ---------------------------------------------------------------

def test_a_request_is_not_out_until_a_manager_approves(child, practitioner):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    assert removal.status == "requested" and removal.approved_at is None
    body = client_for(practitioner).get(reverse("records:paper_files", args=[child.local_id])).content.decode()
    assert "Waiting for approval" in body and "No paper file is out." in body


def test_the_practitioner_cannot_approve_and_the_decision_page_is_a_404(child, practitioner):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    with pytest.raises(PermissionDenied):
        paper_files.approve_removal(removal=removal, by=practitioner)
    url = reverse("records:paper_removal_decide", args=[child.local_id, removal.pk])
    assert client_for(practitioner).post(url, {"decision": "approve"}).status_code == 404
    removal.refresh_from_db()
    assert removal.approved_at is None


def test_a_manager_of_another_team_cannot_approve(child, practitioner, care_manager):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    with pytest.raises(PermissionDenied):
        paper_files.approve_removal(removal=removal, by=care_manager)


def test_approval_tells_the_people_who_may_need_the_file_without_names(child, practitioner, colleague, manager,
                                                                       assessment_team):
    # The colleague takes the file; the allocated worker (practitioner) and the manager need to know.
    removal = _request(child, colleague, [_volume(child, practitioner)])
    mail.outbox.clear()
    response = client_for(manager).post(reverse("records:paper_removal_decide", args=[child.local_id, removal.pk]),
                                        {"decision": "approve"})
    assert response.status_code == 302
    removal.refresh_from_db()
    assert removal.status == "out" and removal.approved_by == manager
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [practitioner.email]  # the approver and the person taking it already know
    message = mail.outbox[0]
    assert child.local_id in message.subject
    for text in (message.subject, message.body):
        assert child.first_name not in text and child.last_name not in text
        assert "Family court" not in text and "final hearing" not in text


def test_approval_tells_the_manager_when_someone_else_approves(child, practitioner, manager, admin_user):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    mail.outbox.clear()
    told = paper_files.approve_removal(removal=removal, by=admin_user)
    assert told == [manager]
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_refusing_needs_a_reason_and_saves_nothing_without_one(child, practitioner, manager):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    url = reverse("records:paper_removal_decide", args=[child.local_id, removal.pk])
    response = client_for(manager).post(url, {"decision": "refuse", "refusal_reason": " "})
    assert error_summary(response) == ["Enter why the request is refused"]
    removal.refresh_from_db()
    assert removal.refused_at is None
    response = client_for(manager).post(url, {"decision": "refuse", "refusal_reason": "Take copies instead"})
    assert response.status_code == 302
    removal.refresh_from_db()
    assert removal.status == "refused" and removal.refusal_reason == "Take copies instead"
    assert not mail.outbox or all(child.local_id not in m.subject or "removed" not in m.subject for m in mail.outbox)


def test_a_decided_request_cannot_be_decided_again(child, practitioner, manager):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    paper_files.refuse_removal(removal=removal, by=manager, reason="No")
    with pytest.raises(ValidationError):
        paper_files.approve_removal(removal=removal, by=manager)


def test_a_request_with_missing_details_gets_specific_errors_and_saves_nothing(child, practitioner):
    _volume(child, practitioner)
    response = client_for(practitioner).post(reverse("records:paper_removal_new", args=[child.local_id]), {
        "destination": "", "reason": "", "security_measures": "",
        **_date("return_by", timezone.localdate() - timedelta(days=1))})
    assert error_summary(response) == [
        "Select the volumes to take out", "Enter where the file is going",
        "Enter why the file needs to leave its usual place", "Enter how the file will be kept secure while it is away",
        "The agreed return date must be today or in the future",
    ]
    assert not PaperFileRemoval.objects.exists()


def test_a_volume_already_out_cannot_be_asked_for_again(child, practitioner, manager):
    volume = _volume(child, practitioner)
    paper_files.approve_removal(removal=_request(child, practitioner, [volume]), by=manager)
    with pytest.raises(ValidationError):
        _request(child, practitioner, [volume])


# --- Return and the overdue flag ---------------------------------------------------------------------

def test_the_return_is_recorded_with_when_and_by_whom(child, practitioner, colleague, manager):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    paper_files.approve_removal(removal=removal, by=manager)
    response = client_for(colleague).post(reverse("records:paper_removal_return", args=[child.local_id, removal.pk]),
                                          _date("returned_on", timezone.localdate()))
    assert response.status_code == 302
    removal.refresh_from_db()
    assert removal.status == "returned" and removal.returned_recorded_by == colleague
    assert timezone.localdate(removal.returned_at) == timezone.localdate()


def test_an_unapproved_request_cannot_be_returned(child, practitioner):
    removal = _request(child, practitioner, [_volume(child, practitioner)])
    with pytest.raises(ValidationError):
        paper_files.record_return(removal=removal, by=practitioner)
    url = reverse("records:paper_removal_return", args=[child.local_id, removal.pk])
    assert client_for(practitioner).get(url).status_code == 404


def test_an_unreturned_file_is_flagged_after_its_return_date_and_the_flag_closes_on_return(child, practitioner, manager):
    removal = _request(child, practitioner, [_volume(child, practitioner)], return_by=timezone.localdate())
    now = timezone.now()
    run_flag_pass(now=now + timedelta(days=3))
    assert not Flag.objects.filter(paper_file_removal=removal).exists()  # not approved: not out
    paper_files.approve_removal(removal=removal, by=manager)
    run_flag_pass(now=now)
    assert not Flag.objects.filter(paper_file_removal=removal).exists()  # not due yet
    run_flag_pass(now=now + timedelta(days=2))
    flag = Flag.objects.get(paper_file_removal=removal, closed_at__isnull=True)
    assert flag.kind == "paper_file_not_returned" and flag.owner == practitioner
    body = client_for(practitioner).get(reverse("casework:child_record", args=[child.local_id])).content.decode()
    assert reverse("records:paper_files", args=[child.local_id]) + f"#removal-{removal.pk}" in body
    paper_files.record_return(removal=removal, by=practitioner)
    run_flag_pass(now=now + timedelta(days=2))
    flag.refresh_from_db()
    assert flag.closed_at is not None


def test_a_manager_of_a_closed_case_team_still_decides(child, practitioner, manager, care_team, care_manager):
    # After reallocation to another team, that team's manager decides, not the previous one.
    transferred(child, care_team)
    removal = _request(child, care_manager, [_volume(child, care_manager)])
    assert paper_files.may_decide_removal(care_manager, child)
    assert not paper_files.may_decide_removal(manager, child)
    assert removal.status == "requested"


# --- Query counts ------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [2, 20])
def test_paper_files_tab_queries_do_not_grow_with_volumes_and_removals(child, practitioner, manager, size,
                                                                       assessment_team, colleague,
                                                                       django_assert_max_num_queries):
    for number in range(1, size + 1):
        volume = _volume(child, practitioner, number=number)
        move = paper_files.move_volume(volume=volume, to_location="Archive", moved_on=timezone.localdate(),
                                       by=practitioner, to_team=assessment_team)
        if number % 2:
            paper_files.confirm_arrival(move=move, by=colleague)
        removal = _request(child, practitioner, [volume])
        paper_files.approve_removal(removal=removal, by=manager)
    client = client_for(practitioner)
    with django_assert_max_num_queries(14 + BANNER_QUERIES):
        response = client.get(reverse("records:paper_files", args=[child.local_id]))
    assert response.status_code == 200
    assert response.content.decode().count('id="removal-') == size
    assert response.content.decode().count("Awaiting confirmation of arrival") == size // 2

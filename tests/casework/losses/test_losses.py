"""Lost or mislaid files, documents and devices (§15.1, §16): reported at once, managers told at once,
recovery efforts recorded, whether the child or family was told (or why not), then closed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.losses import services as losses
from access.models import LossAffectedChild, LossNotification, LossRecoveryAction, LossReport
from tests.conftest import client_for
from tests.govuk_html import error_summary


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _report(by, children=(), **extra):
    fields = {"kind": "laptop", "what": "Council laptop", "lost_on": timezone.localdate(),
              "lost_where": "Train to Luton", "circumstances": "Left on the luggage rack", **extra}
    return losses.report_loss(by=by, children=children, **fields)


def _form(**extra):
    return {"kind": "paper_file", "what": "Volume 2 of a paper file", **_date("lost_on", timezone.localdate()),
            "lost_where": "Car park", "circumstances": "Bag taken from the car", "children": "", **extra}


def test_any_signed_in_member_of_staff_sees_the_report_a_loss_link(edt, slt):
    for user in (edt, slt):
        body = client_for(user).get(reverse("casework:caseload")).content.decode()
        assert reverse("casework:loss_report") in body


def test_a_report_tells_the_reporters_manager_and_the_affected_childs_manager_at_once(
        child, other_child, practitioner, manager, care_manager, other_practitioner):
    mail.outbox.clear()
    response = client_for(practitioner).post(reverse("casework:loss_report"), _form(children=child.local_id))
    assert response.status_code == 302
    loss = LossReport.objects.get()
    assert response["Location"] == reverse("casework:loss_detail", args=[loss.pk])
    assert list(LossAffectedChild.objects.values_list("child", flat=True)) == [child.pk]
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert list(LossNotification.objects.values_list("user", flat=True)) == [manager.pk]
    message = mail.outbox[0]
    assert child.local_id in message.body
    for text in (message.subject, message.body):
        assert child.first_name not in text and child.last_name not in text and "Car park" not in text


def test_managers_of_every_affected_childs_team_are_told(child, other_child, admin_user, manager, care_manager):
    mail.outbox.clear()
    _report(admin_user, children=[child, other_child])  # the administrator sees both children
    assert sorted(address for m in mail.outbox for address in m.to) == sorted([manager.email, care_manager.email])


def test_only_children_the_reporter_may_see_can_be_named(child, other_child, practitioner):
    response = client_for(practitioner).post(reverse("casework:loss_report"),
                                             _form(children=f"{child.local_id}, {other_child.local_id}, CW-0000-0000"))
    assert error_summary(response) == [
        f"{other_child.local_id}, CW-0000-0000: not a local child ID of a record you can see"]
    assert not LossReport.objects.exists() and not mail.outbox
    with pytest.raises(ValidationError):
        _report(practitioner, children=[other_child])
    assert not LossReport.objects.exists()


def test_a_report_with_missing_details_gets_specific_errors(practitioner):
    response = client_for(practitioner).post(reverse("casework:loss_report"), {
        "what": "", **_date("lost_on", timezone.localdate() + timedelta(days=1)), "lost_where": "",
        "circumstances": ""})
    assert error_summary(response) == [
        "Select what was lost", "Describe what was lost", "The date it was lost cannot be in the future",
        "Enter where it was lost", "Describe how it was lost",
    ]
    assert not LossReport.objects.exists()


def test_recovery_actions_are_recorded_over_time_and_append_only(practitioner, manager):
    loss = _report(practitioner)
    client = client_for(manager)
    for days_ago, action in ((1, "Called the train operator's lost property"), (0, "Reported to the police")):
        response = client.post(reverse("casework:loss_action", args=[loss.pk]),
                               {**_date("taken_on", timezone.localdate() - timedelta(days=days_ago)), "action": action})
        assert response.status_code == 302 or days_ago == 1  # the first is before the loss: refused
    loss.refresh_from_db()
    assert list(loss.actions.values_list("action", flat=True)) == ["Reported to the police"]
    response = client.post(reverse("casework:loss_action", args=[loss.pk]),
                           {**_date("taken_on", timezone.localdate() - timedelta(days=1)), "action": "x"})
    assert error_summary(response) == ["The date of the action cannot be before the loss"]
    action = LossRecoveryAction.objects.get()
    with pytest.raises(ValueError):
        action.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        action.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        LossRecoveryAction.objects.filter(pk=action.pk).update(action="rewritten")
    body = client_for(practitioner).get(reverse("casework:loss_detail", args=[loss.pk])).content.decode()
    assert "Reported to the police" in body


def test_telling_the_family_needs_a_date_or_a_reason(child, practitioner, manager):
    loss = _report(practitioner, children=[child])
    url = reverse("casework:loss_family", args=[loss.pk])
    client = client_for(practitioner)
    assert error_summary(client.post(url, {"told": "yes"})) == ["Enter the date the child or family was told"]
    assert error_summary(client.post(url, {"told": "no", "not_told_reason": ""})) == [
        "Enter why the child or family has not been told"]
    loss.refresh_from_db()
    assert loss.family_told == ""
    assert client.post(url, {"told": "no", "not_told_reason": "Police asked us to wait"}).status_code == 302
    loss.refresh_from_db()
    assert (loss.family_told, loss.family_not_told_reason) == ("no", "Police asked us to wait")
    assert client.post(url, {"told": "yes", **_date("told_on", timezone.localdate())}).status_code == 302
    loss.refresh_from_db()
    assert (loss.family_told, loss.family_told_on, loss.family_not_told_reason) == ("yes", timezone.localdate(), "")
    assert loss.history.count() == 3  # created, not told, told


def test_closing_needs_a_recovery_effort_and_the_family_decision_and_a_manager(child, practitioner, manager):
    loss = _report(practitioner, children=[child])
    with pytest.raises(PermissionDenied):
        losses.close_loss(loss=loss, by=practitioner, outcome="recovered")
    url = reverse("casework:loss_close", args=[loss.pk])
    assert client_for(practitioner).get(url).status_code == 404
    response = client_for(manager).post(url, {"outcome": "recovered"})
    assert error_summary(response) == [
        "Record whether the child or family was told, or why not, before closing the report."]
    losses.record_family_told(loss=loss, by=practitioner, told="yes", told_on=timezone.localdate())
    assert error_summary(client_for(manager).post(url, {"outcome": "recovered"})) == [
        "Record at least one effort to recover it before closing the report."]
    losses.record_recovery_action(loss=loss, by=practitioner, taken_on=timezone.localdate(), action="Searched the car")
    assert client_for(manager).post(url, {"outcome": "recovered", "notes": "Found"}).status_code == 302
    loss.refresh_from_db()
    assert (loss.outcome, loss.closed_by) == ("recovered", manager) and not loss.is_open
    with pytest.raises(ValidationError):
        losses.record_recovery_action(loss=loss, by=practitioner, taken_on=timezone.localdate(), action="More")


def test_a_report_is_seen_by_the_reporter_and_the_managers_told_only(child, practitioner, colleague, manager,
                                                                   other_practitioner, care_manager):
    loss = _report(practitioner, children=[child])
    url = reverse("casework:loss_detail", args=[loss.pk])
    for user, allowed in ((practitioner, True), (manager, True), (colleague, False), (other_practitioner, False),
                          (care_manager, False)):
        response = client_for(user).get(url)
        assert response.status_code == (200 if allowed else 404), user
        listed = client_for(user).get(reverse("casework:losses")).content.decode()
        assert (url in listed) == allowed


def test_the_detail_names_children_only_to_those_who_may_see_them(child, admin_user, manager, other_child,
                                                                  care_manager):
    loss = _report(admin_user, children=[child, other_child])
    body = client_for(manager).get(reverse("casework:loss_detail", args=[loss.pk])).content.decode()
    assert child.last_name in body and other_child.local_id in body and other_child.last_name not in body


@pytest.mark.parametrize("size", [2, 15])
def test_loss_pages_queries_do_not_grow(child, practitioner, manager, size, django_assert_max_num_queries):
    for number in range(size):
        loss = _report(practitioner, children=[child], what=f"Laptop {number}")
        losses.record_recovery_action(loss=loss, by=practitioner, taken_on=timezone.localdate(), action="Searched")
    client = client_for(manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("casework:losses"))
    assert response.content.decode().count("Laptop ") == size
    with django_assert_max_num_queries(12):
        assert client.get(reverse("casework:loss_detail", args=[loss.pk])).status_code == 200

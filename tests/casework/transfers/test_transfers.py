"""Case transfers to another team (§15.2): pre-transfer audit first, dated transfer, receiving confirmation
seen by the sender, paper files moved with the date, and how access follows the case."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.transfers import services as transfers
from casework.models import CaseTransfer, PreTransferAudit
from casework.children.authorisation import may
from casework.children.selectors import may_see_restricted
from casework.transfers.models import AUDIT_CHECKS
from records.entries import services as entries
from records.paper_files import services as paper_files
from records.models import PaperFileMove
from tests.conftest import client_for
from tests.govuk_html import error_summary, parse

ALL_CHECKS = {name: True for name, _ in AUDIT_CHECKS}


def _complete_summary(case, by, kind="transfer_summary"):
    summary = entries.start_summary(child=case.child, by=by, kind=kind, event_at=timezone.now())
    answers = {q.key: "Summary for the receiving team." for q in summary.form_design.questions.filter(required=True)}
    return entries.complete_entry(entry=summary, by=by, expected_version=None, write_up=entries.WriteUp(
        answers=answers, information_source="first_hand", third_party_source="", originator=None,
        interpreter_used="no", household_changed=False, significant=False))


def _audit(case, manager):
    return transfers.record_pre_transfer_audit(case=case, by=manager, notes="All in order", **ALL_CHECKS)


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def case(child):
    return child.cases.get()


def test_transfer_is_refused_without_the_pre_transfer_audit(case, manager, care_team, care_manager):
    with pytest.raises(ValidationError, match="pre-transfer audit"):
        transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(),
                                reason="Long-term work")
    assert not CaseTransfer.objects.exists()


def test_the_transfer_page_refuses_without_an_audit_and_offers_it(child, manager, care_team, care_manager):
    client = client_for(manager)
    url = reverse("casework:transfer_new", args=[child.local_id])
    response = client.post(url, {"to_team": care_team.pk, **_date("transfer_date", timezone.localdate()),
                                 "reason": "Long-term work"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The case cannot be transferred yet" in body and reverse("casework:transfer_audit", args=[child.local_id]) in body
    assert not CaseTransfer.objects.exists()


def test_the_audit_needs_every_check_and_a_real_summary(case, child, manager):
    client = client_for(manager)
    url = reverse("casework:transfer_audit", args=[child.local_id])
    response = client.post(url, {"record_up_to_date": "on", "notes": "Partly done"})
    errors = error_summary(response)
    assert "Confirm: a case summary or transfer summary has been written and completed" in errors
    assert "Confirm: every paper file volume has been located" in errors
    assert len(errors) == 4
    response = client.post(url, {name: "on" for name in ALL_CHECKS})
    assert error_summary(response) == [
        "There is no completed case summary or transfer summary on this case. Write and complete one before the audit"]
    assert not PreTransferAudit.objects.exists()
    _complete_summary(case, manager)
    assert client.post(url, {name: "on" for name in ALL_CHECKS}).status_code == 302
    assert PreTransferAudit.objects.get(case=case).audited_by == manager


def test_only_the_sending_manager_audits(case, practitioner, care_manager):
    with pytest.raises(PermissionDenied):
        transfers.record_pre_transfer_audit(case=case, by=practitioner, **ALL_CHECKS)


def test_transfer_records_the_date_and_awaits_confirmation_for_both(case, child, manager, care_team, care_manager):
    _complete_summary(case, manager)
    _audit(case, manager)
    day = timezone.localdate() - timedelta(days=0)
    response = client_for(manager).post(reverse("casework:transfer_new", args=[child.local_id]), {
        "to_team": care_team.pk, **_date("transfer_date", day), "reason": "Child now looked after", "confirmed": "yes"})
    assert response.status_code == 302
    transfer = CaseTransfer.objects.get()
    assert (transfer.transfer_date, transfer.from_team.name, transfer.to_team, transfer.transferred_by) == (
        day, "Assessment Team", care_team, manager)
    # The receiving manager is told (local ID only) and may now open the record to confirm it.
    assert [m.to for m in mail.outbox if "transferred" in m.subject] == [[care_manager.email]]
    assert child.last_name not in mail.outbox[-1].body
    assert may(care_manager, child)
    for user in (manager, care_manager):
        body = client_for(user).get(reverse("casework:transfers")).content.decode()
        assert "Awaiting confirmation" in body and child.local_id in body
        body = client_for(user).get(reverse("casework:transfer", args=[child.local_id])).content.decode()
        assert "awaiting confirmation" in body


def test_a_transfer_date_in_the_future_is_refused(case, child, manager, care_team, care_manager):
    _complete_summary(case, manager)
    _audit(case, manager)
    response = client_for(manager).post(reverse("casework:transfer_new", args=[child.local_id]), {
        "to_team": care_team.pk, **_date("transfer_date", timezone.localdate() + timedelta(days=1)), "reason": "x"})
    assert error_summary(response) == ["The transfer date cannot be in the future"]
    assert not CaseTransfer.objects.exists()


def test_an_audit_serves_one_transfer_only(case, manager, care_team, care_manager, assessment_team):
    _complete_summary(case, manager)
    audit = _audit(case, manager)
    transfer = transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(),
                                       reason="Looked after")
    assert transfer.audit == audit and transfers.usable_audit(case) is None


def test_confirmation_moves_the_case_and_access_and_the_sender_sees_it(case, child, practitioner, manager, care_team,
                                                                      care_manager):
    _complete_summary(case, manager)
    _audit(case, manager)
    transfer = transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(),
                                       reason="Looked after")
    mail.outbox.clear()
    response = client_for(care_manager).post(
        reverse("casework:transfer_confirm", args=[child.local_id, transfer.pk]), {"notes": "All there"})
    assert response.status_code == 302 and response["Location"] == reverse("casework:allocate", args=[child.local_id])
    transfer.refresh_from_db()
    assert transfer.confirmed_by == care_manager and transfer.confirmed_at is not None
    allocation = transfers.current_allocation(case)
    assert allocation.team == care_team and allocation.worker is None  # the receiving manager allocates next
    # Access followed the case: the receiving manager has restricted access; the sending team's has gone.
    assert may_see_restricted(care_manager, child)
    assert not may(practitioner, child)
    # The sender is told, and sees the confirmation on the Transfers page though no longer on the record.
    assert [m.to for m in mail.outbox] == [[manager.email]] and child.last_name not in mail.outbox[0].body
    body = client_for(manager).get(reverse("casework:transfers")).content.decode()
    assert "Confirmed" in body and care_manager.get_full_name() in body and child.local_id in body
    assert child.last_name not in body


def test_only_the_receiving_manager_confirms(case, child, manager, care_team, care_manager):
    _complete_summary(case, manager)
    _audit(case, manager)
    transfer = transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(),
                                       reason="Looked after")
    with pytest.raises(PermissionDenied):
        transfers.confirm_transfer(transfer=transfer, by=manager)
    url = reverse("casework:transfer_confirm", args=[child.local_id, transfer.pk])
    assert client_for(manager).post(url, {}).status_code == 404
    transfer.refresh_from_db()
    assert transfer.confirmed_at is None


def test_a_second_transfer_waits_for_the_first(case, manager, care_team, care_manager):
    _complete_summary(case, manager)
    _audit(case, manager)
    transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(), reason="x")
    _audit(case, manager)
    with pytest.raises(ValidationError, match="already awaiting"):
        transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(),
                                reason="x")


def test_paper_files_moved_on_confirmation_record_the_new_location_and_date(case, child, practitioner, manager,
                                                                          care_team, care_manager):
    volume = paper_files.add_volume(child=child, by=practitioner, number=1, covers_from=date(2026, 1, 12),
                                    covers_to=None, usual_location="Cabinet 3, Borough Hall")
    _complete_summary(case, manager)
    _audit(case, manager)
    transfer = transfers.transfer_case(case=case, by=manager, to_team=care_team, transfer_date=timezone.localdate(),
                                       reason="Looked after")
    url = reverse("casework:transfer_confirm", args=[child.local_id, transfer.pk])
    client = client_for(care_manager)
    response = client.post(url, {"notes": ""})
    assert error_summary(response) == ["Enter where the paper files are kept now",
                                       "Enter the date the paper files moved as a day, month and year"]
    transfer.refresh_from_db()
    assert transfer.confirmed_at is None and not PaperFileMove.objects.exists()  # nothing saved partially
    today = timezone.localdate()
    response = client.post(url, {"paper_files_location": "Cabinet 7, Care Team", **_date("paper_files_moved_on", today)})
    assert response.status_code == 302
    move = PaperFileMove.objects.get(volume=volume)
    assert (move.moved_on, move.from_location, move.to_location) == (today, "Cabinet 3, Borough Hall",
                                                                     "Cabinet 7, Care Team")
    assert "Case transfer to Children in Care Team" == move.reason
    transfer.refresh_from_db()
    assert (transfer.paper_files_location, transfer.paper_files_moved_on) == ("Cabinet 7, Care Team", today)


@pytest.mark.parametrize("size", [1, 12])
def test_transfers_list_queries_do_not_grow(manager, care_team, care_manager, assessment_team, size,
                                            django_assert_max_num_queries):
    from tests.conftest import open_record
    from tests.casework.transfers.transfer_builders import awaiting_transfer

    for number in range(size):
        kid = open_record(team=assessment_team, manager=manager, first_name=f"Kid{number}", last_name="Lee",
                          dob=date(2015, 1, 1) + timedelta(days=number))
        awaiting_transfer(kid)
    client = client_for(manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("casework:transfers"))
    assert response.content.decode().count("Awaiting confirmation</strong>") == size


def test_the_transfers_list_names_each_child_the_manager_may_open(case, child, manager, care_team, care_manager):
    """Awaiting confirmation, both managers see the child's name, linked to the transfer page; after the
    confirmation the sender, whose access has ended, sees the local ID and why there is no name."""
    from tests.casework.transfers.transfer_builders import awaiting_transfer
    from tests.govuk_html import parse

    transfer = awaiting_transfer(child)
    for user in (manager, care_manager):
        page = parse(client_for(user).get(reverse("casework:transfers")).content)
        links = [el for el in page.iter() if el.tag == "a" and el.text() == child.full_name]
        assert links and links[0].attrs["href"] == reverse("casework:transfer", args=[child.local_id])
    transfers.confirm_transfer(transfer=transfer, by=care_manager)
    body = parse(client_for(manager).get(reverse("casework:transfers")).content).text()
    assert child.local_id in body and "Your team no longer sees this record" in body
    assert child.last_name not in body
    assert child.full_name in parse(client_for(care_manager).get(reverse("casework:transfers")).content).text()


def test_the_transfer_and_audit_pages_link_to_writing_the_summary_the_audit_needs(case, child, manager):
    summary_url = reverse("records:summary_new", args=[child.local_id]) + "?kind=transfer_summary"
    client = client_for(manager)
    for name in ("casework:transfer", "casework:transfer_audit"):
        page = parse(client.get(reverse(name, args=[child.local_id])).content)
        links = [el.attrs["href"] for el in page.iter() if el.tag == "a" and el.text() == "Write the transfer summary"]
        assert links == [summary_url], name
    summary_page = client.get(summary_url)
    assert summary_page.status_code == 200
    chosen = [el for el in parse(summary_page.content).iter() if el.tag == "input" and el.attrs.get("name") == "kind"
              and "checked" in el.attrs]
    assert [el.attrs["value"] for el in chosen] == ["transfer_summary"]
    _complete_summary(case, manager)
    body = client.get(reverse("casework:transfer", args=[child.local_id])).content.decode()
    assert "Write the transfer summary" not in body and "transfer summary is written and completed" in body


def test_sending_a_transfer_asks_for_confirmation_on_a_check_page_first(case, child, manager, care_team,
                                                                       care_manager):
    _complete_summary(case, manager)
    _audit(case, manager)
    client = client_for(manager)
    url = reverse("casework:transfer_new", args=[child.local_id])
    answers = {"to_team": care_team.pk, **_date("transfer_date", timezone.localdate()), "reason": "Now looked after"}

    check = client.post(url, answers)
    assert check.status_code == 200 and not CaseTransfer.objects.exists()
    page = parse(check.content)
    shown = " ".join(el.text() for el in page.iter() if el.attrs.get("id") == "transfer-check")
    assert care_team.name in shown and "Now looked after" in shown
    assert "no longer sees the record" in page.text()
    carried = {el.attrs["name"]: el.attrs["value"] for el in page.iter()
               if el.tag == "input" and el.attrs.get("type") == "hidden" and el.attrs["name"] != "csrfmiddlewaretoken"}
    assert carried == {name: str(value) for name, value in answers.items()}

    change = client.post(url, {**carried, "change": "yes"})
    assert 'value="Now looked after"' in change.content.decode() or "Now looked after</textarea>" in change.content.decode()
    assert not CaseTransfer.objects.exists()

    sent = client.post(url, {**carried, "confirmed": "yes"})
    assert sent.status_code == 302 and CaseTransfer.objects.get().reason == "Now looked after"


# --- The transfer pages of a child: who may use them, and their queries (issue 15 re-audit) ---------

def test_the_transfer_pages_are_not_found_for_someone_who_cannot_see_the_child(case, child, manager, care_team,
                                                                               care_manager, other_practitioner):
    from tests.casework.transfers.transfer_builders import awaiting_transfer
    transfer = awaiting_transfer(child)
    audits_before = PreTransferAudit.objects.count()
    client = client_for(other_practitioner)
    for name in ("transfer", "transfer_audit", "transfer_new"):
        assert client.get(reverse(f"casework:{name}", args=[child.local_id])).status_code == 404, name
    assert client.post(reverse("casework:transfer_audit", args=[child.local_id]),
                       {"notes": "x", **{k: "on" for k in ALL_CHECKS}}).status_code == 404
    confirm = reverse("casework:transfer_confirm", args=[child.local_id, transfer.pk])
    assert client.get(confirm).status_code == 404 and client.post(confirm, {}).status_code == 404
    assert PreTransferAudit.objects.count() == audits_before
    assert CaseTransfer.objects.get(pk=transfer.pk).confirmed_at is None


@pytest.mark.parametrize("audits", [1, 8])
def test_the_transfer_pages_of_a_child_read_a_fixed_number_of_queries(case, child, manager, audits,
                                                                      django_assert_max_num_queries):
    from casework.banner.selectors import BANNER_QUERIES
    _complete_summary(case, manager)
    for _ in range(audits):
        _audit(case, manager)
    client = client_for(manager)
    for name in ("transfer", "transfer_audit", "transfer_new"):
        url = reverse(f"casework:{name}", args=[child.local_id])
        client.get(url)  # warm
        with django_assert_max_num_queries(16 + BANNER_QUERIES):
            assert client.get(url).status_code == 200, name

"""The timeliness engine (§4, §5.2, §5.5, §10): flags open when work is overdue and close when done."""

import threading
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from records.entries import services
from records.timeliness.digests import send_daily_digests
from records.models import Entry, Flag
from records.timeliness.services import run_flag_pass
from records.calendar.working_days import LONDON
from tests.conftest import client_for


def london(*args):
    return datetime(*args, tzinfo=LONDON)


def open_flags(kind=None):
    flags = Flag.objects.filter(closed_at__isnull=True)
    return flags.filter(kind=kind) if kind else flags


def write_up(entry, **answers):
    required = {q.key: "Written" for q in entry.form_design.questions.filter(required=True)
                if q.answer_type in ("short_text", "long_text")}
    return services.WriteUp(answers={**required, **answers}, information_source="first_hand", third_party_source="",
                            originator=None, interpreter_used="no", household_changed=False, significant=False)


@pytest.fixture
def visit(child, practitioner):
    # Monday 16 November 2026, 10:00: due by the end of Wednesday 18 November.
    return services.plan_visit(child=child, by=practitioner, event_at=london(2026, 11, 16, 10), purpose="Home visit")


def record_basic(entry, by, when):
    return services.record_basic_details(
        entry=entry, by=by, event_at=when, who_was_seen="Amara", child_seen=True, reason_child_not_seen="",
        child_seen_alone=True, venue="Home", others_present="",
    )


def test_visit_without_basic_details_is_flagged_after_its_due_time_and_not_before(visit):
    run_flag_pass(now=london(2026, 11, 18, 23, 59))
    assert not open_flags("basic_details_overdue").exists()
    run_flag_pass(now=london(2026, 11, 19, 0, 0))
    flag = open_flags("basic_details_overdue").get()
    assert flag.entry == visit and flag.owner == visit.recorded_by and flag.child == visit.child
    assert flag.due_at == london(2026, 11, 19, 0, 0)


def test_basic_details_flag_closes_when_the_details_are_recorded(visit, practitioner):
    run_flag_pass(now=london(2026, 11, 20, 9))
    record_basic(visit, practitioner, london(2026, 11, 16, 10))
    run_flag_pass(now=london(2026, 11, 20, 10))
    flag = Flag.objects.get(kind="basic_details_overdue")
    assert flag.closed_at == london(2026, 11, 20, 10)
    assert "work was done" in flag.closed_reason
    assert not open_flags("basic_details_overdue").exists()


def test_write_up_flag_opens_for_an_unfinished_visit_and_closes_on_completion(visit, practitioner):
    record_basic(visit, practitioner, london(2026, 11, 16, 10))
    run_flag_pass(now=london(2026, 11, 19, 9))
    assert open_flags("write_up_overdue").filter(entry=visit).exists()
    services.complete_entry(entry=visit, by=practitioner, write_up=write_up(visit), expected_version=None)
    run_flag_pass(now=london(2026, 11, 19, 10))
    assert not open_flags("write_up_overdue").exists()
    assert Flag.objects.filter(kind="write_up_overdue", closed_at__isnull=False).count() == 1
    visit.refresh_from_db()
    assert visit.is_late_entry  # the closed flag leaves the entry's own Late entry mark


def test_contact_write_up_overdue(child, practitioner):
    contact = services.start_contact(child=child, by=practitioner, kind="contact_phone",
                                     event_at=london(2026, 11, 16, 10), others_present="Mother")
    run_flag_pass(now=london(2026, 11, 19, 9))
    assert open_flags("write_up_overdue").filter(entry=contact).exists()
    assert not open_flags("draft_overdue").exists()


def test_unfinished_draft_decision_is_flagged(child, practitioner):
    decision = services.start_decision(child=child, by=practitioner, event_at=london(2026, 11, 16, 10),
                                       decision_maker_name="Marcus Bennett", decision_maker_role="Team Manager")
    run_flag_pass(now=london(2026, 11, 19, 9))
    assert open_flags("draft_overdue").get().entry == decision


def test_case_without_a_summary_in_three_months_is_flagged_until_one_is_completed(child, practitioner):
    case = child.cases.get()  # referred 12 January 2026
    run_flag_pass(now=london(2026, 4, 11, 12))
    assert not open_flags("case_summary_due").exists()
    run_flag_pass(now=london(2026, 4, 13, 12))
    flag = open_flags("case_summary_due").get()
    assert flag.case == case and flag.owner == practitioner
    entry = services._new_entry(child=child, kind="case_summary", by=practitioner,
                                event_at=london(2026, 4, 14, 9), status=Entry.Status.DRAFT)
    services.complete_entry(entry=entry, by=practitioner, write_up=write_up(entry), expected_version=None)
    run_flag_pass(now=london(2026, 4, 15, 12))
    assert not open_flags("case_summary_due").exists()


def test_running_the_pass_twice_changes_nothing(visit):
    first = run_flag_pass(now=london(2026, 11, 20, 9))
    before = list(Flag.objects.values_list("id", "kind", "closed_at"))
    second = run_flag_pass(now=london(2026, 11, 20, 9))
    assert sum(opened for opened, _ in first.values()) >= 1
    assert all(counts == (0, 0) for counts in second.values())
    assert list(Flag.objects.values_list("id", "kind", "closed_at")) == before


def test_the_database_refuses_a_second_open_flag_for_the_same_work(visit):
    run_flag_pass(now=london(2026, 11, 20, 9))
    flag = open_flags("basic_details_overdue").get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(kind=flag.kind, child=flag.child, entry=flag.entry, due_at=flag.due_at)


def test_a_flag_can_only_be_closed_once_and_never_deleted(visit):
    run_flag_pass(now=london(2026, 11, 20, 9))
    flag = open_flags().first()
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE records_flag SET due_at = due_at + interval '1 day' WHERE id = %s", [flag.pk])
    with pytest.raises(Exception), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM records_flag WHERE id = %s", [flag.pk])
    Flag.objects.filter(pk=flag.pk).update(closed_at=london(2026, 11, 20, 10), closed_reason="done")
    with pytest.raises(Exception), transaction.atomic():
        Flag.objects.filter(pk=flag.pk).update(closed_at=london(2026, 11, 21, 10))


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_once_open_each_flag_once(policy_designs, assessment_team, manager, practitioner):
    from tests.conftest import open_record

    child = open_record(team=assessment_team, manager=manager, worker=practitioner)
    for day in range(1, 6):
        services.plan_visit(child=child, by=practitioner, event_at=london(2026, 11, day, 10), purpose="Visit")
    now = london(2026, 11, 20, 9)
    errors = []

    def run():
        try:
            run_flag_pass(now=now)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert open_flags("basic_details_overdue").count() == 5
    assert open_flags("write_up_overdue").count() == 5


def test_due_time_spans_the_christmas_bank_holidays(child, practitioner):
    # Thursday 24 December 2026: Friday 25 and Monday 28 (Boxing Day substitute) are bank holidays.
    services.plan_visit(child=child, by=practitioner, event_at=london(2026, 12, 24, 15), purpose="Christmas visit")
    run_flag_pass(now=london(2026, 12, 30, 23, 30))
    assert not open_flags("basic_details_overdue").exists()
    run_flag_pass(now=london(2026, 12, 31, 0, 1))
    assert open_flags("basic_details_overdue").get().due_at == london(2026, 12, 31, 0, 0)


def test_due_times_are_london_midnight_across_the_october_clock_change(child, practitioner):
    # Friday 23 October 2026 (BST); the clocks go back on Sunday 25; due by the end of Tuesday 27 (GMT).
    entry = services.plan_visit(child=child, by=practitioner, event_at=london(2026, 10, 23, 16), purpose="Visit")
    assert entry.due_at == london(2026, 10, 28, 0, 0)
    assert entry.due_at.utcoffset() == timedelta(0)
    run_flag_pass(now=london(2026, 10, 27, 23, 59))
    assert not open_flags("basic_details_overdue").exists()


def test_management_command_runs_the_same_pass(visit, capsys):
    call_command("flag_overdue")
    assert open_flags("basic_details_overdue").filter(entry=visit).exists()
    assert "Basic details of a visit not recorded: 1 opened" in capsys.readouterr().out


def test_caseload_and_record_show_flags_with_how_overdue(visit, child, practitioner, manager, other_practitioner,
                                                         other_child):
    run_flag_pass()
    caseload = client_for(practitioner).get("/caseload/").content.decode()
    assert "Your overdue work" in caseload and "Basic details of a visit not recorded" in caseload
    assert "days" in caseload
    assert "Overdue work in your team" in client_for(manager).get("/caseload/").content.decode()
    record = client_for(practitioner).get(f"/children/{child.local_id}/").content.decode()
    assert "Overdue work" in record and "Basic details of a visit not recorded" in record
    # Another team's practitioner sees none of it.
    assert child.local_id not in client_for(other_practitioner).get("/caseload/").content.decode()


def test_daily_digest_names_children_by_local_id_only_and_is_sent_once(visit, child, practitioner, manager):
    run_flag_pass()
    assert send_daily_digests() == 2  # the practitioner, and the team's manager
    assert send_daily_digests() == 0  # run twice: nothing more
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert child.local_id in message.body
        assert child.first_name not in message.body and child.last_name not in message.body
        assert "Home visit" not in message.body  # no case content
    assert {message.to[0] for message in mail.outbox} == {practitioner.email, manager.email}


def test_flags_are_not_shown_to_someone_who_cannot_see_the_child(visit, other_practitioner):
    run_flag_pass()
    assert "Your overdue work" not in client_for(other_practitioner).get("/caseload/").content.decode()




def test_a_pass_that_dies_half_way_leaves_whole_kinds_and_the_next_pass_converges(visit, practitioner, monkeypatch):
    from records.timeliness import services as timeliness

    now = london(2026, 11, 20, 9)
    real_open = timeliness._open_missing

    def die_on_write_up(kind, when, *overdue):
        if kind.code == "write_up_overdue":
            raise SystemExit("worker killed")
        return real_open(kind, when, *overdue)

    monkeypatch.setattr(timeliness, "_open_missing", die_on_write_up)
    with pytest.raises(SystemExit):
        run_flag_pass(now=now)
    assert open_flags("basic_details_overdue").count() == 1  # the kind before the crash is complete
    assert not open_flags("write_up_overdue").exists()  # the kind being written left nothing half done
    monkeypatch.setattr(timeliness, "_open_missing", real_open)
    run_flag_pass(now=now)
    assert open_flags("write_up_overdue").count() == 1
    assert run_flag_pass(now=now) == {kind.code: (0, 0) for kind in timeliness.KINDS}

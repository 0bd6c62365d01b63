"""Record audits (§4, §13): a repeatable random draw, the checklist and grade, deficiencies put right
and confirmed, overdue deficiencies as flags, and results over time."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from records.oversight import audits
from records.models import Flag
from records.oversight.models import CHECKLIST, AuditDeficiency, AuditSample, RecordAudit
from records.timeliness.services import run_flag_pass
from tests.conftest import client_for, open_record
from tests.govuk_html import error_summary
from tests.records.conftest import refused_by_database
from tests.records.oversight.oversight_builders import completed_entry, sample_with_audit, table_rows


@pytest.fixture(autouse=True)
def _designs(policy_designs):
    """The approved designs (put back if a browser test emptied the tables)."""


@pytest.fixture
def caseload(child, practitioner, colleague, manager, assessment_team):
    """Eight children with entries by Priya and five by the colleague in the last month."""
    now = timezone.now()
    kids = [child] + [open_record(team=assessment_team, manager=manager, worker=practitioner, first_name=f"Kid{n}")
                      for n in range(7)]
    for n, kid in enumerate(kids):
        completed_entry(kid, practitioner, event_at=now - timedelta(days=n + 1), completed_at=now - timedelta(days=n))
    for kid in kids[3:]:
        completed_entry(kid, colleague, event_at=now - timedelta(days=2), completed_at=now - timedelta(days=1))
    return kids


def _draw(team, manager, seed=None, n=2):
    return audits.draw_sample(team=team, by=manager, period_start=timezone.localdate() - timedelta(days=20),
                              period_end=timezone.localdate(), per_practitioner=n, seed=seed)


def test_the_draw_is_recorded_and_repeated_from_its_seed(caseload, manager, assessment_team, practitioner, colleague):
    sample = _draw(assessment_team, manager, seed=424242)
    drawn = [(a.practitioner_id, a.child_id) for a in sample.audits.order_by("position")]
    assert len(drawn) == 4 and len({child for _, child in drawn}) == 4
    assert audits.redraw(sample) == drawn
    # The population as it was is kept, and the same query over the same data gives it again.
    assert sample.population == audits.population(team=assessment_team, by=manager,
                                                  period_start=sample.period_start, period_end=sample.period_end)
    assert sorted(sample.population[str(practitioner.pk)]) == sorted(k.pk for k in caseload)
    # A second draw with the same seed chooses the same records.
    again = _draw(assessment_team, manager, seed=424242)
    assert [(a.practitioner_id, a.child_id) for a in again.audits.order_by("position")] == drawn


def test_the_draw_is_random(caseload, manager, assessment_team):
    seeds = range(1, 30)
    draws = {tuple(audits.choose({"1": list(range(100, 140))}, 3, seed)) for seed in seeds}
    assert len(draws) > 20  # different seeds choose different records
    sample = _draw(assessment_team, manager)
    assert sample.seed > 0 and audits.redraw(sample) == [(a.practitioner_id, a.child_id)
                                                         for a in sample.audits.order_by("position")]


def test_choose_never_draws_more_than_there_are_nor_a_child_twice():
    chosen = audits.choose({"2": [5, 6], "1": [5, 7, 8]}, 5, seed=1)
    assert sorted(c for _, c in chosen) == [5, 6, 7, 8]
    assert [p for p, _ in chosen][:3] == [1, 1, 1]


def test_only_the_teams_manager_draws_and_bad_periods_are_refused(caseload, manager, care_manager, assessment_team):
    with pytest.raises(PermissionDenied):
        _draw(assessment_team, care_manager)
    with pytest.raises(ValidationError):
        audits.draw_sample(team=assessment_team, by=manager, period_start=timezone.localdate(),
                           period_end=timezone.localdate() - timedelta(days=1), per_practitioner=1)
    assert not AuditSample.objects.exists()


def test_manager_draws_a_sample_through_the_page(caseload, manager, assessment_team):
    client = client_for(manager)
    today = timezone.localdate()
    start = today - timedelta(days=20)
    bad = client.post(reverse("records:audit_sample_new"), {"team": assessment_team.pk, "per_practitioner": "0"})
    assert "Enter the start of the period as a day, month and year" in error_summary(bad)
    assert "Draw at least 1 record for each practitioner" in error_summary(bad)
    assert not AuditSample.objects.exists()
    response = client.post(reverse("records:audit_sample_new"), {
        "team": assessment_team.pk, "period_start_0": start.day, "period_start_1": start.month,
        "period_start_2": start.year, "period_end_0": today.day, "period_end_1": today.month,
        "period_end_2": today.year, "per_practitioner": "1"})
    sample = AuditSample.objects.get()
    assert response["Location"] == reverse("records:audit_sample", args=[sample.pk])
    page = client.get(response["Location"]).content.decode()
    assert str(sample.seed) in page and "Same records" in page
    assert len(table_rows(page, "sampled")) == 2


def _answers(result="met", comment=""):
    return {code: audits.ChecklistAnswer(result, comment) for code, _ in CHECKLIST}


def test_an_audit_needs_every_item_a_comment_when_not_met_and_a_grade(child, practitioner, manager, assessment_team):
    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    with pytest.raises(ValidationError):
        audits.complete_audit(audit=audit, by=manager, answers=_answers("not_met"), grade="good", summary="")
    with pytest.raises(ValidationError):
        audits.complete_audit(audit=audit, by=manager, answers=_answers(), grade="", summary="")
    answers = _answers()
    del answers["childs_views"]
    with pytest.raises(ValidationError):
        audits.complete_audit(audit=audit, by=manager, answers=answers, grade="good", summary="")
    audit.refresh_from_db()
    assert not audit.is_completed
    done = audits.complete_audit(audit=audit, by=manager, answers=_answers("not_met", "Missing"), grade="inadequate",
                                 summary="Needs work")
    assert done.grade == "inadequate" and done.checklist["childs_views"] == {"result": "not_met", "comment": "Missing"}
    with pytest.raises(ValidationError):
        audits.complete_audit(audit=audit, by=manager, answers=_answers(), grade="good", summary="")


def _audit_form(result="met", grade="good"):
    data = {"grade": grade, "summary": "Clear and up to date"}
    for code, _ in CHECKLIST:
        data[f"{code}_result"] = result
        data[f"{code}_comment"] = ""
    return data


def test_manager_audits_a_record_and_assigns_a_deficiency_that_the_practitioner_puts_right(
        child, practitioner, manager, assessment_team):
    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    boss, worker = client_for(manager), client_for(practitioner)
    url = reverse("records:record_audit", args=[child.local_id, audit.pk])
    errors = error_summary(boss.post(url, _audit_form(result="not_met")))
    assert any("Say what is missing for" in e for e in errors)
    assert boss.post(url, _audit_form()).status_code == 302
    audit.refresh_from_db()
    assert audit.grade == "good" and audit.auditor == manager

    due = timezone.localdate() + timedelta(days=10)
    response = boss.post(reverse("records:deficiency_new", args=[child.local_id, audit.pk]), {
        "description": "Record the child's views on the last visit", "assigned_to": practitioner.pk,
        "put_right_by_0": due.day, "put_right_by_1": due.month, "put_right_by_2": due.year})
    assert response.status_code == 302
    deficiency = AuditDeficiency.objects.get()
    assert (deficiency.assigned_to, deficiency.audit, deficiency.child) == (practitioner, audit, child)

    actions = worker.get(reverse("records:audit_actions")).content.decode()
    assert "Record the child" in actions
    detail = reverse("records:deficiency", args=[child.local_id, deficiency.pk])
    assert "Say what you did to put it right" in error_summary(worker.post(detail, {"action": "done", "note": ""}))
    worker.post(detail, {"action": "done", "note": "Added the views"})
    deficiency.refresh_from_db()
    assert deficiency.done_at and deficiency.done_note == "Added the views"

    assert "Say why it is not put right yet" in error_summary(
        boss.post(detail, {"action": "review", "decision": "send_back", "note": ""}))
    boss.post(detail, {"action": "review", "decision": "send_back", "note": "Only half of them"})
    deficiency.refresh_from_db()
    assert deficiency.done_at is None and deficiency.sent_back_note == "Only half of them"
    worker.post(detail, {"action": "done", "note": "All of them now"})
    boss.post(detail, {"action": "review", "decision": "confirm"})
    deficiency.refresh_from_db()
    assert deficiency.confirmed_by == manager and deficiency.confirmed_at


def test_others_cannot_see_or_act_on_a_deficiency(child, practitioner, colleague, manager, assessment_team):
    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    deficiency = audits.add_deficiency(audit=audit, by=manager, description="Sign it", assigned_to=practitioner,
                                       put_right_by=timezone.localdate())
    detail = reverse("records:deficiency", args=[child.local_id, deficiency.pk])
    assert client_for(colleague).get(detail).status_code == 404
    with pytest.raises(PermissionDenied):
        audits.mark_done(deficiency=deficiency, by=colleague, note="Not mine")
    with pytest.raises(PermissionDenied):
        audits.add_deficiency(audit=audit, by=practitioner, description="x", assigned_to=practitioner,
                              put_right_by=timezone.localdate())
    # The practitioner cannot confirm their own work.
    audits.mark_done(deficiency=deficiency, by=practitioner, note="Signed")
    assert client_for(practitioner).post(detail, {"action": "review", "decision": "confirm"}).status_code == 404


def test_an_overdue_deficiency_becomes_a_flag_until_it_is_done(child, practitioner, manager, assessment_team):
    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    deficiency = audits.add_deficiency(audit=audit, by=manager, description="Sign it", assigned_to=practitioner,
                                       put_right_by=timezone.localdate())
    run_flag_pass(now=timezone.now())
    assert not Flag.objects.filter(kind="audit_deficiency_overdue").exists()  # today is not over yet
    later = timezone.now() + timedelta(days=2)
    run_flag_pass(now=later)
    flag = Flag.objects.get(kind="audit_deficiency_overdue", closed_at__isnull=True)
    assert (flag.owner, flag.audit_deficiency, flag.child) == (practitioner, deficiency, child)
    caseload = client_for(practitioner).get(reverse("casework:caseload")).content.decode()
    assert reverse("records:deficiency", args=[child.local_id, deficiency.pk]) in caseload  # the flag's link
    audits.mark_done(deficiency=deficiency, by=practitioner, note="Signed")
    run_flag_pass(now=later)
    flag.refresh_from_db()
    assert flag.closed_at is not None
    # Sent back, it is overdue again: a new flag opens.
    audits.send_back(deficiency=deficiency, by=manager, note="Not signed")
    run_flag_pass(now=later)
    assert Flag.objects.filter(kind="audit_deficiency_overdue", closed_at__isnull=True).count() == 1


def test_audit_results_over_time_per_team_and_practitioner(child, practitioner, manager, assessment_team, slt):
    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    audits.complete_audit(audit=audit, by=manager, answers=_answers(), grade="good", summary="")
    results = audits.audit_results([assessment_team.pk])
    assert len(results) == 1
    line = results[0]
    assert line["team"] == assessment_team.name and line["practitioner"] == "Priya Shah"
    assert line["total"] == 1 and line["grades"]["good"] == 1
    for user in (manager, slt):
        page = client_for(user).get(reverse("records:audits")).content.decode()
        rows = table_rows(page, "audit-results")
        assert len(rows) == 1 and "Priya Shah" in rows[0].text() and "Good" in page
    monthly = client_for(manager).get(reverse("records:audits"), {"by": "month"}).content.decode()
    assert f"{timezone.localdate():%B %Y}" in monthly
    dashboard = client_for(manager).get(reverse("records:team_dashboard")).content.decode()
    assert len(table_rows(dashboard, "audit-results")) == 1


def test_audit_models_are_never_deleted(child, practitioner, manager, assessment_team):
    sample, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    for obj in (sample, audit):
        # Refused by the database, or before it by Django when another row holds this one (PROTECT).
        assert re.search("never deleted|protected foreign keys", refused_by_database(obj.delete))
    assert RecordAudit.objects.count() == 1


def test_who_puts_a_deficiency_right_is_chosen_from_a_list_that_says_so(child, practitioner, manager, assessment_team):
    """The empty choice says what to do, never Django's "---------"."""
    from tests.govuk_html import parse

    _, audit = sample_with_audit(team=assessment_team, manager=manager, child=child, practitioner=practitioner)
    page = parse(client_for(manager).get(reverse("records:deficiency_new", args=[child.local_id, audit.pk])).content)
    options = [el.text() for el in page.iter() if el.tag == "option" and el.parent.attrs.get("name") == "assigned_to"]
    assert options[0] == "Choose who will put it right"
    assert practitioner.get_full_name() in " ".join(options[1:]) and "---" not in " ".join(options)

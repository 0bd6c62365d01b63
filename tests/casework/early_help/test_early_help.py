"""Issue 17 (Ofsted's Annex A, list 2): a child's early help assessments, recorded and changed on the child's Cases
tab through services that check the writer through the one door and refuse impossible dates with specific errors;
every earlier version kept, each write audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from access.permissions import services as permissions
from casework.early_help import services
from casework.early_help.forms import EarlyHelpAssessmentForm
from casework.early_help.models import EarlyHelpAssessment
from records.management.commands._seed_early_help import seed_early_help
from tests.conftest import client_for, open_record
from tests.govuk_html import assert_form_error, texts

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()  # London


def add_url(child):
    return reverse("casework:early_help_add", args=[child.local_id])


def change_url(assessment):
    return reverse("casework:early_help_change", args=[assessment.child.local_id, assessment.pk])


def date_fields(name: str, day: date | None) -> dict:
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_an_assessment_is_recorded_completed_later_and_kept(child, practitioner):
    started = today() - timedelta(days=40)
    assessment = services.record_early_help_assessment(child=child, by=practitioner, started_on=started,
                                                       organisation="health_visitor")
    assert (assessment.started_on, assessment.completed_on, assessment.organisation_words) == (
        started, None, "A health visitor")
    services.change_early_help_assessment(assessment=assessment, by=practitioner, started_on=started,
                                          completed_on=today() - timedelta(days=5), organisation="other",
                                          organisation_other="  Young carers' project ")
    assessment.refresh_from_db()
    assert assessment.completed_on == today() - timedelta(days=5)
    assert assessment.organisation_words == "Young carers' project"
    versions = list(assessment.history.order_by("history_id"))
    assert [(v.completed_on, v.organisation, v.history_user_id) for v in versions] == [
        (None, "health_visitor", practitioner.pk), (today() - timedelta(days=5), "other", practitioner.pk)]
    assert list(AuditEvent.objects.filter(child=child).filter(
        action__in=[AuditAction.RECORDED_EARLY_HELP, AuditAction.CHANGED_EARLY_HELP]).order_by("id").values_list(
        "action", flat=True)) == [AuditAction.RECORDED_EARLY_HELP, AuditAction.CHANGED_EARLY_HELP]


def test_the_name_of_another_organisation_is_kept_only_for_another(child, practitioner):
    assessment = services.record_early_help_assessment(child=child, by=practitioner, started_on=today(),
                                                       organisation="school", organisation_other="Ignored")
    assert (assessment.organisation_other, assessment.organisation_words) == ("", "A school or college")


@pytest.mark.parametrize("values, field, message", [
    ({"started_on": 1}, "started_on", "The date the assessment started cannot be in the future"),
    ({"completed_on": 1}, "completed_on", "The date the assessment was completed cannot be in the future"),
    ({"started_on": -10, "completed_on": -11}, "completed_on",
     "The date the assessment was completed cannot be before it started, "),
    ({"organisation": "police_station"}, "organisation",
     "Select the organisation completing the assessment from the list"),
    ({"organisation": "other"}, "organisation_other", "Enter the name of the organisation completing the assessment"),
    ({"organisation": "other", "organisation_other": "   "}, "organisation_other",
     "Enter the name of the organisation completing the assessment"),
])
def test_a_wrong_assessment_is_refused_with_a_specific_error(child, practitioner, values, field, message):
    fields = {"started_on": -10, "organisation": "early_help_service", **values}
    for name in ("started_on", "completed_on"):
        if name in fields:
            fields[name] = today() + timedelta(days=fields[name])
    with pytest.raises(ValidationError) as refused:
        services.record_early_help_assessment(child=child, by=practitioner, **fields)
    assert refused.value.message_dict[field][0].startswith(message)
    assert not EarlyHelpAssessment.objects.exists()


def test_an_assessment_cannot_start_before_the_child_was_born(child, practitioner):
    born = child.date_of_birth
    with pytest.raises(ValidationError) as refused:
        services.record_early_help_assessment(child=child, by=practitioner, started_on=born - timedelta(days=1),
                                              organisation="health_visitor")
    assert refused.value.message_dict["started_on"] == [
        f"The date the assessment started cannot be before the child's date of birth, {born:%-d %B %Y}"]
    services.record_early_help_assessment(child=child, by=practitioner, started_on=born,
                                          organisation="health_visitor")  # the day of birth is allowed
    assert EarlyHelpAssessment.objects.count() == 1


def test_two_assessments_of_the_child_cannot_overlap(child, practitioner):
    first = services.record_early_help_assessment(child=child, by=practitioner, started_on=today() - timedelta(days=60),
                                                  organisation="school")
    with pytest.raises(ValidationError) as refused:  # the first is still open
        services.record_early_help_assessment(child=child, by=practitioner, started_on=today() - timedelta(days=10),
                                              organisation="school_nurse")
    assert refused.value.message_dict["started_on"][0].startswith(
        "The child has another early help assessment in that time, started on ")
    services.change_early_help_assessment(assessment=first, by=practitioner, started_on=first.started_on,
                                          completed_on=today() - timedelta(days=30), organisation="school")
    services.record_early_help_assessment(child=child, by=practitioner, started_on=today() - timedelta(days=10),
                                          organisation="school_nurse")  # after the first was completed
    assert EarlyHelpAssessment.objects.filter(child=child).count() == 2


def test_the_services_refuse_someone_who_may_not_write_on_the_child(child, practitioner, other_practitioner):
    with pytest.raises(PermissionDenied):
        services.record_early_help_assessment(child=child, by=other_practitioner, started_on=today(),
                                              organisation="school")
    assessment = services.record_early_help_assessment(child=child, by=practitioner, started_on=today(),
                                                       organisation="school")
    with pytest.raises(PermissionDenied):
        services.change_early_help_assessment(assessment=assessment, by=other_practitioner, started_on=today(),
                                              organisation="voluntary")
    assessment.refresh_from_db()
    assert assessment.organisation == "school" and assessment.history.count() == 1


def test_the_form_names_each_date_in_its_errors():
    form = EarlyHelpAssessmentForm({**date_fields("started_on", None), **date_fields("completed_on", None)})
    assert not form.is_valid()
    assert form.errors["started_on"] == ["Enter the date the assessment started as a day, month and year"]
    assert form.errors["organisation"] == ["Select the organisation completing the assessment"]
    assert "completed_on" not in form.errors  # not completed yet
    form = EarlyHelpAssessmentForm({**date_fields("started_on", today()), "completed_on_0": "31",
                                    "completed_on_1": "2", "completed_on_2": "2026", "organisation": "school"})
    assert form.errors["completed_on"] == ["The date the assessment was completed must be a real date"]


def test_the_pages_record_and_change_an_assessment_shown_on_the_cases_tab(child, practitioner,
                                                                          django_assert_max_num_queries):
    client = client_for(practitioner)
    cases_url = reverse("casework:child_cases", args=[child.local_id])
    cases = client.get(cases_url).content.decode()
    assert add_url(child) in cases and "No early help assessments recorded." in cases
    started = today() - timedelta(days=30)
    response = client.post(add_url(child), {**date_fields("started_on", started),
                                            **date_fields("completed_on", started - timedelta(days=1)),
                                            "organisation": "school"})
    assert_form_error(response, f"The date the assessment was completed cannot be before it started, "
                                f"{started:%-d %B %Y}")
    response = client.post(add_url(child), {**date_fields("started_on", started),
                                            **date_fields("completed_on", None), "organisation": "other",
                                            "organisation_other": "Family hub"})
    assert response.status_code == 302
    assessment = EarlyHelpAssessment.objects.get(child=child)
    with django_assert_max_num_queries(40):
        cases = client.get(cases_url)
    cells = texts(cases, "govuk-table__cell")
    assert f"{started:%-d %B %Y}" in cells and "Not completed yet" in cells and "Family hub" in cells
    assert change_url(assessment) in cases.content.decode()
    page = client.get(change_url(assessment)).content.decode()
    assert 'value="Family hub"' in page and "History of this item" in page
    done = today() - timedelta(days=2)
    response = client.post(change_url(assessment), {**date_fields("started_on", started),
                                                    **date_fields("completed_on", done),
                                                    "organisation": "early_help_service"})
    assert response.status_code == 302
    cells = texts(client.get(cases_url), "govuk-table__cell")
    assert f"{done:%-d %B %Y}" in cells and "The council's early help service" in cells
    assert assessment.history.count() == 2


def test_the_pages_are_a_404_for_someone_without_access(child, practitioner, other_practitioner):
    assessment = services.record_early_help_assessment(child=child, by=practitioner, started_on=today(),
                                                       organisation="school")
    client = client_for(other_practitioner)
    assert client.get(add_url(child)).status_code == 404
    assert client.get(change_url(assessment)).status_code == 404
    assert client.post(add_url(child), {**date_fields("started_on", today()),
                                        "organisation": "school"}).status_code == 404
    assert EarlyHelpAssessment.objects.count() == 1


def test_an_assessment_of_another_child_is_not_found_through_this_one(child, other_child, practitioner,
                                                                    other_practitioner):
    theirs = services.record_early_help_assessment(child=other_child, by=other_practitioner, started_on=today(),
                                                   organisation="school")
    url = reverse("casework:early_help_change", args=[child.local_id, theirs.pk])
    assert client_for(practitioner).get(url).status_code == 404


def test_a_reader_who_may_not_write_sees_no_links(child, practitioner, slt, manager):
    services.record_early_help_assessment(child=child, by=practitioner, started_on=today(), organisation="school")
    permissions.grant_to_user(user=slt, child=child, codename="view_child", source="explicit", by=manager,
                              reason="Complaint review")
    page = client_for(slt).get(reverse("casework:child_cases", args=[child.local_id])).content.decode()
    assert "A school or college" in page and add_url(child) not in page and "/cases/early-help/" not in page
    assert client_for(slt).get(add_url(child)).status_code == 404


def test_the_demo_seed_records_assessments_through_the_service_once(assessment_team, manager, practitioner):
    first = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="First")
    second = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Second")
    assert seed_early_help(practitioner) == 2
    assert sorted(EarlyHelpAssessment.objects.values_list("child", "completed_on", "organisation")) == sorted([
        (first.pk, today() - timedelta(days=60), "school"), (second.pk, None, "early_help_service")])
    assert AuditEvent.objects.filter(action=AuditAction.RECORDED_EARLY_HELP).count() == 2
    assert seed_early_help(practitioner) == 0  # run again: nothing more

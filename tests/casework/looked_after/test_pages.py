"""Issue 17: a looked-after child's reviews, missing or away from placement episodes and UASC status are recorded
from the Family, placements and legal status tab, beside the legal statuses: GOV.UK forms, errors at their fields,
nothing saved from a refused form, earlier versions shown on the change page, and the same logged 404 for anyone who
may not write on the child."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import AccessLog
from casework.looked_after import services
from casework.looked_after.models import LookedAfterReview, MissingEpisode, UascStatus
from tests.conftest import client_for
from tests.factories import LegalStatusFactory
from tests.govuk_html import assert_form_error, by_class, texts

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def date_fields(name, value) -> dict:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def url(name, child, *args):
    return reverse(f"casework:{name}", args=[child.local_id, *args])


@pytest.fixture
def in_care(child, practitioner):
    """The assessment child, looked after under a care order for the last 200 days."""
    LegalStatusFactory(child=child, by=practitioner, start_date=days_ago(200))
    return child


def family_tab(client, child):
    return client.get(url("child_family", child))


def test_the_tab_shows_the_section_only_for_a_child_who_is_or_was_looked_after(child, practitioner):
    client = client_for(practitioner)
    assert 'id="looked-after"' not in family_tab(client, child).content.decode()
    LegalStatusFactory(child=child, by=practitioner, start_date=days_ago(20))

    page = family_tab(client, child)

    assert "Looked-after reviews, missing episodes and asylum status" in texts(page, "govuk-heading-m")
    assert "No review recorded." in page.content.decode()
    assert url("lac_review_add", child) in page.content.decode()


def test_a_review_is_recorded_and_corrected_through_the_pages(in_care, practitioner):
    client = client_for(practitioner)
    assert client.get(url("lac_review_add", in_care)).status_code == 200
    form = client.get(url("lac_review_add", in_care))
    assert by_class(form, "govuk-radios") and by_class(form, "govuk-date-input")

    response = client.post(url("lac_review_add", in_care), {**date_fields("review_date", days_ago(10)),
                                                             "participation": "PN1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"{url('child_family', in_care)}#looked-after")
    review = LookedAfterReview.objects.get(child=in_care)

    client.post(url("lac_review_change", in_care, review.pk), {**date_fields("review_date", days_ago(10)),
                                                                "participation": "PN6"})
    review.refresh_from_db()
    assert review.participation == "PN6"
    change_page = client.get(url("lac_review_change", in_care, review.pk))
    assert [row for row in texts(change_page, "govuk-table__cell") if row in ("Added", "Changed")] == ["Changed", "Added"]
    tab = family_tab(client, in_care).content.decode()
    assert "Child does not attend but conveys their feelings to the review another way" in tab


def test_the_permanence_plan_and_the_iros_last_contact_are_recorded_on_the_review_and_shown(in_care, practitioner):
    client = client_for(practitioner)
    response = client.post(url("lac_review_add", in_care), {**date_fields("review_date", days_ago(10)),
                                                             "participation": "PN1", "permanence_plan": "SGO",
                                                             **date_fields("iro_contact_on", days_ago(12))})
    assert response.status_code == 302
    review = LookedAfterReview.objects.get(child=in_care)
    assert (review.permanence_plan, review.iro_contact_on) == ("SGO", days_ago(12))
    cells = texts(family_tab(client, in_care), "govuk-table__cell")
    assert "Special guardianship order or child arrangements order (SGO/CAO)" in cells
    assert f"{days_ago(12):%-d %b %Y}" in cells
    assert_form_error(client.post(url("lac_review_change", in_care, review.pk), {
        **date_fields("review_date", days_ago(10)), "participation": "PN1", "permanence_plan": "SGO",
        **date_fields("iro_contact_on", days_ago(9))}),
        "The independent reviewing officer's last contact with the child must be on or before the date of the review")
    review.refresh_from_db()
    assert review.iro_contact_on == days_ago(12)  # nothing saved


def test_a_wrong_review_gets_its_error_at_the_field_and_nothing_is_saved(in_care, practitioner):
    client = client_for(practitioner)
    assert_form_error(client.post(url("lac_review_add", in_care), {**date_fields("review_date", days_ago(5)),
                                                                   "participation": "PN0"}),
                      f"The child was 4 or older at the review ({in_care.date_of_birth.replace(year=in_care.date_of_birth.year + 4):%-d %B %Y} "
                      "was their 4th birthday). Select how they took part")
    assert_form_error(client.post(url("lac_review_add", in_care), {**date_fields("review_date", days_ago(5)),
                                                                   "participation": "PN9"}),
                      "Select how the child took part in the review from the list")
    assert_form_error(client.post(url("lac_review_add", in_care), {**date_fields("review_date", None),
                                                                   "participation": "PN1"}),
                      "Enter the date of the review as a day, month and year")
    assert not LookedAfterReview.objects.exists()


def test_a_missing_episode_is_recorded_open_then_the_return_recorded(in_care, practitioner):
    client = client_for(practitioner)
    response = client.post(url("lac_missing_add", in_care), {"kind": "M", **date_fields("start_date", days_ago(2)),
                                                              **date_fields("end_date", None)})
    assert response.status_code == 302
    episode = MissingEpisode.objects.get(child=in_care)
    assert episode.end_date is None
    assert "Not back yet" in texts(family_tab(client, in_care), "govuk-tag")

    client.post(url("lac_missing_change", in_care, episode.pk), {"kind": "M", **date_fields("start_date", days_ago(2)),
                                                                  **date_fields("end_date", days_ago(1))})
    episode.refresh_from_db()
    assert episode.end_date == days_ago(1)
    assert "Not back yet" not in texts(family_tab(client, in_care), "govuk-tag")


def test_the_return_interview_is_recorded_on_the_episodes_page(in_care, practitioner):
    client = client_for(practitioner)
    episode = services.record_missing(child=in_care, by=practitioner, kind="M", start_date=days_ago(4),
                                      end_date=days_ago(3))
    page = client.get(url("lac_missing_change", in_care, episode.pk))
    assert "Was the child offered a return interview?" in texts(page, "govuk-fieldset__legend")
    assert [i.attrs["value"] for i in by_class(page, "govuk-radios__input") if "checked" in i.attrs] == [
        "M", "not_yet", "not_yet"]
    assert "Not offered yet" in texts(family_tab(client, in_care), "govuk-table__cell")
    fields = {"kind": "M", **date_fields("start_date", days_ago(4)), **date_fields("end_date", days_ago(3))}

    response = client.post(url("lac_missing_change", in_care, episode.pk), {
        **fields, "return_interview_offered": "yes", "return_interview_accepted": "yes"})

    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.return_interview_offered, episode.return_interview_accepted) == (True, True)
    assert "Offered and accepted" in texts(family_tab(client, in_care), "govuk-table__cell")


def test_a_return_interview_accepted_but_not_offered_is_refused_at_its_field(in_care, practitioner):
    response = client_for(practitioner).post(url("lac_missing_add", in_care), {
        "kind": "M", **date_fields("start_date", days_ago(4)), **date_fields("end_date", days_ago(3)),
        "return_interview_offered": "no", "return_interview_accepted": "yes"})
    assert_form_error(response, "The child cannot accept a return interview that was not offered: answer 'Not yet, "
                                "or not offered', or say it was offered")
    assert not MissingEpisode.objects.exists()


def test_a_missing_episode_before_care_is_refused_at_its_field(in_care, practitioner):
    response = client_for(practitioner).post(url("lac_missing_add", in_care), {
        "kind": "A", **date_fields("start_date", days_ago(300)), **date_fields("end_date", days_ago(299))})
    assert_form_error(response, f"The child was not looked after on {days_ago(300):%-d %B %Y}. Record their legal "
                                "status first, or check the date")
    assert not MissingEpisode.objects.exists()


def test_uasc_status_is_recorded_then_changed_on_one_page(in_care, practitioner):
    client = client_for(practitioner)
    assert client.get(url("lac_uasc", in_care)).status_code == 200
    client.post(url("lac_uasc", in_care), {"is_uasc": "yes", **date_fields("ceased_on", None)})
    assert UascStatus.objects.get(child=in_care).is_uasc

    page = client.get(url("lac_uasc", in_care))  # now the change page: the answer given, and the history
    assert [i.attrs["value"] for i in by_class(page, "govuk-radios__input") if "checked" in i.attrs] == ["yes"]
    assert "Added" in texts(page, "govuk-table__cell")
    client.post(url("lac_uasc", in_care), {"is_uasc": "no", **date_fields("ceased_on", None)})
    status = UascStatus.objects.get(child=in_care)
    assert status.is_uasc is False and status.history.count() == 2
    assert_form_error(client.post(url("lac_uasc", in_care), {"is_uasc": "no", **date_fields("ceased_on", days_ago(3))}),
                      "Leave the date empty: the child was not an unaccompanied asylum-seeking child")


@pytest.mark.parametrize("name", ["lac_review_add", "lac_missing_add", "lac_uasc", "lac_review_change",
                                  "lac_missing_change"])
def test_someone_who_may_not_write_on_the_child_gets_the_logged_404(in_care, practitioner, other_practitioner, name):
    review = services.record_review(child=in_care, by=practitioner, review_date=days_ago(3), participation="PN1")
    episode = services.record_missing(child=in_care, by=practitioner, kind="M", start_date=days_ago(3))
    args = {"lac_review_change": [review.pk], "lac_missing_change": [episode.pk]}.get(name, [])
    client = client_for(other_practitioner)

    assert client.get(url(name, in_care, *args)).status_code == 404
    response = client.post(url(name, in_care, *args), {"kind": "A", "participation": "PN2", "is_uasc": "yes",
                                                       **date_fields("review_date", days_ago(2)),
                                                       **date_fields("start_date", days_ago(2))})
    assert response.status_code == 404
    assert in_care.local_id not in response.content.decode()
    assert AccessLog.objects.filter(user=other_practitioner, child=in_care, outcome="denied").count() == 2
    review.refresh_from_db()
    episode.refresh_from_db()
    assert (review.participation, episode.kind, UascStatus.objects.exists()) == ("PN1", "M", False)


def test_an_item_of_another_child_is_a_404(in_care, other_child, practitioner, other_practitioner):
    LegalStatusFactory(child=other_child, by=other_practitioner, start_date=days_ago(30))
    theirs = services.record_review(child=other_child, by=other_practitioner, review_date=days_ago(3),
                                    participation="PN1")
    assert client_for(practitioner).get(url("lac_review_change", in_care, theirs.pk)).status_code == 404


def test_the_tab_reads_few_queries(in_care, practitioner, django_assert_max_num_queries):
    for n in range(5):
        services.record_review(child=in_care, by=practitioner, review_date=days_ago(10 + n), participation="PN1")
        services.record_missing(child=in_care, by=practitioner, kind="A", start_date=days_ago(30 + 2 * n),
                                end_date=days_ago(29 + 2 * n))
    client = client_for(practitioner)
    family_tab(client, in_care)
    with django_assert_max_num_queries(60) as counted:
        family_tab(client, in_care)
    before = len(counted.captured_queries)
    for n in range(5):
        services.record_review(child=in_care, by=practitioner, review_date=days_ago(100 + n), participation="PN2")
    with django_assert_max_num_queries(before):  # more reviews, no more queries
        family_tab(client, in_care)

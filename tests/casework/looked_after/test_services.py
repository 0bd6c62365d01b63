"""Issue 17: the services that record a looked-after child's statutory reviews, missing or away from placement
episodes and UASC status check the user may write on the child, refuse what the SSDA903 return would refuse with a
clear error at its field (codes of the DfE's list, dates while the child is looked after, no overlaps), keep every
earlier version in the history, write an audit event, and save nothing when they refuse."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from access.models import AuditAction, AuditEvent
from casework.looked_after import services
from casework.looked_after.models import LookedAfterReview, MissingEpisode, UascStatus
from tests.conftest import open_record
from tests.factories import LegalStatusFactory

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def day(value) -> str:
    return f"{value:%-d %B %Y}"


def looked_after(child, by, *, since=200, until=None, status="care_order"):
    """The child looked after from `since` days ago (until `until` days ago, if given)."""
    item = LegalStatusFactory(child=child, by=by, status=status, start_date=days_ago(since))
    if until is not None:
        item.end_date = days_ago(until)
        item.save()
    return item


def refused(call, field: str, message: str):
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.message_dict == {field: [message]}


# --- Reviews ----------------------------------------------------------------------------------------------

def test_a_review_is_recorded_corrected_and_kept_in_the_history(child, practitioner):
    looked_after(child, practitioner)
    review = services.record_review(child=child, by=practitioner, review_date=days_ago(30), participation="PN1")

    services.change_review(review=review, by=practitioner, review_date=days_ago(31), participation="PN5")

    review.refresh_from_db()
    assert (review.review_date, review.participation, review.recorded_by) == (days_ago(31), "PN5", practitioner)
    assert [(v.history_type, v.participation, v.history_user) for v in review.history.order_by("history_id")] == [
        ("+", "PN1", practitioner), ("~", "PN5", practitioner)]
    assert [e.action for e in AuditEvent.objects.filter(child=child).order_by("pk")
            if e.action.endswith("looked-after detail")] == [AuditAction.RECORDED_LOOKED_AFTER,
                                                              AuditAction.CHANGED_LOOKED_AFTER]


@pytest.mark.parametrize("code", ["PN8", "", "pn1", "M"])
def test_a_participation_code_not_on_the_list_is_refused(child, practitioner, code):
    looked_after(child, practitioner)
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(3), participation=code),
            "participation", "Select how the child took part in the review from the list")
    assert not LookedAfterReview.objects.exists()


def test_pn0_only_for_a_child_under_4_and_only_pn0_for_them(child, practitioner, assessment_team, manager):
    toddler = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Tia",
                          dob=days_ago(3 * 365))
    looked_after(toddler, practitioner, since=100)
    looked_after(child, practitioner)
    refused(lambda: services.record_review(child=toddler, by=practitioner, review_date=days_ago(5), participation="PN1"),
            "participation", "The child was under 4 at the review: select 'Child under 4 at the time of the review'")
    fourth = child.date_of_birth.replace(year=child.date_of_birth.year + 4)
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(5), participation="PN0"),
            "participation", f"The child was 4 or older at the review ({day(fourth)} was their 4th birthday). "
                             "Select how they took part")
    assert services.record_review(child=toddler, by=practitioner, review_date=days_ago(5), participation="PN0").pk


def test_a_review_only_while_the_child_is_looked_after(child, practitioner):
    looked_after(child, practitioner, since=200, until=100)
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(50), participation="PN1"),
            "review_date", f"The child was not looked after on {day(days_ago(50))}. Record their legal status first, "
                           "or check the date of the review")
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(-1), participation="PN1"),
            "review_date", "The date of the review must be today or in the past")
    assert services.record_review(child=child, by=practitioner, review_date=days_ago(100), participation="PN1").pk


def test_no_review_for_a_child_looked_after_only_for_short_breaks(child, practitioner):
    looked_after(child, practitioner, status="s20").__class__.objects.filter(child=child).update(ls_code="V3")
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(5), participation="PN1"),
            "review_date", "The child was looked after only for short breaks on this date: the return has no "
                           "statutory review for short breaks")


def test_a_review_records_the_permanence_plan_and_the_iros_last_contact_kept_in_the_history(child, practitioner):
    looked_after(child, practitioner)
    review = services.record_review(child=child, by=practitioner, review_date=days_ago(30), participation="PN1",
                                    permanence_plan="LTF", iro_contact_on=days_ago(35))
    services.change_review(review=review, by=practitioner, review_date=days_ago(30), participation="PN1",
                           permanence_plan="RTF", iro_contact_on=days_ago(30))
    review.refresh_from_db()
    assert (review.permanence_plan, review.iro_contact_on) == ("RTF", days_ago(30))
    assert [(v.permanence_plan, v.iro_contact_on) for v in review.history.order_by("history_id")] == [
        ("LTF", days_ago(35)), ("RTF", days_ago(30))]
    plain = services.record_review(child=child, by=practitioner, review_date=days_ago(20), participation="PN1")
    assert (plain.permanence_plan, plain.iro_contact_on) == ("", None)  # both optional


def test_a_permanence_plan_off_the_list_or_an_iro_contact_after_the_review_is_refused(child, practitioner):
    looked_after(child, practitioner)
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(30), participation="PN1",
                                           permanence_plan="XYZ"),
            "permanence_plan", "Select the permanence plan from the list")
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(30), participation="PN1",
                                           iro_contact_on=days_ago(29)),
            "iro_contact_on", "The independent reviewing officer's last contact with the child must be on or before "
                              "the date of the review")
    assert not LookedAfterReview.objects.exists()


def test_one_review_a_day(child, practitioner):
    looked_after(child, practitioner)
    services.record_review(child=child, by=practitioner, review_date=days_ago(5), participation="PN1")
    refused(lambda: services.record_review(child=child, by=practitioner, review_date=days_ago(5), participation="PN2"),
            "review_date", "A review on this date is already recorded for the child")


# --- Missing and away from placement ------------------------------------------------------------------------

def test_an_episode_is_recorded_open_then_ended(child, practitioner):
    looked_after(child, practitioner)
    episode = services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(3))
    assert episode.end_date is None

    services.change_missing(episode=episode, by=practitioner, kind="M", start_date=days_ago(3), end_date=days_ago(1))

    episode.refresh_from_db()
    assert (episode.kind, episode.start_date, episode.end_date) == ("M", days_ago(3), days_ago(1))
    assert episode.history.count() == 2


def test_a_kind_not_on_the_list_is_refused(child, practitioner):
    looked_after(child, practitioner)
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="X", start_date=days_ago(3)),
            "kind", "Select whether the child was missing or away from placement from the list")
    assert not MissingEpisode.objects.exists()


def test_episodes_of_one_child_never_overlap(child, practitioner):
    looked_after(child, practitioner)
    services.record_missing(child=child, by=practitioner, kind="A", start_date=days_ago(40), end_date=days_ago(30))
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(35)),
            "start_date", f"The child has an episode from {day(days_ago(40))} to {day(days_ago(30))}. Episodes do not "
                          "overlap: end or correct that one first")
    open_one = services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(30))  # same day: fine
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(2)),
            "start_date", f"The child has an episode from {day(days_ago(30))} that has not ended. Episodes do not "
                          "overlap: end or correct that one first")
    assert MissingEpisode.objects.filter(child=child).count() == 2 and open_one.end_date is None


def test_an_episode_only_while_the_child_is_looked_after(child, practitioner):
    looked_after(child, practitioner, since=100, until=20)
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(150),
                                            end_date=days_ago(140)),
            "start_date", f"The child was not looked after on {day(days_ago(150))}. Record their legal status first, "
                          "or check the date")
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(30),
                                            end_date=days_ago(10)),
            "end_date", f"The child was not looked after on {day(days_ago(10))}: the episode ends on or before the day "
                        "they stopped being looked after")
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(30)),
            "end_date", "The child is not looked after now: enter the date the episode ended")
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(30),
                                            end_date=days_ago(31)),
            "end_date", "The episode cannot end before it started")
    assert not MissingEpisode.objects.exists()


def test_the_return_interview_is_recorded_once_the_child_is_back_and_kept_in_the_history(child, practitioner):
    looked_after(child, practitioner)
    episode = services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(3))
    assert (episode.return_interview_offered, episode.return_interview_accepted) == (None, None)  # not yet
    services.change_missing(episode=episode, by=practitioner, kind="M", start_date=days_ago(3), end_date=days_ago(2))
    services.change_missing(episode=episode, by=practitioner, kind="M", start_date=days_ago(3), end_date=days_ago(2),
                            return_interview_offered=True, return_interview_accepted=False)
    episode.refresh_from_db()
    assert (episode.return_interview_offered, episode.return_interview_accepted) == (True, False)
    assert [(v.return_interview_offered, v.return_interview_accepted) for v in episode.history.order_by(
        "history_date", "history_id")] == [(None, None), (None, None), (True, False)]


def test_a_return_interview_is_not_offered_while_the_child_is_missing(child, practitioner):
    looked_after(child, practitioner)
    refused(lambda: services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(3),
                                            return_interview_offered=False),
            "return_interview_offered", "A return interview is offered once the child is back: enter the date the "
                                        "episode ended, or answer 'Not yet'")
    assert not MissingEpisode.objects.exists()


@pytest.mark.parametrize("offered", [None, False])
def test_a_return_interview_is_accepted_or_not_only_once_offered(child, practitioner, offered):
    looked_after(child, practitioner)
    episode = services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(9),
                                      end_date=days_ago(8))
    for accepted in (True, False):
        refused(lambda: services.change_missing(episode=episode, by=practitioner, kind="M", start_date=days_ago(9),
                                                end_date=days_ago(5), return_interview_offered=offered,
                                                return_interview_accepted=accepted),
                "return_interview_accepted", "The child cannot accept a return interview that was not offered: "
                                             "answer 'Not yet, or not offered', or say it was offered")
    episode.refresh_from_db()  # nothing saved, the end date included
    assert (episode.end_date, episode.return_interview_accepted, episode.history.count()) == (days_ago(8), None, 1)


@pytest.mark.parametrize("offered,accepted", [(True, None), (None, True), (False, False)])
def test_the_database_refuses_an_interview_offered_while_missing_or_answered_unless_offered(
        child, practitioner, offered, accepted):
    looked_after(child, practitioner)
    episode = services.record_missing(child=child, by=practitioner, kind="M", start_date=days_ago(9))
    if offered is False:  # back, not offered: not accepted either
        services.change_missing(episode=episode, by=practitioner, kind="M", start_date=days_ago(9), end_date=days_ago(8))
    with pytest.raises(IntegrityError), transaction.atomic():
        MissingEpisode.objects.filter(pk=episode.pk).update(return_interview_offered=offered,
                                                            return_interview_accepted=accepted)


# --- Unaccompanied asylum-seeking child ----------------------------------------------------------------------

def test_uasc_status_is_recorded_once_then_changed(other_child, other_practitioner):
    status = services.record_uasc(child=other_child, by=other_practitioner, is_uasc=True)
    assert (status.is_uasc, status.ceased_on) == (True, None)

    again = services.record_uasc(child=other_child, by=other_practitioner, is_uasc=True, ceased_on=days_ago(10))

    assert again.pk == status.pk and UascStatus.objects.count() == 1
    assert [v.ceased_on for v in again.history.order_by("history_id")] == [None, days_ago(10)]


def test_uasc_ceased_at_the_latest_on_the_18th_birthday(other_child, other_practitioner):
    other_child.date_of_birth = days_ago(19 * 365)
    other_child.save()
    eighteenth = services.birthday(other_child, 18)
    refused(lambda: services.record_uasc(child=other_child, by=other_practitioner, is_uasc=True,
                                         ceased_on=eighteenth + timedelta(days=1)),
            "ceased_on", f"A child stops being an unaccompanied asylum-seeking child at the latest on their 18th "
                         f"birthday, {day(eighteenth)}")
    refused(lambda: services.record_uasc(child=other_child, by=other_practitioner, is_uasc=False, ceased_on=eighteenth),
            "ceased_on", "Leave the date empty: the child was not an unaccompanied asylum-seeking child")
    assert not UascStatus.objects.exists()


# --- The one door ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda child, user: services.record_review(child=child, by=user, review_date=days_ago(1), participation="PN1"),
    lambda child, user: services.record_missing(child=child, by=user, kind="M", start_date=days_ago(1)),
    lambda child, user: services.record_uasc(child=child, by=user, is_uasc=True),
], ids=["review", "missing", "uasc"])
def test_a_user_who_cannot_write_on_the_child_is_refused_and_nothing_is_saved(child, practitioner, other_practitioner,
                                                                               call):
    looked_after(child, practitioner)
    with pytest.raises(PermissionDenied):
        call(child, other_practitioner)
    assert not (LookedAfterReview.objects.exists() or MissingEpisode.objects.exists() or UascStatus.objects.exists())


def test_nothing_is_deleted(child, practitioner):
    looked_after(child, practitioner)
    review = services.record_review(child=child, by=practitioner, review_date=days_ago(1), participation="PN1")
    with pytest.raises(Exception, match="never deleted|Correct it instead"):
        review.delete()

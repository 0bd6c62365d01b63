"""§4, §9, §10: an event added to the chronology by hand shows who added it (name, post title as it was) and,
added more than two working days after it happened, "Late entry" with when it was recorded."""

from django.utils import timezone

from records.chronology import services
from records.models import ChronologyEvent
from tests.casework.basic_record.test_basic_record_late import working_days_ago
from tests.conftest import client_for
from tests.govuk_html import texts


def _event(child, by, day):
    return services.add_event(child=child, by=by, happened_on=day, title="Moved school", description="",
                              category="education")


def test_an_event_added_three_working_days_after_it_happened_is_a_late_entry(child, practitioner):
    event = ChronologyEvent.objects.get(pk=_event(child, practitioner, working_days_ago(3)).pk)
    assert event.late_entry_recorded_at == event.recorded_at
    assert (event.recorded_name, event.recorded_post_title) == (practitioner.get_full_name(),
                                                                practitioner.staff_profile.post_title)


def test_an_event_added_two_working_days_after_it_happened_is_not_late(child, practitioner):
    assert ChronologyEvent.objects.get(pk=_event(child, practitioner, working_days_ago(2)).pk).late_entry_recorded_at is None


def test_the_chronology_shows_the_late_mark_and_who_added_it(child, practitioner):
    event = _event(child, practitioner, working_days_ago(3))
    response = client_for(practitioner).get(f"/children/{child.local_id}/chronology/")
    assert texts(response, "cw-late-entry") == ["Late entry"]
    body = response.content.decode()
    recorded = timezone.localtime(event.recorded_at)
    assert f"recorded {recorded:%-d %B %Y, %H:%M}" in body
    assert f"by {practitioner.get_full_name()}, {practitioner.staff_profile.post_title}" in body

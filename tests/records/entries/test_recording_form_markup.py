"""The recording forms as GOV.UK components (issue 16): who supplied the information with the child's team
first, follow-up questions revealed by their answer, error links that reach a date's day, unique labels."""

from collections import Counter

from access.staff import roles
from tests.conftest import client_for
from tests.factories import make_staff
from tests.govuk_html import parse
from tests.records.entries.test_recording_visits import (
    basic_details_fields, page_url, planned_visit, tomorrow_at, visit_with_basic_details,
)


def select_groups(response, name: str) -> dict[str, list[str]]:
    """{group label: [option texts]} of a select; options outside a group under ""."""
    select = next(el for el in parse(response.content).iter() if el.tag == "select" and el.attrs.get("name") == name)
    groups: dict[str, list[str]] = {}
    for element in select.iter():
        if element.tag == "option":
            label = element.parent.attrs.get("label", "") if element.parent.tag == "optgroup" else ""
            groups.setdefault(label, []).append(element.text())
    return groups


def test_who_supplied_the_information_lists_the_childs_team_first(child, practitioner, colleague, manager,
                                                                   other_practitioner, edt, slt):
    entry = visit_with_basic_details(child, practitioner)
    make_staff("newstarter", role=roles.PRACTITIONER, team=manager.staff_profile.team, first_name="Zoe",
               last_name="Adams", post_title="Social Worker")

    groups = select_groups(client_for(practitioner).get(page_url(child, "write_up", entry)), "originator")

    labels = list(groups)
    assert labels == ["", "Assessment Team: the child's team", "Other staff"]
    team = groups["Assessment Team: the child's team"]
    assert "Marcus Bennett, Team Manager" in team and "Zoe Adams, Social Worker" in team
    assert any(name.startswith(colleague.get_full_name()) for name in team)
    assert not any(name.startswith(practitioner.get_full_name()) for name in team)  # not the person recording
    others = groups["Other staff"]
    for person in (other_practitioner, edt, slt):
        assert any(name.startswith(person.get_full_name()) for name in others)
        assert not any(name.startswith(person.get_full_name()) for name in team)


def test_who_carried_out_the_visit_lists_the_childs_team_first(child, practitioner, colleague, manager,
                                                               other_practitioner, edt, slt):
    """Like who supplied the information: the child's team's practitioners and managers, then other staff."""
    from tests.records.entries.test_recording_visits import planned_visit

    entry = planned_visit(child, practitioner)
    groups = select_groups(client_for(practitioner).get(page_url(child, "basic_details", entry)), "carried_out_by")

    assert list(groups) == ["", "Assessment Team: the child's team", "Other staff"]
    assert groups[""] == ["I carried it out myself"]
    team = groups["Assessment Team: the child's team"]
    assert "Marcus Bennett, Team Manager" in team
    assert any(name.startswith(colleague.get_full_name()) for name in team)
    assert not any(name.startswith(practitioner.get_full_name()) for name in team + groups["Other staff"])
    for person in (other_practitioner, edt, slt):
        assert any(name.startswith(person.get_full_name()) for name in groups["Other staff"])
        assert not any(name.startswith(person.get_full_name()) for name in team)


def test_who_carried_out_the_visit_accepts_staff_from_either_group(child, practitioner, other_practitioner):
    from records.models import Entry
    from tests.records.entries.test_recording_visits import planned_visit

    entry = planned_visit(child, practitioner)
    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(carried_out_by=str(other_practitioner.pk)))
    assert response.status_code == 302
    assert Entry.objects.get(pk=entry.pk).carried_out_by == other_practitioner


def test_who_supplied_the_information_still_accepts_only_staff(child, practitioner, other_practitioner):
    """The groups only order the list: anyone on it may be chosen, as before."""
    from tests.records.entries.test_recording_visits import write_up_fields
    from records.models import Entry

    entry = visit_with_basic_details(child, practitioner)
    client_for(practitioner).post(page_url(child, "write_up", entry), write_up_fields(
        entry, action="save", information_source="third_party", originator=str(other_practitioner.pk)))

    assert Entry.objects.get(pk=entry.pk).originator == other_practitioner


def conditional_of(response, radio_id: str):
    """The GOV.UK conditional reveal a radio controls (its aria-controls), or None."""
    root = parse(response.content)
    radio = next(el for el in root.iter() if el.attrs.get("id") == radio_id)
    target = radio.attrs.get("aria-controls")
    return next((el for el in root.iter() if target and el.attrs.get("id") == target), None)


def names_inside(element) -> set[str]:
    return {el.attrs["name"] for el in element.iter() if el.tag in ("input", "select", "textarea") and "name" in el.attrs}


def test_each_section_reveals_who_supplied_it_under_from_someone_else(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    reveal = conditional_of(response, "id_source-of-discussion_2")
    assert "govuk-radios__conditional" in reveal.classes
    assert names_inside(reveal) == {"supplied-by-discussion"}
    assert conditional_of(response, "id_source-of-discussion_1") is None  # first-hand reveals nothing


def test_from_someone_else_reveals_who_supplied_the_whole_entry(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    response = client_for(practitioner).get(page_url(child, "write_up", entry))

    assert names_inside(conditional_of(response, "id_information_source_2")) == {
        "originator", "originator_name", "originator_agency"}


def test_the_child_not_seen_reveals_why_not(child, practitioner):
    entry = planned_visit(child, practitioner)

    response = client_for(practitioner).get(page_url(child, "basic_details", entry))

    assert conditional_of(response, "id_child_seen_1") is None
    assert names_inside(conditional_of(response, "id_child_seen_2")) == {"reason_child_not_seen"}


def test_without_javascript_a_follow_up_answer_is_still_asked_and_checked(child, practitioner):
    entry = planned_visit(child, practitioner)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(child_seen="False", reason_child_not_seen=""))

    links = {a.text(): a.attrs["href"] for a in parse(response.content).iter()
             if a.tag == "a" and a.parent.tag == "li"}
    assert links["Enter why the child was not seen"] == "#id_reason_child_not_seen"


def test_an_error_on_a_date_links_to_its_day_input(child, practitioner):
    entry = planned_visit(child, practitioner)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(tomorrow_at()))

    links = {a.text(): a.attrs["href"] for a in parse(response.content).iter()
             if a.tag == "a" and a.parent.tag == "li"}
    assert links["A visit that took place cannot be in the future"] == "#id_event_date_0"
    assert any(el.attrs.get("id") == "id_event_date_0" for el in parse(response.content).iter())


def test_an_error_on_a_radio_question_links_to_its_first_radio(child, practitioner):
    entry = planned_visit(child, practitioner)

    response = client_for(practitioner).post(page_url(child, "basic_details", entry),
                                             basic_details_fields(child_seen=""))

    links = {a.text(): a.attrs["href"] for a in parse(response.content).iter()
             if a.tag == "a" and a.parent.tag == "li"}
    assert links["Select yes if the child was seen"] == "#id_child_seen_1"


def test_every_who_supplied_it_box_has_its_own_label(child, practitioner):
    entry = visit_with_basic_details(child, practitioner)

    root = parse(client_for(practitioner).get(page_url(child, "write_up", entry)).content)

    labels = [el for el in root.iter() if el.tag == "label" and el.attrs.get("for", "").startswith("id_supplied-by-")]
    assert len(labels) == 8  # one per question of the visit design
    assert all(label.text().startswith("If from someone else, who supplied it?") for label in labels)
    counts = Counter(label.text() for label in labels)
    assert max(counts.values()) == 1
    discussion = next(label for label in labels if label.attrs["for"] == "id_supplied-by-discussion")
    hidden = [el for el in discussion.iter() if "govuk-visually-hidden" in el.classes]
    assert [el.text() for el in hidden] == ["(‘A succinct narrative of the discussion’)"]

"""The PDF of the record shows, with the other visit fields, who carried out the visit and who supplied
the information (§4, §9), whether an interpreter was used and whether the household changed (§5.2),
and whether the child's advocate or signer was present (§6)."""

from records.entries import services
from records.models import Entry
from tests.records.entries.test_authorship import visit_carried_out_by
from tests.records.entries.test_recording_visits import write_up
from tests.records.pdfs.test_pdf_content import record_pdf


def test_the_pdf_shows_who_carried_out_the_visit_and_its_required_answers(child, practitioner, colleague):
    child.advocate_needed, child.advocate_name = True, "Sam Patel, Coram Voice"
    child.save()
    entry = visit_carried_out_by(child, practitioner, colleague)
    services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(
        information_source=Entry.InformationSource.THIRD_PARTY, originator=colleague,
        interpreter_used="not_needed", household_changed=True, advocate_present="yes"))

    text = record_pdf(child, practitioner)

    visitor = f"{colleague.get_full_name()}, {colleague.staff_profile.post_title}"
    assert f"Visit carried out by {visitor}" in text
    assert f"Source of information From someone else: {visitor}" in text
    assert f"Information supplied by {visitor}: not endorsed" in text
    assert "Interpreter used Not needed" in text
    assert "Anyone joined or left the household Yes" in text
    assert "Child's advocate or signer present Yes" in text


def test_the_pdf_names_an_originator_who_is_not_staff_with_their_agency(child, practitioner):
    entry = visit_carried_out_by(child, practitioner, practitioner)
    services.complete_entry(entry=entry, by=practitioner, expected_version=None, write_up=write_up(
        information_source=Entry.InformationSource.THIRD_PARTY, originator_name="Mrs Green",
        originator_agency="Neighbour"))

    text = record_pdf(child, practitioner)

    assert f"Visit carried out by {practitioner.get_full_name()}" in text
    assert "Information supplied by Mrs Green, Neighbour" in text
    assert "Interpreter used No" in text

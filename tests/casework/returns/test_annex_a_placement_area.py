"""Issue 17: Ofsted's Annex A list 8 says whether the child's latest placement is in the council's own area (In or Out,
the council being settings.DFE_LA_NUMBER) and the local authority it is in, from what
is recorded on the placement; a restricted placement's cells say Restricted (§7); empty when it is not recorded."""

import pytest

from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import WITHHELD
from tests.casework.returns.test_annex_a import recorded, rows_of, sheets  # noqa: F401  the fixture
from tests.casework.returns.test_ssda903 import FOSTER, FOSTERING_URN, looked_after_child, placement, status

pytestmark = pytest.mark.django_db

WHERE = ("Placement Location", "LA of Placement")


def cells(recorded, *children):  # noqa: F811
    book = sheets(build_annex_a(year=recorded["year"], la_number="822"))
    return [tuple(row[heading] for heading in WHERE) for child in children for row in rows_of(book, "in_care", child)]


def placed_in(recorded, care_team, care_manager, by, *, number: int, la_code: str):  # noqa: F811
    child = looked_after_child(care_team, care_manager, by, number=number, first_name=f"Placed{number}")
    status(child, by, recorded["d"](10), "care_order", category_of_need="N1")
    placement(child, by, recorded["d"](10), "U4", "PR1", FOSTER, urn=FOSTERING_URN, la_code=la_code)
    return child


def test_list_8_says_whether_the_placement_is_in_the_councils_area_and_its_local_authority(
        recorded, care_team, care_manager, other_practitioner, settings):  # noqa: F811
    settings.DFE_LA_NUMBER = "383"
    at_home = placed_in(recorded, care_team, care_manager, other_practitioner, number=21, la_code="383")
    away = placed_in(recorded, care_team, care_manager, other_practitioner, number=22, la_code="384")
    in_wales = placed_in(recorded, care_team, care_manager, other_practitioner, number=23, la_code="WAL")
    assert cells(recorded, at_home, away, in_wales) == [("In", "383"), ("Out", "384"), ("Out", "WAL")]
    settings.DFE_LA_NUMBER = "384"  # the council's own number decides
    assert cells(recorded, at_home, away) == [("Out", "383"), ("In", "384")]


def test_not_recorded_is_empty_and_a_restricted_placement_says_restricted(recorded):  # noqa: F811
    assert cells(recorded, recorded["in_care"]) == [(None, None)]
    assert cells(recorded, recorded["hidden"]) == [(WITHHELD, WITHHELD)]

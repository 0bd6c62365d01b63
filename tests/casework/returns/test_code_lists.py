"""The DfE code lists held as data (issue 17): loaded with the Department's codes, valid by collection
year, never deleted, kept in the admin by administrators and senior leadership."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from access.staff import roles
from casework.returns import codes
from casework.returns.models import Code, CodeList
from tests.conftest import client_for
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

# The lists as the Department's validators check them (csc-validator-be-cin, csc-validator-be-903, 2025-26).
EXPECTED = {
    "sex": "M F U",
    "ethnicity": "WBRI WIRI WIRT WROM WOTH MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT",
    "disability": "NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA",
    "upn_unknown": "UN1 UN2 UN3 UN4 UN5 UN6 UN7",
    "cin_referral_source": "1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10",
    "cin_primary_need": "N1 N2 N3 N4 N5 N6 N7 N8 N9 N0",
    "cin_closure_reason": "RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8 RC9",
    "lac_reason_new_episode": "S L P T U B",
    "lac_legal_status": "C1 C2 D1 E1 V2 V3 V4 J1 J2 J3 L1 L2 L3",
    "lac_category_of_need": "N1 N2 N3 N4 N5 N6 N7 N8",
    "lac_placement_type": "A3 A4 A5 A6 K1 K2 K3 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z11 Z12 Z13 Z14",
    "lac_placement_provider": "PR0 PR1 PR2 PR3 PR4 PR5",
    "lac_reason_ceased": "E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17 X1",
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_list_holds_the_departments_codes_for_2025_26_and_2026_27(key):
    for year in (2025, 2026):
        assert [code for code, _ in codes.choices(key, year)] == EXPECTED[key].split()
    assert all(meaning.strip() for _, meaning in codes.choices(key, 2025))


def test_the_collection_year_runs_from_1_april():
    assert codes.collection_year(date(2026, 3, 31)) == 2025
    assert codes.collection_year(date(2026, 4, 1)) == 2026


def test_a_withdrawn_code_is_not_offered_after_its_last_year_but_keeps_its_meaning():
    sex = CodeList.objects.get(key=codes.SEX)
    Code.objects.create(code_list=sex, code="X", meaning="Withdrawn", valid_from_year=2020, valid_to_year=2025)
    Code.objects.create(code_list=sex, code="Y", meaning="New next year", valid_from_year=2027)
    assert "X" in dict(codes.choices(codes.SEX, 2025))
    assert "X" not in dict(codes.choices(codes.SEX, 2026))
    assert "Y" not in dict(codes.choices(codes.SEX, 2026)) and "Y" in dict(codes.choices(codes.SEX, 2027))
    with pytest.raises(ValidationError, match="Select the sex from the list"):
        codes.check(codes.SEX, "X", what="the sex", year=2026)
    codes.check(codes.SEX, "X", what="the sex", year=2025)
    assert codes.meanings(codes.SEX)[codes.SEX]["X"] == "Withdrawn"


def test_meanings_of_several_lists_are_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        found = codes.meanings(codes.ETHNICITY, codes.DISABILITY)
    assert found[codes.ETHNICITY]["WBRI"] == "White: British"
    assert found[codes.DISABILITY]["AUT"] == "Diagnosed with autism or Asperger syndrome"


def test_codes_and_lists_are_never_deleted():
    with pytest.raises(DatabaseError), transaction.atomic():
        Code.objects.filter(code_list__key=codes.SEX).delete()
    assert Code.objects.filter(code_list__key=codes.SEX).count() == 3


def _check_letter(rest: str) -> str:
    values = [int(c) if c.isdigit() else codes.UPN_LETTERS.index(c) for c in rest]
    return codes.UPN_LETTERS[sum(v * w for v, w in zip(values, range(2, 14))) % 23]


def test_a_upn_with_the_right_check_letter_is_accepted():
    assert _check_letter("801200001001") == "H"  # the example in the SSDA903 validator's tests
    assert codes.upn_problem("H801200001001") == ""
    temporary = "80120000100" + "K"
    assert codes.upn_problem(_check_letter(temporary) + temporary) == ""


@pytest.mark.parametrize("upn, problem", [
    ("A801200001001", "first letter does not match"),
    ("H80120000100", "13 characters. This one has 12"),
    ("H8012000X1001", "Characters 2 to 12 of a UPN are numbers"),
    ("H80120000100I", "a letter other than I, O or S"),
])
def test_a_wrong_upn_is_refused_with_what_is_wrong(upn, problem):
    assert problem in codes.upn_problem(upn)


def test_administrators_keep_the_lists_in_the_admin_and_nobody_deletes(cast):
    administrator = make_staff("lists", role=roles.ADMINISTRATOR, is_staff=True)
    code = Code.objects.get(code_list__key=codes.SEX, code="U")
    client = client_for(administrator)
    assert client.get("/admin/casework/codelist/").status_code == 200
    assert client.get("/admin/casework/code/add/").status_code == 200
    assert client.get(f"/admin/casework/code/{code.pk}/delete/").status_code in (403, 302)
    assert client.get(f"/admin/casework/code/{code.pk}/history/").status_code == 200


def test_senior_leadership_read_the_lists_and_correct_a_meaning(cast, slt):
    slt.is_staff = True
    slt.save()
    code = Code.objects.get(code_list__key=codes.SEX, code="U")
    client = client_for(slt)
    assert client.get("/admin/casework/code/").status_code == 200
    assert client.get("/admin/casework/code/add/").status_code == 403
    response = client.post(f"/admin/casework/code/{code.pk}/change/", {
        "meaning": "Not known or not recorded", "valid_from_year": 2025, "valid_to_year": "", "position": 3})
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.meaning == "Not known or not recorded" and code.code == "U"
    assert code.history.count() >= 1


def test_practitioners_do_not_reach_the_lists(cast, practitioner):
    practitioner.is_staff = True
    practitioner.save()
    assert client_for(practitioner).get("/admin/casework/codelist/").status_code == 403

"""Issue 17: what a code means, checked against the Department's own rules (casework/migrations/0022): the meaning a
practitioner reads beside UN6, K3 and the reasons for a new episode U and B is what the validators' rules use them
for; the other UPN reasons the SSDA903 rules name (UN1 to UN5) are unchanged."""

import pytest

from casework.returns import codes

pytestmark = pytest.mark.django_db


def meaning(list_key: str, code: str) -> str:
    return codes.meanings(list_key)[list_key][code]


def test_un6_is_not_a_code_for_an_unborn_child():
    # The CIN validator's rule 8770Q accepts UN6 for a child of school age without a UPN.
    assert meaning(codes.UPN_UNKNOWN, "UN6") == "UPN not known for another reason (DfE code UN6)"
    assert "unborn" not in " ".join(codes.meanings(codes.UPN_UNKNOWN)[codes.UPN_UNKNOWN].values()).lower()


def test_the_ssda903_upn_reasons_keep_their_meanings():
    assert [meaning(codes.UPN_UNKNOWN, f"UN{n}") for n in range(1, 6)] == [
        "Child is under 6 years old and not yet attending school",
        "Child has never attended a school in England, so has never been given a UPN",
        "Child is educated outside England",
        "Child is new to the local authority and the UPN is not yet known",
        "The sources of UPNs disagree",
    ]


def test_k3_is_supported_accommodation_for_young_people_of_16_or_over():
    # The SSDA903 rule 371: a child in supported accommodation (K3) should be at least 16.
    assert meaning(codes.PLACEMENT_TYPE, "K3") == (
        "Supported accommodation registered with Ofsted (not a children's home), for young people aged 16 or 17")


def test_u_and_b_are_a_change_of_placement_type_with_the_same_carers():
    # The SSDA903 rule 217: placed for adoption with current foster carers (A3, A5) is an episode for S, T or U.
    assert meaning(codes.REASON_NEW_EPISODE, "U") == (
        "Change of placement type, with the same carers (for example, foster carers becoming the child's adopters)")
    assert meaning(codes.REASON_NEW_EPISODE, "B") == "Change of legal status and of placement type, with the same carers"

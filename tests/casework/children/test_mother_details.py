"""Issue 17: the children looked after return asks of a looked-after girl or young woman whether she is a mother and
when her first child was born (the SSDA903 Header's MOTHER and MC_DOB), on the child's details form."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.children import services
from tests.casework.returns.test_recorded_details import details, details_url
from tests.conftest import client_for
from tests.govuk_html import assert_form_error

pytestmark = pytest.mark.django_db


def born_fields(day) -> dict:
    return {"mothers_child_born_0": str(day.day), "mothers_child_born_1": str(day.month),
            "mothers_child_born_2": str(day.year)}


def test_a_young_woman_who_is_a_mother_is_recorded(child, practitioner):
    first_born = timezone.localdate() - timedelta(days=30)
    response = client_for(practitioner).post(details_url(child),
                                             details(is_mother="True", **born_fields(first_born)))
    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.is_mother, child.mothers_child_born) == (True, first_born)


@pytest.mark.parametrize("changes, message", [
    ({"sex": "M", "is_mother": "False"}, "Leave this empty: the return asks it of girls and young women"),
    ({"is_mother": "False", **born_fields(date(2025, 1, 1))}, "Leave the date empty, or select yes if she is a mother"),
    ({"is_mother": "True", **born_fields(date(2015, 1, 1))},
     "The date her first child was born must be after her own birth and not in the future"),
    ({"is_mother": "Perhaps"}, "Select yes if she is a mother"),
])
def test_wrong_mother_details_get_a_specific_error_and_nothing_is_saved(child, practitioner, changes, message):
    response = client_for(practitioner).post(details_url(child), details(**changes))
    assert_form_error(response, message)
    child.refresh_from_db()
    assert child.sex == "" and child.is_mother is None


def test_the_service_rechecks_the_mother_details(child, practitioner):
    answers = {"sex": "M", "ethnicity": "WBRI", "disabilities": [], "upn": "", "upn_unknown_reason": "",
               "date_of_death": None}
    with pytest.raises(ValidationError):
        services.update_identity_details(child=child, by=practitioner, **answers, is_mother=True)
    with pytest.raises(ValidationError):
        services.update_identity_details(child=child, by=practitioner, **{**answers, "sex": "F"}, is_mother=False,
                                         mothers_child_born=date(2025, 1, 1))
    child.refresh_from_db()
    assert child.is_mother is None


def test_a_user_who_cannot_write_on_the_child_gets_a_404(child, other_practitioner):
    assert client_for(other_practitioner).post(details_url(child), details(is_mother="True")).status_code == 404
    child.refresh_from_db()
    assert child.is_mother is None

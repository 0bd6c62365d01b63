"""Issue 17: Ofsted's Annex A list 1 lists the contacts received about children in the six months up to the as-at date,
a row each whatever was decided on them, with who they came from in the DfE's referral source codes; a child named by
a contact alone is listed too."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from casework.contacts import services
from casework.contacts.models import FrontDoorContact
from casework.returns.annex_a import build_annex_a
from casework.returns.annex_a_lists import LISTS
from casework.returns.codes import collection_year
from tests.casework.returns.test_annex_a import age, rows_of, sheets
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_list_1_has_the_contacts_of_the_six_months_up_to_the_as_at_date(child, practitioner,
                                                                        django_assert_max_num_queries):
    as_at = timezone.localdate() - relativedelta(days=3)
    six_months_before = as_at - relativedelta(months=6)
    first_day = six_months_before + relativedelta(days=1)
    for received_on, source, decision in ((as_at, "6", "referral"), (first_day, "1A", "nfa"),
                                          (six_months_before, "2A", "advice"),  # the day before the six months
                                          (as_at + relativedelta(days=1), "3A", "early_help")):  # after the as-at date
        services.record_contact(child=child, by=practitioner, received_on=received_on, source=source,
                                request="Worried about her", decision=decision)
    # A child with no case in the period, named by a contact alone (made directly: no team may see them).
    only_a_contact = ChildFactory()
    FrontDoorContact.objects.create(child=only_a_contact, received_on=as_at, source="9", request="Anonymous call",
                                    decision="nfa", recorded_by=practitioner)

    with django_assert_max_num_queries(40):
        book = sheets(build_annex_a(year=collection_year(as_at), la_number="822", today=as_at))

    rows = rows_of(book, "contacts", child)
    assert [(row["Date of Contact"], row["Contact Source"]) for row in rows] == [
        (first_day, "1A"), (as_at, "6")]
    assert rows[0]["Date of Birth"] == child.date_of_birth
    assert rows[0]["Age of Child (Years)"] == age(child.date_of_birth, as_at)
    [alone] = rows_of(book, "contacts", only_a_contact)
    assert (alone["Date of Contact"], alone["Contact Source"]) == (as_at, "9")
    headings, *rest = book[LISTS["contacts"].title]
    assert "Not recorded in casework" not in " ".join(str(cell) for row in rest for cell in row if cell)

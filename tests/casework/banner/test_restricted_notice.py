"""§7, §8: whoever may not see a child's 'Restricted from user' section is told, on the banner and on the list of
entries alike, that restricted information exists and whom to ask, and never what it is. Decided in issue 16:
emergency duty staff under emergency access alone are told too (§4: what the Emergency Duty Team needs must be
there for them; that there is more, and whom to ask, says nothing of what it is)."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import EmergencyAccessFactory
from tests.govuk_html import texts
from tests.records.pdfs.test_pdf_content import CONFIDENTIAL, phone_call, restricted_call

pytestmark = pytest.mark.django_db


def _told(client, child) -> tuple[str, str]:
    """(the banner's text, the entry list's notice) as `client` reads the list of entries."""
    response = client.get(reverse("records:entry_list", args=[child.local_id]))
    assert response.status_code == 200
    body = response.content.decode()
    assert CONFIDENTIAL not in body  # never the content
    notice = [text for text in texts(response, "govuk-inset-text") if "Restricted from user" in text]
    return texts(response, "cw-banner")[0], " ".join(notice)


@pytest.mark.parametrize("who", ["edt", "colleague"])
def test_those_who_may_not_see_it_are_told_it_exists_on_the_banner_and_the_entry_list(
        who, child, practitioner, manager, request):
    restricted_call(child, practitioner, manager)
    user = request.getfixturevalue(who)
    if who == "edt":
        EmergencyAccessFactory(user=user, child=child)

    banner, notice = _told(client_for(user), child)

    assert "This record has restricted information you cannot see" in banner
    assert "There is information in this child's 'Restricted from user' section that you do not have access to" in notice
    assert manager.get_full_name() in notice or "Ask the team manager" in notice


def test_the_allocated_worker_sees_it_and_is_not_told_to_ask(child, practitioner, manager):
    restricted_call(child, practitioner, manager)
    client = client_for(practitioner)
    response = client.get(reverse("records:entry_list", args=[child.local_id]))

    assert "This record has information restricted from the child" in texts(response, "cw-banner")[0]
    assert not [text for text in texts(response, "govuk-inset-text") if "do not have access to" in text]


@pytest.mark.parametrize("who", ["edt", "colleague"])
def test_nobody_is_told_of_restricted_information_when_there_is_none(who, child, practitioner, request):
    phone_call(child, practitioner, "Talked about school.")
    user = request.getfixturevalue(who)
    if who == "edt":
        EmergencyAccessFactory(user=user, child=child)

    banner, notice = _told(client_for(user), child)

    assert "restricted" not in banner.lower() and notice == ""

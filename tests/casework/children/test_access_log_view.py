"""Managers see who has viewed a child's record; restricted access is given by managers, with a reason."""

from access.models import AuditAction, AuditEvent
from casework.banner.selectors import BANNER_QUERIES
from casework.children.selectors import may_see_restricted
from tests.conftest import client_for
from tests.govuk_html import error_summary


def test_manager_sees_who_viewed_the_record_and_can_filter_by_person(cast, child, practitioner, colleague, manager,
                                                                      other_practitioner):
    client_for(colleague).get(f"/children/{child.local_id}/")
    client_for(other_practitioner).get(f"/children/{child.local_id}/")  # refused, and logged as such
    body = client_for(manager).get(f"/children/{child.local_id}/access-log/").content.decode()
    assert colleague.get_full_name() in body and other_practitioner.get_full_name() in body and "Refused" in body
    only = client_for(manager).get(f"/children/{child.local_id}/access-log/?user={colleague.pk}").content.decode()
    only = only.split("<tbody")[1]  # the rows (the person filter lists everyone who viewed it)
    assert colleague.get_full_name() in only and other_practitioner.get_full_name() not in only


def test_access_log_page_queries_do_not_grow_with_the_log(cast, child, colleague, manager, django_assert_max_num_queries):
    for _ in range(60):
        client_for(colleague).get(f"/children/{child.local_id}/")
    client = client_for(manager)
    with django_assert_max_num_queries(9 + BANNER_QUERIES):
        response = client.get(f"/children/{child.local_id}/access-log/")
    assert "Older views" in response.content.decode()


def test_manager_gives_restricted_access_with_a_reason(cast, child, colleague, manager):
    assert not may_see_restricted(colleague, child)
    url = f"/children/{child.local_id}/restricted/grant/"
    response = client_for(manager).post(url, {"user": colleague.pk, "reason": ""})
    assert "Enter why they need to see restricted information" in error_summary(response)
    assert not may_see_restricted(colleague, child)
    client_for(manager).post(url, {"user": colleague.pk, "reason": "Covering while Priya is on leave"})
    assert may_see_restricted(colleague, child)
    assert AuditEvent.objects.filter(action=AuditAction.GRANTED_VIEW_RESTRICTED, subject_user=colleague, child=child).exists()


def test_practitioners_cannot_give_restricted_access(cast, child, practitioner, colleague):
    response = client_for(practitioner).post(f"/children/{child.local_id}/restricted/grant/",
                                             {"user": colleague.pk, "reason": "Please"})
    assert response.status_code == 404
    assert not may_see_restricted(colleague, child)

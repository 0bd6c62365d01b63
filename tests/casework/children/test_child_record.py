from access.models import AccessLog, AccessPage
from tests.conftest import client_for


def test_allocated_practitioner_sees_record_and_the_view_is_logged(cast, child, practitioner):
    response = client_for(practitioner).get(f"/children/{child.local_id}/")
    assert response.status_code == 200
    assert child.full_name in response.content.decode()
    log = AccessLog.objects.get(child=child, user=practitioner)
    assert log.outcome == AccessLog.Outcome.VIEWED
    assert log.page == AccessPage.CHILD_RECORD


def test_other_team_gets_404_and_the_refusal_is_logged(cast, child, other_practitioner):
    response = client_for(other_practitioner).get(f"/children/{child.local_id}/")
    assert response.status_code == 404
    assert child.first_name not in response.content.decode()
    assert AccessLog.objects.filter(child=child, user=other_practitioner, outcome="denied").count() == 1

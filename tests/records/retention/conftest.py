import pytest

from access.staff import roles
from tests.factories import make_staff


@pytest.fixture
def dpo(db):
    return make_staff("dpo", role=roles.DATA_PROTECTION_OFFICER, post_title="Data Protection Officer",
                      first_name="Ruth", last_name="Adeyemi")


@pytest.fixture
def other_slt(db):
    return make_staff("slt2", role=roles.SENIOR_LEADERSHIP, post_title="Director of Children's Services")

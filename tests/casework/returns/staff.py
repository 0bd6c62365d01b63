"""The performance and information officer, for the statutory returns' tests (issue 17)."""

import pytest

from access.staff import roles
from tests.factories import make_staff


@pytest.fixture
def performance(db):
    return make_staff("performance", role=roles.PERFORMANCE_AND_INFORMATION,
                      post_title="Performance and Information Officer", first_name="Imran", last_name="Qureshi")

"""The approved designs and the seeded visit rules, put back when a transactional test emptied the tables."""

import pytest
from django.contrib.auth.models import Group, Permission

from access.staff import roles
from records.models import VisitRule
from records.statutory_visits.defaults import DEFAULTS


@pytest.fixture(autouse=True)
def visit_rules(policy_designs):
    """The rules as records 0028 seeds them, with who may change them in the admin."""
    for code, interval, unit, alone, source in DEFAULTS:
        VisitRule.objects.get_or_create(code=code, defaults={"interval": interval, "unit": unit,
                                                             "child_seen_alone": alone, "source": source})
    for role in (roles.ADMINISTRATOR, roles.SENIOR_LEADERSHIP):
        Group.objects.get_or_create(name=role)[0].permissions.add(
            *Permission.objects.filter(content_type__app_label="records", codename__in=["view_visitrule", "change_visitrule"]))

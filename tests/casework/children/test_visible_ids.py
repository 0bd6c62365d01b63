"""The one door's rule as a subquery of ids (`Child.objects.visible_ids`, `restricted_granted_ids`), and as the sets
it is the union of (`visible_id_sets`, `restricted_granted_id_sets`), which the work lists use (issue 16): the same
children as `visible_to` and `restricted_granted_to`, for every kind of user."""

import operator
from functools import reduce

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from casework.children.services import grant_restricted_access
from casework.models import Child
from tests.factories import EmergencyAccessFactory, UserFactory


def _ids(queryset) -> set:
    return set(queryset.values_list("pk", flat=True))


def _in_any(sets) -> set:
    """The children in any of `sets`, as records.my_work tests each row's child against them."""
    return _ids(Child.objects.filter(reduce(operator.or_, [Q(pk__in=ids) for ids in sets]))) if sets else set()


def test_the_ids_follow_the_one_doors_rule_for_every_kind_of_user(cast, child, other_child, practitioner, colleague,
                                                                  other_practitioner, manager, edt, slt, admin_user):
    EmergencyAccessFactory(user=edt, child=child)  # open now: edt sees the child, never its restricted section
    EmergencyAccessFactory(user=edt, child=other_child, started_at=timezone.now() - timedelta(hours=25),
                           expires_at=timezone.now() - timedelta(hours=1))  # ended: no longer seen
    grant_restricted_access(child=child, user=colleague, by=manager, reason="Covering the case while Priya is away")
    inactive = UserFactory(is_active=False)
    for user in (practitioner, colleague, other_practitioner, manager, edt, slt, admin_user, inactive):
        assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(user))) == _ids(Child.objects.visible_to(user))
        assert (_ids(Child.objects.filter(pk__in=Child.objects.restricted_granted_ids(user)))
                == _ids(Child.objects.restricted_granted_to(user)))
        assert _in_any(Child.objects.visible_id_sets(user)) == _ids(Child.objects.visible_to(user))
        assert (_in_any(Child.objects.restricted_granted_id_sets(user))
                == _ids(Child.objects.restricted_granted_to(user)))
    # The sets are not trivial: each user sees only what the door lets through.
    assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(edt))) == {child.pk}
    assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(other_practitioner))) == {other_child.pk}
    assert child.pk in _ids(Child.objects.filter(pk__in=Child.objects.restricted_granted_ids(colleague)))
    assert not _ids(Child.objects.filter(pk__in=Child.objects.restricted_granted_ids(edt)))
    assert not _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(inactive)))
    assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(admin_user))) >= {child.pk, other_child.pk}

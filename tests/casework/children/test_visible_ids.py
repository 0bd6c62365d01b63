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


def test_asked_of_one_child_the_ids_are_that_child_exactly_when_the_door_lets_the_user_see_it(
        cast, child, other_child, practitioner, colleague, other_practitioner, manager, edt, slt, admin_user):
    """`visible_ids(user, only=child)` (a list on one child's record): the same rule, asked of one child."""
    EmergencyAccessFactory(user=edt, child=child)
    EmergencyAccessFactory(user=edt, child=other_child, started_at=timezone.now() - timedelta(hours=25),
                           expires_at=timezone.now() - timedelta(hours=1))
    for user in (practitioner, colleague, other_practitioner, manager, edt, slt, admin_user, UserFactory(is_active=False)):
        for each in (child, other_child):
            expected = {each.pk} if Child.objects.visible_to(user).filter(pk=each.pk).exists() else set()
            assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(user, only=each.pk))) == expected
    assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(edt, only=child.pk))) == {child.pk}
    assert not _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(edt, only=other_child.pk)))
    assert not _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(other_practitioner, only=child.pk)))


def test_emergency_access_is_judged_at_the_moment_given(edt, child):
    access = EmergencyAccessFactory(user=edt, child=child)
    assert _ids(Child.objects.visible_to(edt, now=access.expires_at - timedelta(minutes=1))) == {child.pk}
    assert not _ids(Child.objects.visible_to(edt, now=access.expires_at))


def test_the_rule_compiled_once_gives_each_user_their_own_children(cast, child, other_child, practitioner, colleague,
                                                                  other_practitioner, manager, edt, slt, admin_user):
    """`visible_ids_compiled` (what `visible_to` and the overdue lists filter by): the door's rule compiled to SQL once
    per process, run with each user's id and the moment: the same children as `visible_ids` for every kind of user."""
    from casework.children import models as children_models

    EmergencyAccessFactory(user=edt, child=child)
    access = EmergencyAccessFactory(user=edt, child=other_child)
    children_models._VISIBLE_IDS._compiled.clear()
    for user in (practitioner, colleague, other_practitioner, manager, edt, slt, admin_user, UserFactory(is_active=False)):
        assert (_ids(Child.objects.filter(pk__in=Child.objects.visible_ids_compiled(user)))
                == _ids(Child.objects.filter(pk__in=Child.objects.visible_ids(user))))
    assert _ids(Child.objects.filter(pk__in=Child.objects.visible_ids_compiled(edt))) == {child.pk, other_child.pk}
    later = access.expires_at + timedelta(minutes=1)  # the emergency access judged at the moment given
    assert other_child.pk not in _ids(Child.objects.filter(pk__in=Child.objects.visible_ids_compiled(edt, now=later)))
    assert list(children_models._VISIBLE_IDS._compiled) == ["visible"]  # built once, for every user

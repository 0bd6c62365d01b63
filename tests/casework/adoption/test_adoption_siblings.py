"""Issue 17: the brothers and sisters a child is to be placed for adoption with, recorded on the decision to place for
adoption (Ofsted's Annex A, list 10's family identifier). Only brothers and sisters linked to the child, whose records
the user may open, with a decision of their own; never the child themselves; the group's identifier its own, not a
database id; every change kept in the decisions' history and audited; nothing saved on a refusal."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from access.models import AuditAction, AuditEvent, GrantSource
from access.permissions import services as permissions
from casework.adoption import services
from casework.adoption.models import AdoptionDecision, AdoptionSiblingGroup
from tests.casework.basic_record.basic_record_builders import link_as_siblings
from tests.conftest import client_for, open_record
from tests.govuk_html import assert_form_error, by_class, texts

pytestmark = pytest.mark.django_db

FAMILY_IDENTIFIER = re.compile(r"F[2-9A-HJ-NP-Z]{7}")


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def decide(child, by):
    return services.record_decision(child=child, by=by, decided_on=days_ago(30))


def group_of(child):
    return AdoptionDecision.objects.get(child=child, reversed_on__isnull=True).sibling_group


def siblings_url(child, decision):
    return reverse("casework:adoption_update", args=[child.local_id, decision.pk, "siblings"])


@pytest.fixture
def family(assessment_team, manager, practitioner, child):
    """Amara and her brother and sister in the same team, linked as siblings, each with a decision to place for
    adoption."""
    brother = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Kwame",
                          dob=date(2018, 2, 1))
    sister = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Esi",
                         dob=date(2020, 7, 9))
    for sibling in (brother, sister):
        link_as_siblings(child, sibling, practitioner)
    link_as_siblings(brother, sister, practitioner)
    return {"child": decide(child, practitioner), "brother": decide(brother, practitioner),
            "sister": decide(sister, practitioner), "brother_child": brother, "sister_child": sister}


# --- Services ----------------------------------------------------------------------------------------------------

def test_brothers_and_sisters_share_one_family_identifier_with_history_and_audit(child, practitioner, family):
    services.place_with_siblings(decision=family["child"], by=practitioner,
                                 siblings=[family["brother_child"], family["sister_child"]])

    group = group_of(child)
    assert group is not None and FAMILY_IDENTIFIER.fullmatch(group.reference)
    assert group.reference != str(group.pk)
    assert {group_of(family["brother_child"]), group_of(family["sister_child"])} == {group}
    for decision in (family["child"], family["brother"], family["sister"]):
        versions = list(decision.history.order_by("history_id"))
        assert [v.sibling_group_id for v in versions] == [None, group.pk]
        assert versions[-1].history_change_reason == "To be placed with brothers and sisters"
        assert versions[-1].history_user == practitioner
        assert AuditEvent.objects.filter(child_id=decision.child_id, action=AuditAction.CHANGED_ADOPTION,
                                         detail__contains=group.reference).count() == 1
    assert group.history.get().history_user == practitioner


def test_a_child_left_out_is_taken_out_of_the_group_and_a_child_left_alone_too(child, practitioner, family):
    services.place_with_siblings(decision=family["child"], by=practitioner,
                                 siblings=[family["brother_child"], family["sister_child"]])
    group = group_of(child)

    services.place_with_siblings(decision=family["child"], by=practitioner, siblings=[family["brother_child"]])
    assert (group_of(child), group_of(family["brother_child"]), group_of(family["sister_child"])) == (
        group, group, None)

    services.place_with_siblings(decision=family["child"], by=practitioner, siblings=[])
    assert (group_of(child), group_of(family["brother_child"])) == (None, None)  # the brother, alone, too
    assert [v.sibling_group_id for v in family["brother"].history.order_by("history_id")] == [None, group.pk, None]
    assert AdoptionSiblingGroup.objects.filter(pk=group.pk).exists()  # never deleted


def test_joining_a_sibling_already_in_a_group_keeps_that_groups_identifier(child, practitioner, family):
    services.place_with_siblings(decision=family["brother"], by=practitioner, siblings=[family["sister_child"]])
    older = group_of(family["brother_child"])

    services.place_with_siblings(decision=family["child"], by=practitioner, siblings=[family["brother_child"]])

    # Being placed together holds for the whole group: the sister comes with her brother.
    assert {group_of(child), group_of(family["brother_child"]), group_of(family["sister_child"])} == {older}


@pytest.mark.parametrize("whom, message", [
    ("self", "A child cannot be placed with themselves: choose only their brothers and sisters"),
    ("unlinked", "Kofi Okoye is not linked to this child as a brother or sister: link their records first"),
    ("undecided", "Kofi Okoye has no decision that they should be placed for adoption"),
    ("reversed", "Kofi Okoye has no decision that they should be placed for adoption"),
    ("unseen", "Choose brothers and sisters from the list"),
])
def test_a_wrong_choice_is_refused_with_a_specific_error_and_nothing_saved(child, practitioner, family, other_child,
                                                                         assessment_team, manager, whom, message):
    other = open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Kofi")
    if whom in ("undecided", "reversed"):
        link_as_siblings(child, other, practitioner)
    if whom == "reversed":
        services.reverse_decision(decision=decide(other, practitioner), by=practitioner, reversed_on=days_ago(1),
                                  reason="RD4")
    if whom == "unseen":  # linked, with a decision, but in a team the practitioner may not see
        link_as_siblings(child, other_child, practitioner)
        other = other_child
        AdoptionDecision.objects.create(child=other_child, decided_on=days_ago(9), recorded_by=practitioner)
    chosen = {"self": child}.get(whom, other)

    with pytest.raises(ValidationError) as refused:
        services.place_with_siblings(decision=family["child"], by=practitioner,
                                     siblings=[family["brother_child"], chosen])

    assert message in refused.value.message_dict["siblings"][0]
    assert not AdoptionSiblingGroup.objects.exists()
    assert family["child"].history.count() == 1 and family["brother"].history.count() == 1


def test_a_reversed_decision_cannot_be_grouped(child, practitioner, family):
    services.reverse_decision(decision=family["child"], by=practitioner, reversed_on=days_ago(1), reason="RD4")

    with pytest.raises(ValidationError, match="This decision was reversed"):
        services.place_with_siblings(decision=family["child"], by=practitioner, siblings=[family["brother_child"]])
    assert not AdoptionSiblingGroup.objects.exists()


def test_children_of_the_group_the_user_cannot_see_stay_in_it_unless_the_child_leaves(
        child, practitioner, colleague, other_child, other_practitioner, family, slt):
    """A colleague who may also open the other team's child groups them; the practitioner, who may not, changes the
    group: the child she cannot see stays, and is never named to her."""
    link_as_siblings(child, other_child, practitioner)
    AdoptionDecision.objects.create(child=other_child, decided_on=days_ago(9), recorded_by=other_practitioner)
    permissions.grant_to_user(user=colleague, child=other_child, codename=permissions.VIEW_CHILD,
                              source=GrantSource.EXPLICIT, by=slt, reason="Joint work on the siblings")
    services.place_with_siblings(decision=family["child"], by=colleague,
                                 siblings=[family["brother_child"], other_child])
    group = group_of(child)
    client = client_for(practitioner)

    page = client.get(reverse("casework:adoption", args=[child.local_id]))
    assert ("Kwame Okoye, and 1 other child whose record you cannot open (family identifier "
            f"{group.reference})") in [value.replace(" ,", ",") for value in texts(page, "govuk-summary-list__value")]
    assert other_child.first_name not in page.content.decode()

    services.place_with_siblings(decision=family["child"], by=practitioner,
                                 siblings=[family["brother_child"], family["sister_child"]])
    assert {group_of(child), group_of(other_child), group_of(family["sister_child"])} == {group}

    services.place_with_siblings(decision=family["child"], by=practitioner, siblings=[])
    assert group_of(child) is None and {group_of(other_child), group_of(family["brother_child"])} == {group}


def test_someone_who_may_not_write_on_the_child_is_refused_and_nothing_saved(family, other_practitioner, slt):
    for user in (other_practitioner, slt):
        with pytest.raises(PermissionDenied):
            services.place_with_siblings(decision=family["child"], by=user, siblings=[family["brother_child"]])
    assert not AdoptionSiblingGroup.objects.exists()


def test_the_database_refuses_to_delete_a_group(child, practitioner, family):
    services.place_with_siblings(decision=family["child"], by=practitioner, siblings=[family["brother_child"]])
    group = group_of(child)
    with pytest.raises(Exception, match="never deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM casework_adoptionsiblinggroup WHERE id = %s", [group.pk])
    assert AdoptionSiblingGroup.objects.filter(pk=group.pk).exists()


# --- Pages -------------------------------------------------------------------------------------------------------

def test_the_form_offers_only_linked_brothers_and_sisters_with_a_decision_and_saves_the_choice(
        child, practitioner, family, assessment_team, manager, django_assert_max_num_queries):
    open_record(team=assessment_team, manager=manager, worker=practitioner, first_name="Kofi")  # not linked
    client = client_for(practitioner)
    url = siblings_url(child, family["child"])

    with django_assert_max_num_queries(40):
        form = client.get(url)
    labels = texts(form, "govuk-checkboxes__label")
    assert labels == ["Esi Okoye, born 9 July 2020", "Kwame Okoye, born 1 February 2018"]
    assert [box.attrs.get("value") for box in by_class(form, "govuk-checkboxes__input")] == [
        family["sister_child"].local_id, family["brother_child"].local_id]  # local child IDs, never database ids

    response = client.post(url, {"siblings": [family["sister_child"].local_id]})
    assert response.status_code == 302
    assert group_of(child) == group_of(family["sister_child"]) is not None

    page = client.get(reverse("casework:adoption", args=[child.local_id]))
    assert f"Esi Okoye (family identifier {group_of(child).reference})" in texts(page, "govuk-summary-list__value")
    again = client.get(url)
    assert [box.attrs.get("value") for box in by_class(again, "govuk-checkboxes__input") if "checked" in box.attrs] \
        == [family["sister_child"].local_id]


def test_the_form_refuses_a_child_off_the_list(child, practitioner, family, other_child):
    response = client_for(practitioner).post(siblings_url(child, family["child"]), {"siblings": [other_child.local_id]})

    assert_form_error(response, "Choose brothers and sisters from the list")
    assert not AdoptionSiblingGroup.objects.exists()


def test_saving_nothing_new_is_refused(child, practitioner, family):
    response = client_for(practitioner).post(siblings_url(child, family["child"]), {})

    assert_form_error(response, "Nothing has changed: choose the brothers and sisters, or cancel")


def test_someone_of_another_team_gets_a_404(child, other_practitioner, family):
    client = client_for(other_practitioner)
    assert client.get(siblings_url(child, family["child"])).status_code == 404
    assert client.post(siblings_url(child, family["child"]), {
        "siblings": [family["brother_child"].local_id]}).status_code == 404
    assert not AdoptionSiblingGroup.objects.exists()

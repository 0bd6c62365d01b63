"""Addresses reversed once (access.addresses, and `{% url %}` in every template): the same address as Django's
`reverse` for every name and argument, under each script prefix and URL configuration it was asked under."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from access.addresses import remembered_reverse


def test_the_address_is_djangos_for_each_view_and_argument(child, other_child):
    for each in (child, other_child, child):
        assert remembered_reverse("casework:child_record", [each.local_id]) == reverse("casework:child_record",
                                                                                      args=[each.local_id])
        assert remembered_reverse("records:entry_detail", [each.local_id, 7]) == reverse(
            "records:entry_detail", args=[each.local_id, 7])
    assert remembered_reverse("casework:child_record", kwargs={"local_id": child.local_id}) == reverse(
        "casework:child_record", args=[child.local_id])
    with pytest.raises(NoReverseMatch):
        remembered_reverse("casework:child_record", [child.local_id, 1])


def test_an_address_is_remembered_under_its_script_prefix():
    try:
        set_script_prefix("/casework/")
        prefixed = remembered_reverse("casework:search")
    finally:
        set_script_prefix("/")
    assert prefixed == "/casework" + reverse("casework:search") and remembered_reverse("casework:search") == reverse(
        "casework:search")


def test_the_url_tag_in_every_template_gives_djangos_address_or_refuses_as_it_does(child):
    rendered = Template("{% url 'casework:child_record' child.local_id %}|{% url 'casework:child_record' "
                        "child.local_id as link %}{{ link }}|{% url 'no:such' as missing %}[{{ missing }}]")
    address = reverse("casework:child_record", args=[child.local_id])
    assert rendered.render(Context({"child": child})) == f"{address}|{address}|[]"
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no:such' %}").render(Context({}))

"""Each role against each page and each child: allowed ones 200, others 404 (direct URLs and search).

Every URL pattern of the project must have a rule here, so a new view without one fails the suite.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from access.models import AccessLog
from tests.conftest import client_for

ROLES = ("practitioner", "colleague", "other_practitioner", "manager", "edt", "slt", "admin")
SIGNED_IN = set(ROLES)
ASSESSMENT_CHILD_READERS = {"practitioner", "colleague", "manager", "admin"}
CARE_CHILD_READERS = {"other_practitioner", "admin"}
MANAGERS = {"manager", "admin"}
REFERRERS = {"practitioner", "colleague", "other_practitioner", "manager"}

# url name -> (arguments to build it, roles that get 200). Pages about a child are listed once
# per child: the same page for a child of another team must be a 404.
CHILD_PAGES = {
    "casework:child_record": lambda c: [c.local_id],
    "casework:allocate": lambda c: [c.local_id],
    "casework:close_case": lambda c: [c.local_id, c.cases.get().pk],
}
CHILD_PAGE_ROLES = {
    "casework:child_record": (ASSESSMENT_CHILD_READERS, CARE_CHILD_READERS),
    "casework:allocate": (MANAGERS, {"admin"}),
    "casework:close_case": (MANAGERS, {"admin"}),
}
PLAIN_PAGES = {
    "casework:caseload": SIGNED_IN,
    "casework:search": SIGNED_IN,
    "casework:child_create": REFERRERS,
}
# Pages with their own rules, tested on their own below.
SPECIAL_PAGES = {"access:sign_in", "access:sign_out"}


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_pattern_has_a_permission_rule():
    names = {name for name in _url_names() if not name.startswith("admin:")}
    ruled = set(CHILD_PAGES) | set(PLAIN_PAGES) | SPECIAL_PAGES
    assert names - ruled == set(), "views without a rule in the permission matrix"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(PLAIN_PAGES))
def test_plain_pages(cast, url_name, role):
    response = client_for(cast[role]).get(reverse(url_name))
    expected = 200 if role in PLAIN_PAGES[url_name] else 404
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(CHILD_PAGES))
@pytest.mark.parametrize("which", ["assessment_child", "care_child"])
def test_child_pages(cast, child, other_child, url_name, role, which):
    subject = child if which == "assessment_child" else other_child
    allowed = CHILD_PAGE_ROLES[url_name][0 if which == "assessment_child" else 1]
    response = client_for(cast[role]).get(reverse(url_name, args=CHILD_PAGES[url_name](subject)))
    body = response.content.decode()
    if role in allowed:
        assert response.status_code == 200
        assert subject.local_id in body
    else:
        assert response.status_code == 404
        # The 404 says nothing about the child, not even that they exist.
        assert subject.local_id not in body
        assert subject.last_name not in body
        assert AccessLog.objects.filter(user=cast[role], child=subject, outcome="denied").exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["assessment_child", "care_child"])
def test_search_finds_only_children_the_role_may_see(cast, child, other_child, role, which):
    subject = child if which == "assessment_child" else other_child
    allowed = ASSESSMENT_CHILD_READERS if which == "assessment_child" else CARE_CHILD_READERS
    client = client_for(cast[role])
    for query in (subject.last_name, subject.local_id, subject.date_of_birth.strftime("%d/%m/%Y")):
        body = client.get(reverse("casework:search"), {"q": query}).content.decode()
        record_link = reverse("casework:child_record", args=[subject.local_id])
        assert (record_link in body) == (role in allowed), query
        if role not in allowed:
            assert subject.first_name not in body


def test_unknown_child_is_the_same_404_as_a_forbidden_one(cast, other_child):
    client = client_for(cast["practitioner"])
    forbidden = client.get(reverse("casework:child_record", args=[other_child.local_id]))
    unknown = client.get(reverse("casework:child_record", args=["CW-0000-0000"]))
    assert forbidden.status_code == unknown.status_code == 404

    def page(response, ref):
        # The sign-out form's CSRF token is masked differently on every response.
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode().replace(ref, ""))

    assert page(forbidden, other_child.local_id) == page(unknown, "CW-0000-0000")


@pytest.mark.parametrize("url_name", sorted(set(PLAIN_PAGES) | set(CHILD_PAGES)))
def test_anonymous_visitors_are_sent_to_sign_in(client, child, url_name):
    args = CHILD_PAGES[url_name](child) if url_name in CHILD_PAGES else []
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:sign_in"))


def test_sign_in_page_is_public_and_signed_in_staff_are_sent_on(client, practitioner):
    assert client.get(reverse("access:sign_in")).status_code == 200
    assert client_for(practitioner).get(reverse("access:sign_in")).status_code == 302


def test_sign_out_needs_a_post(practitioner):
    client = client_for(practitioner)
    assert client.get(reverse("access:sign_out")).status_code == 405
    assert client.post(reverse("access:sign_out")).status_code == 302
    assert client.get(reverse("casework:caseload")).status_code == 302

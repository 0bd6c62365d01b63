"""Cross-site request forgery: every URL pattern refuses a POST without the CSRF token, and nothing changes.

Every pattern of the resolver (ours and Django admin's) is posted to by a signed-in user who may
use the page, with the form the page itself renders filled in (so the view would act on it if the
token were not checked), from a client that enforces CSRF checks as a browser would. The answer
must be Django's CSRF refusal (403, our "Your page had expired" page) or 405 for a view that never
takes a POST, and a fingerprint of every table must be the same afterwards. A new view marked
csrf_exempt, or one that changes data on GET-less paths without the middleware, fails here.
"""

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.access.permissions import test_permission_matrix as matrix
from tests.conftest import client_for
from tests.security.counts import tried
from tests.security.forms import Filler, parse
from tests.security.state import changed, db_state
from tests.security.urls import url_patterns

entries = matrix.entries

# Who may use a page, most ordinary first: a refusal must come from the CSRF check, not from a 404.
PREFERENCE = ("practitioner", "manager", "colleague", "other_practitioner", "edt", "slt", "admin")
ANONYMOUS = {"access:sign_in"}


def _first_allowed(roles) -> str:
    return next(role for role in PREFERENCE if role in roles)


def _target(name, params, child, cast):
    """(address, role or None for anonymous, POST data) for one pattern."""
    try:
        return _matrix_target(name, params, child)
    except ObjectDoesNotExist:
        # The matrix's data has no such object yet: any id will do, the token is checked before the view.
        roles = (matrix.CHILD_PAGE_ROLES.get(name) or matrix.POST_CHILD_PAGES[name][2])[0]
        return _generic_target(name, params, child, _first_allowed(roles))


def _matrix_target(name, params, child):
    if name in matrix.CHILD_PAGES:
        return reverse(name, args=matrix.CHILD_PAGES[name](child)), _first_allowed(matrix.CHILD_PAGE_ROLES[name][0]), None
    if name in matrix.POST_CHILD_PAGES:
        args, data, roles = matrix.POST_CHILD_PAGES[name]
        return reverse(name, args=args(child)), _first_allowed(roles[0]), data(child)
    if name in matrix.PLAIN_PAGES:
        return reverse(name), _first_allowed(matrix.PLAIN_PAGES[name]), None
    if name.startswith("admin:"):
        return _generic_target(name, params, child, "admin")
    # Pages with their own rules: the author of the child's entries.
    return _generic_target(name, params, child, None if name in ANONYMOUS else "practitioner")


def _generic_target(name, params, child, role):
    completed = child.entries.filter(status="completed", restriction__isnull=True).first()
    values = {"object_id": "1", "app_label": "casework", "content_type_id": "1", "url": "x",
              "local_id": child.local_id, "pk": completed.pk, "case_id": child.cases.get().pk}
    kwargs = {p: values.get(p, "1") for p in params}
    try:
        return reverse(name, kwargs=kwargs), role, None
    except NoReverseMatch:
        if params:
            raise
    for count in (1, 2, 3):  # patterns with unnamed groups (django-simple-history's admin pages)
        try:
            return reverse(name, args=["1"] * count), role, None
        except NoReverseMatch:
            continue
    raise NoReverseMatch(name)


def _form_data(client, url) -> dict:
    """What the page's own form would send (without the token), so that a view that skipped the check would act."""
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return {}
    forms, _ = parse(response.content.decode(errors="replace"), f"http://testserver{url}")
    for form in forms:
        if form.action.endswith(url) or form.action == f"http://testserver{url}":
            data = Filler(form, lambda name: "Written by a forged request").data
            data.pop("csrfmiddlewaretoken", None)
            return data
    return {}


def _victims_browser(user) -> Client:
    """A browser that holds the victim's session and CSRF cookie, as one does when a page elsewhere
    makes it post: only the token in the form is missing."""
    browser = Client(enforce_csrf_checks=True)
    if user is not None:
        browser.force_login(user)
    browser.get(reverse("access:sign_in") if user is None else reverse("casework:caseload"))
    assert browser.cookies.get("csrftoken"), "no CSRF cookie: the forgery would be refused for the wrong reason"
    return browser


def _is_csrf_refusal(response) -> bool:
    return response.status_code == 403 and any(t.name == "403_csrf.html" for t in response.templates)


def test_every_url_pattern_refuses_a_post_without_the_csrf_token(cast, child, entries):
    users = {**cast, "admin": cast["admin"]}
    refused, unbuildable, browsers, plain_clients = [], [], {}, {}
    for name, params in url_patterns():
        try:
            url, role, data = _target(name, params, child, cast)
        except NoReverseMatch:
            unbuildable.append(name)
            continue
        if role not in plain_clients:
            plain_clients[role] = client_for(users[role]) if role else Client()
        plain = plain_clients[role]
        if data is None:
            data = _form_data(plain, url) if not name.startswith("admin:") else {}
        if role not in browsers:
            browsers[role] = _victims_browser(users[role] if role else None)
        forged = browsers[role]
        before = db_state()
        response = forged.post(url, data)
        assert _is_csrf_refusal(response) or response.status_code == 405, \
            f"{name} ({url}) answered a forged POST with {response.status_code}"
        assert changed(before, db_state()) == [], f"{name}: a forged POST changed data"
        refused.append(name)
    tried("CSRF: URL patterns posted to without a token", len(refused))
    assert not unbuildable, f"teach this test how to build {unbuildable}"
    assert len([n for n in refused if not n.startswith("admin:")]) >= len(matrix.CHILD_PAGES)


def test_the_same_post_with_the_token_is_accepted(cast, child, entries):
    """The control: the checks above can see a change, and the token is what made the difference."""
    url = reverse("records:consent_new", args=[child.local_id])
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["practitioner"])
    page = client.get(url)
    form = next(f for f in parse(page.content.decode(), f"http://testserver{url}")[0] if f.action.endswith(url))
    data = Filler(form, lambda name: "Agreed in person").data
    assert data.get("csrfmiddlewaretoken")
    before = db_state()
    data_without = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
    assert _is_csrf_refusal(client.post(url, data_without))
    from tests.security.forms import submit

    response, accepted = submit(client, form, Filler(form, lambda name: "Agreed in person"))
    assert accepted and response.status_code == 302
    assert changed(before, db_state())


@pytest.mark.parametrize("url_name", ["access:sign_in"])
def test_sign_in_refuses_a_forged_post(client, practitioner, url_name):
    """Login CSRF: a page elsewhere cannot sign a browser in as someone else."""
    forged = _victims_browser(None)
    response = forged.post(reverse(url_name), {"username": "practitioner", "password": "x" * 12})
    assert _is_csrf_refusal(response)
    assert "_auth_user_id" not in forged.session
    tried("CSRF: forged sign-in", 1)

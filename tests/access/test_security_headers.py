"""Every response to signed-in staff: not stored by browsers or proxies, and a strict Content Security Policy."""

from tests.casework.children.test_child_create import referral_data
from tests.conftest import client_for

# (who, method, address, data): pages, errors and redirects alike.
REQUESTS = [
    ("practitioner", "get", "/", None),
    ("practitioner", "get", "/children/search/", None),
    ("practitioner", "get", "/children/search/?q=amara", None),
    ("practitioner", "get", "/children/search/?q=", None),
    ("practitioner", "get", "/children/{child}/", None),
    ("practitioner", "get", "/children/{other_child}/", None),
    ("practitioner", "get", "/children/new/", None),
    ("practitioner", "post", "/children/new/", {"first_name": ""}),
    ("practitioner", "post", "/children/new/", "valid referral"),
    ("practitioner", "get", "/children/{child}/allocate/", None),
    ("practitioner", "get", "/no-such-page/", None),
    ("practitioner", "get", "/sign-in/", None),
    ("manager", "get", "/", None),
    ("manager", "get", "/children/{child}/allocate/", None),
    ("manager", "get", "/children/{child}/cases/{case}/close/", None),
    ("edt", "get", "/children/search/?q=amara", None),
    ("admin", "get", "/admin/", None),
    ("admin", "get", "/admin/casework/child/", None),
]


def _send(cast, child, other_child, who, method, address, data):
    url = address.format(child=child.local_id, other_child=other_child.local_id, case=child.cases.get().pk)
    client = client_for(cast[who])
    if method == "post":
        return client.post(url, referral_data() if data == "valid referral" else data)
    return client.get(url)


def _responses(cast, child, other_child):
    """Each request's description and response; one cast for all, to keep the test fast."""
    responses = [(request[:3], _send(cast, child, other_child, *request)) for request in REQUESTS]
    # The list covers pages, refusals and redirects alike.
    assert {response.status_code for _, response in responses} >= {200, 302, 404}
    return responses


def test_every_response_to_a_signed_in_user_is_not_stored(cast, child, other_child):
    stored = [
        (request, response.status_code, response.headers.get("Cache-Control"))
        for request, response in _responses(cast, child, other_child)
        if "no-store" not in response.headers.get("Cache-Control", "")
    ]
    assert stored == []


def test_every_response_to_a_signed_in_user_has_a_csp_without_unsafe_inline(cast, child, other_child):
    weak = [
        (request, response.status_code, response.headers.get("Content-Security-Policy"))
        for request, response in _responses(cast, child, other_child)
        if "script-src 'self'" not in response.headers.get("Content-Security-Policy", "")
        or "'unsafe-inline'" in response.headers.get("Content-Security-Policy", "")
    ]
    assert weak == []


def test_sign_in_page_has_the_csp_too(client, db):
    response = client.get("/sign-in/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy

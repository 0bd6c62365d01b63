"""Direct object references: another child's object id under this child's address is a 404.

Driven by the permission matrix (tests/access/permissions/test_permission_matrix.py): every page about a child
whose address holds an object id besides the child's (entries, restrictions, consents, subject
access requests, PDF jobs, documents, plan items, ... as other views add their rules) is asked
for with the ids of the other child's objects, in both directions, by users who may see both
children and by one who may see only one. Every such request must be a 404 showing nothing of
the other child, and a POST must change nothing. The control: the same user opens the other
child's object at its own address (a 200), so a 404 is the id check, not a missing permission.
"""

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from access.models import AccessLog
from access.permissions.services import VIEW_CHILD, VIEW_RESTRICTED, grant_to_user
from records.models import PdfJob
from tests.access.permissions import test_permission_matrix as matrix
from tests.conftest import client_for
from tests.pdf_text import response_bytes
from tests.security.counts import tried
from tests.security.state import changed, db_state
from tests.security.urls import project_patterns

entries = matrix.entries  # the matrix's data: drafts, completed and restricted entries, consents, SARs, PDFs...

ACCESS_LOG = {AccessLog._meta.db_table}  # a refusal is logged by design


def _builders():
    """url name -> (builder of its positional args for a child, is it POST-only)."""
    pages = {name: (args, False) for name, args in matrix.CHILD_PAGES.items()}
    pages.update({name: (spec[0], True) for name, spec in matrix.POST_CHILD_PAGES.items()})
    return pages


UNBUILT: set[str] = set()


def _object_pages(child, other):
    """The pages whose address names an object of the child (an id that differs between two children;
    a fixed part such as a section name does not count)."""
    pages = {}
    for name, (build, post) in _builders().items():
        try:
            if build(child)[1:] != build(other)[1:]:
                pages[name] = (build, post)
        except ObjectDoesNotExist:
            UNBUILT.add(name)  # the matrix's data lacks the object: its own tests fail too
    return pages


def test_every_child_page_with_an_object_id_is_covered():
    """A new pattern with a child and an object id is in the matrix (which the matrix itself enforces)."""
    covered = set(_builders())
    with_objects = {name for name, params in project_patterns() if "local_id" in params and len(params) > 1}
    assert with_objects - covered - matrix.SPECIAL_PAGES == set()


@pytest.fixture
def sees_both(cast, child, other_child, entries):
    """The allocated worker and the team manager, also given both permissions on the other team's
    child, and the administrator: each may open both children's pages."""
    for role in ("practitioner", "manager"):
        for codename in (VIEW_CHILD, VIEW_RESTRICTED):
            grant_to_user(user=cast[role], child=other_child, codename=codename, source="explicit",
                          by=cast["admin"], reason="Security test: sees both children")
    return {role: cast[role] for role in ("practitioner", "manager", "admin")}


def _fetch(client, url, post):
    response = client.post(url, {}) if post else client.get(url)
    return response, response_bytes(response).decode(errors="replace")


def _shows_nothing_of(body: str, other) -> bool:
    return all(text not in body for text in (other.local_id, other.last_name, other.first_name))


def _refused(response, posted_to_a_get_page: bool) -> bool:
    """A 404; a POST to a page that only answers GET may be refused before the child is looked at (405)."""
    return response.status_code == 404 or (posted_to_a_get_page and response.status_code == 405)


def _swap(own_args, other_args):
    """This child's address with the other child's object ids."""
    return own_args[:1] + other_args[1:]


def test_other_childs_object_ids_are_404_for_users_who_see_both(sees_both, child, other_child):
    counted = meaningful = 0
    for role, user in sees_both.items():
        client = client_for(user)
        for name, (build, post) in sorted(_object_pages(child, other_child).items()):
            for own, other in ((child, other_child), (other_child, child)):
                other_args = build(other)
                control, _ = _fetch(client, reverse(name, args=other_args), post)
                url = reverse(name, args=_swap(build(own), other_args))
                before = db_state(exclude=ACCESS_LOG)
                for method_post in {post, True}:  # GET pages are also posted to: a form's POST is checked too
                    response, body = _fetch(client, url, method_post)
                    assert _refused(response, method_post and not post), \
                        f"{role}: {name} served another child's object at {url}"
                    assert _shows_nothing_of(body, other), f"{role}: {name} 404 names {other.local_id}"
                    counted += 1
                assert changed(before, db_state(exclude=ACCESS_LOG)) == [], f"{role}: POST to {url} changed data"
                meaningful += control.status_code in (200, 302)
    tried("IDOR: another child's object id, user sees both children", counted)
    # The controls: most of these pages really open for these users at the object's own address.
    assert meaningful >= len(_object_pages(child, other_child))


def test_object_ids_of_a_child_the_user_cannot_see_are_404(cast, child, other_child, entries):
    """The colleague sees the assessment child only: the care child's ids are a 404 at either address."""
    client = client_for(cast["colleague"])
    counted = 0
    for name, (build, post) in sorted(_object_pages(child, other_child).items()):
        own, hidden = build(child), build(other_child)
        for args in (_swap(own, hidden), _swap(hidden, own), hidden):
            url = reverse(name, args=args)
            before = db_state(exclude=ACCESS_LOG)
            for method_post in {post, True}:
                response, body = _fetch(client, url, method_post)
                assert _refused(response, method_post and not post), f"{name} at {url}"
                assert _shows_nothing_of(body, other_child), f"{name} at {url} names the hidden child"
                counted += 1
            assert changed(before, db_state(exclude=ACCESS_LOG)) == [], f"POST to {url} changed data"
    tried("IDOR: object id of a child the user cannot see", counted)
    assert not UNBUILT, f"the permission matrix's data cannot build {sorted(UNBUILT)}"


def test_every_pdf_job_of_another_child_is_404(sees_both, child, other_child):
    """Record PDFs and subject access bundles alike, at every address that takes a job id."""
    job_pages = [name for name, params in project_patterns() if "job_id" in params]
    assert job_pages, "no PDF pages found"
    counted = 0
    for role, user in sees_both.items():
        client = client_for(user)
        for job in PdfJob.objects.filter(child=other_child):
            for name in job_pages:
                params = {"local_id": child.local_id, "job_id": job.pk}
                kwargs = {p: params.get(p) for p in dict(project_patterns())[name]}
                if None in kwargs.values():
                    continue  # a PDF page that also names another object: covered by the tests above
                response, body = _fetch(client, reverse(name, kwargs=kwargs), False)
                assert response.status_code in (404, 405), f"{role}: {name} served {other_child.local_id}'s PDF"
                assert "%PDF" not in body and _shows_nothing_of(body, other_child)
                counted += 1
    tried("IDOR: PDF job of another child", counted)
    assert counted >= 2 * len(job_pages)


def test_no_file_is_served_outside_the_permission_checked_views(client, practitioner, settings):
    """Private media has no public address: not under static, not under MEDIA_URL."""
    from django.urls import Resolver404, resolve

    for path in ("/private-media/pdfs/1.pdf", "/media/pdfs/1.pdf", f"{settings.STATIC_URL}../private-media/x.pdf"):
        with pytest.raises(Resolver404):
            resolve(path)
        assert client_for(practitioner).get(path).status_code == 404
    tried("IDOR: private file by a public address", 3)


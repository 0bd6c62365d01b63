"""Crawling a child's pages as a user: every GET page the permission matrix knows, every POST form on them.

The pages come from the permission matrix (tests/access/permissions/test_permission_matrix.py), which has a
rule, and the arguments to build its address, for every URL pattern of the project; so a page
added later is crawled without editing this suite.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.core.exceptions import ObjectDoesNotExist
from django.test import Client
from django.urls import reverse

from tests.access.permissions import test_permission_matrix as matrix
from tests.security.forms import Filler, links, parse, submit

# Forms that end the session or change the user's own sign-in: not the child's record.
SKIP_ACTIONS_PREFIXES = ("/admin/",)
SKIP_URL_NAMES = ("access:sign_out", "access:sign_in", "access:change_password", "access:two_factor_setup",
                  "access:two_factor_verify", "access:two_factor_recovery", "access:new_recovery_codes",
                  "access:session", "records:autosave", "casework:emergency_access")
# Steps that end what other pages work on (a visit marked failed, a case closed or passed to
# another worker, a consent withdrawn, a restriction lifted): submitted after the rest.
LAST = ("records:failed_visit", "records:consent_withdraw", "records:review_restriction", "casework:allocate",
        "casework:close_case")


UNBUILT: set[str] = set()


def client_as(user) -> Client:
    """A signed-in client whose server errors come back as 500 responses, to be asserted on."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def skipped_paths() -> set[str]:
    paths = set()
    for name in SKIP_URL_NAMES:
        try:
            paths.add(reverse(name))
        except Exception:  # a name with arguments (autosave): matched by its suffix below
            pass
    return paths


def child_pages(child) -> list[tuple[str, str]]:
    """(name, address) of every GET page about `child` and every page not about a child, LAST at the end."""
    pages = []
    for name, build in matrix.CHILD_PAGES.items():
        try:
            pages.append((name, reverse(name, args=build(child))))
        except ObjectDoesNotExist:
            UNBUILT.add(name)  # the matrix's data has no such object for this child yet
    pages += [(name, reverse(name)) for name in matrix.PLAIN_PAGES if name not in SKIP_URL_NAMES]
    return sorted(pages, key=lambda page: LAST.index(page[0]) + 1 if page[0] in LAST else 0)


@dataclass
class Submission:
    page: str
    action: str
    tested: list[str]  # free-text controls that held the value under test when it was sent
    accepted: bool
    status: int


@dataclass
class Crawl:
    submissions: list[Submission] = field(default_factory=list)
    responses: list = field(default_factory=list)  # (address, response) of everything posted

    def fields_tried(self) -> int:
        return sum(len(s.tested) for s in self.submissions)


def _postable(form, skipped) -> bool:
    path = urlparse(form.action).path
    return not (path in skipped or path.endswith("/autosave/") or path.startswith(SKIP_ACTIONS_PREFIXES))


def form_key(form) -> tuple:
    """What makes two forms the same form: where it posts, and every control it sends with what the page put in
    it (values, text, choices offered, the choice selected or checked). `Filler` fills two such forms alike."""
    return (form.action, form.enctype, form.submit, tuple(sorted(
        (name, c.tag, c.type, c.value, c.checked, tuple(c.options), c.selected, c.maxlength, c.inputmode, c.classes)
        for name, c in form.controls.items() if name != "csrfmiddlewaretoken")))


def submit_every_form(client, pages, under_test, crawl: Crawl, *, follow_steps: int = 2) -> Crawl:
    """Fill and post every POST form of every page; follow a redirect to the next step of a flow.

    One client is one user: a form this user has already posted (the same action and the same controls holding
    the same values, see `form_key`) is not posted again when a page shows it once more (a step reached
    both by a redirect and from the list of pages): it would be filled the same way and test the same fields
    with the same values. The redirects of one page's forms are followed once each: they are read after all
    of that page's forms were posted, so several visits would show the same page."""
    skipped = skipped_paths()
    posted: set[tuple] = set()
    queue = deque((url, 0) for _, url in pages)
    while queue:
        url, depth = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        forms, _ = parse(response.content.decode(errors="replace"), f"http://testserver{url}")
        targets: list[str] = []
        for form in forms:
            if not _postable(form, skipped) or form_key(form) in posted:
                continue
            posted.add(form_key(form))
            filler = Filler(form, under_test)
            tested: set[str] = set()

            def check(resp, filler, action=form.action):
                tested.update(filler.tested)
                crawl.responses.append((action, resp))

            result, accepted = submit(client, form, filler, check=check)
            crawl.submissions.append(Submission(page=url, action=form.action, tested=sorted(tested),
                                                accepted=accepted, status=result.status_code))
            if accepted and result.status_code == 302 and depth < follow_steps:
                target = urlparse(result["Location"]).path
                if target not in skipped and target not in targets:
                    targets.append(target)
        for target in targets:
            queue.appendleft((target, depth + 1))
    return crawl


def visit_everything(client, seeds, *, limit: int = 400):
    """GET every page reachable from `seeds` by links on the site (no admin, no sign-out): (address, response)."""
    skipped = skipped_paths()
    seen, queue = set(), deque(seeds)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or urlparse(url).path in skipped or url.startswith("/admin/") or url.startswith("/static/"):
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            queue.extend(link for link in links(response.content.decode(errors="replace"), f"http://testserver{url}")
                         if link not in seen)

"""Practitioners and managers see social workers' words: no developer's words on any page they reach.

Every page a practitioner and a team manager can open about a child with a full record (entries,
restrictions, a plan, the basic record, documents, paper files, a transfer, audits, history) and
every page linked from them is read as its user sees it (the text, and the words a screen reader
announces); none may show a route name (`casework:child_record`), an object's developer name
("Child 2", "Restriction object (1)"), a stored file name, a checksum, "Mersenne" or a § mark.
"""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from tests.access.permissions import test_permission_matrix as matrix
from tests.casework.transfers.transfer_builders import awaiting_transfer
from tests.govuk_html import parse
from tests.pdf_text import response_text
from tests.records.paper_files.paper_builders import paper_move_awaiting, paper_removal, paper_volume
from tests.security.crawl import child_pages, client_as, visit_everything

entries = matrix.entries  # the matrix's full record on each child

MONTHS = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"  # "Assessment Team 6 Dec 2026" is a date
_HIDDEN = {"script", "style", "template", "head"}
_SPOKEN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "aria-description")


def _model_names() -> list[str]:
    names = set()
    for model in apps.get_models():
        names.add(model.__name__)
        names.add(str(model._meta.verbose_name).capitalize())
    return sorted(names, key=len, reverse=True)


def developer_words() -> dict[str, re.Pattern]:
    """What may never reach a practitioner's or manager's screen, by what it is."""
    models = "|".join(re.escape(name) for name in _model_names())
    return {
        "route name": re.compile(r"\b\w+:\w+_\w+\b|\b(?:casework|records|access|admin):\w+"),
        "object's developer name": re.compile(rf"\b(?:{models}) \d+\b(?! {MONTHS})|\b\w+ object \(\d+\)"),
        "checksum": re.compile(r"\b[0-9a-fA-F]{64}\b"),
        "stored file name": re.compile(r"(?<![/\w])(?:pdfs|documents|private-media)/[\w.-]+\.\w{2,4}\b"
                                       r"|\b[0-9a-f]{48}\b"),  # a document's stored name
        "random number generator": re.compile(r"Mersenne", re.IGNORECASE),
        "§ reference": re.compile(r"§"),
        "Django's empty choice": re.compile(r"-{5,}"),
    }


def _visible(element, out: list[str]) -> list[str]:
    for child in element.children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag not in _HIDDEN:
            out.extend(child.attrs[a] for a in _SPOKEN_ATTRIBUTES if child.attrs.get(a))
            _visible(child, out)
    return out


def seen_text(html: str) -> str:
    """The text of a page as its reader sees or hears it: no markup, scripts or styles."""
    return " ".join(" ".join(_visible(parse(html), [])).split())


def problems(text: str) -> list[str]:
    found = []
    for what, pattern in developer_words().items():
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            found.append(f"{what}: {match.group(0)!r} in ...{text[start:match.end() + 40]}...")
    return found


@pytest.fixture
def full_record(child, other_child, entries, manager, practitioner):
    """The matrix's record, with the objects its pages make only when asked for built up front."""
    for subject in (child, other_child):
        awaiting_transfer(subject)
        paper_volume(subject)
        paper_removal(subject, "requested")
        paper_removal(subject, "out")
        paper_move_awaiting(subject)
    return child


def crawl_words(user, child) -> tuple[int, list[str]]:
    client = client_as(user)
    seeds = [url for _, url in child_pages(child)]
    pages, found = 0, []
    for url, response in visit_everything(client, seeds, limit=600):
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        found += [f"{url}: {problem}" for problem in problems(seen_text(response.content.decode()))]
    return pages, found


@pytest.mark.parametrize("role", ["practitioner", "manager"])
def test_no_developer_words_on_any_page_of_a_full_record(cast, full_record, role):
    pages, found = crawl_words(cast[role], full_record)
    assert pages > 60, f"only {pages} pages were read"
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("text, what", [
    ("Go to casework:child_record", "route name"),
    ("Lifted Restriction 1 today", "object's developer name"),
    ("Changed team to Team 6", "object's developer name"),
    ("Child object (4)", "object's developer name"),
    ("Checksum " + "ab12" * 16, "checksum"),
    ("Saved as pdfs/record-17.pdf", "stored file name"),
    ("Stored as " + "9f86d081" * 6, "stored file name"),
    ("Chosen with the Mersenne Twister", "random number generator"),
    ("As §10 says", "§ reference"),
    ("Team --------- Assessment Team", "Django's empty choice"),
])
def test_each_kind_of_developer_word_is_caught(db, text, what):
    assert any(p.startswith(what) for p in problems(text)), problems(text)


def test_ordinary_words_pass(db):
    assert problems("Home visit on 3 March 2026 at 10:30 by Priya Shah. Volume 2 is out.") == []
    assert problems("Address /children/CW-AB12-CD34/documents/36/returned/") == []


def test_access_report_names_pages_as_people_know_them(cast, full_record, manager):
    """Every page the manager opened is listed by its name in the report and its CSV, never by a route name."""
    client = client_as(manager)
    for _, url in child_pages(full_record):
        client.get(url)
    page = client.get(reverse("casework:access_log", args=[full_record.local_id]))
    csv = response_text(client.get(reverse("casework:access_log_csv", args=[full_record.local_id])))
    assert "Child's record" in seen_text(page.content.decode()) and "Who has viewed the record" in csv
    assert problems(seen_text(page.content.decode())) == []
    assert problems(csv) == []

"""No block of six or more lines is copied in the product's Python code (issue 14).

A rule written twice drifts apart; one home per rule. Lines are compared with their white space
folded, leaving out blank lines, comments, import lines and lines of lone punctuation, so a copy
cannot hide behind indentation or a different import. Migrations are history and are left out.
"""

import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("access", "casework", "records", "config")
RUN = 6
PASSED_OVER = re.compile(r"^(#|import |from )|^[()\[\]{},:;]*$")


def meaningful_lines(path: Path) -> list[tuple[int, str]]:
    lines = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        folded = " ".join(line.split())
        if folded and not PASSED_OVER.search(folded):
            lines.append((number, folded))
    return lines


def copied_runs(files, root: Path = ROOT) -> dict[str, list[str]]:
    """Each run of RUN meaningful lines that stands in more than one place -> those places."""
    places = defaultdict(list)
    for path in files:
        lines = meaningful_lines(path)
        for start in range(len(lines) - RUN + 1):
            run = "\n".join(text for _, text in lines[start:start + RUN])
            places[run].append(f"{path.relative_to(root)}:{lines[start][0]}")
    return {run: where for run, where in places.items() if len(where) > 1}


def product_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_check_finds_a_copy(tmp_path):
    block = "\n".join(f"value_{n} = compute({n})" for n in range(RUN))
    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_text(f"import os\n\n{block}\n")
    second.write_text(f"# the same rule again\n{block}\n")
    assert list(copied_runs([first, second], root=tmp_path).values()) == [["a.py:3", "b.py:2"]]


def test_no_six_line_copies_in_the_product_code():
    copies = copied_runs(product_files())
    shown = [" ~ ".join(where) + "\n    " + run.replace("\n", "\n    ") for run, where in copies.items()]
    assert not copies, "lines copied instead of shared:\n" + "\n".join(shown[:10])


# Rules the review found written more than once (issue 16): each must have exactly one home.
ONE_HOME = {"DUE_SOON_DAYS": re.compile(r"^DUE_SOON_DAYS\s*(:[^=]*)?=", re.M),
            "age_on": re.compile(r"^def age_on\(|date_of_birth\.year - \(\(", re.M)}


def test_the_rules_the_review_found_twice_are_defined_once():
    homes = {name: [str(path.relative_to(ROOT)) for path in product_files() if pattern.search(path.read_text())]
             for name, pattern in ONE_HOME.items()}
    assert homes == {"DUE_SOON_DAYS": ["records/calendar/working_days.py"], "age_on": ["casework/banner/selectors.py"]}

"""The DfE's own validators run from the tests' separate environment (issue 17): `make test` makes
.venv-validators with csc-validator-be-cin and csc-validator-be-903 (Makefile). A missing environment fails
here rather than being skipped: the returns are checked against the Department's rules in every full run.

Until the returns are built from the record, a tiny CIN census file made by hand proves the environment
works, and that the UPN check letter the record's forms use is the one the Department's rule 1510 checks."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from casework.returns import codes

ROOT = Path(__file__).resolve().parents[3]
VALIDATORS_PYTHON = ROOT / ".venv-validators" / "bin" / "python"
RUNNER = Path(__file__).with_name("validate_cin.py")


def _validators_python() -> Path:
    assert VALIDATORS_PYTHON.exists(), (
        f"{VALIDATORS_PYTHON} is missing: `make test` (or `make validators`) makes it with the DfE's validators")
    return VALIDATORS_PYTHON


def _element(tag: str, value) -> str:
    return f"<{tag}>{escape(str(value))}</{tag}>" if value not in (None, "") else ""


def cin_census_xml(children: list[dict], *, year: int) -> str:
    """A CIN census file (the Department's XML) for `children`, each a dict of the few items this test needs."""
    body = []
    for child in children:
        body.append(
            "<Child><ChildIdentifiers>"
            + _element("LAchildID", child["id"]) + _element("UPN", child.get("upn")) + _element("UPNunknown", child.get("upn_unknown"))
            + _element("PersonBirthDate", child["born"].isoformat()) + _element("Sex", child["sex"])
            + "</ChildIdentifiers><ChildCharacteristics>" + _element("Ethnicity", child["ethnicity"])
            + "<Disabilities>" + "".join(_element("Disability", code) for code in child["disabilities"]) + "</Disabilities>"
            + "</ChildCharacteristics><CINdetails>"
            + _element("CINreferralDate", child["referred"].isoformat()) + _element("ReferralSource", child["source"])
            + _element("PrimaryNeedCode", child["need"]) + _element("ReferralNFA", "true")
            + "</CINdetails></Child>")
    return (
        "<?xml version='1.0' encoding='utf-8'?><Message><Header><CollectionDetails><Collection>CIN</Collection>"
        f"<Year>{year + 1}</Year><ReferenceDate>{year + 1}-03-31</ReferenceDate></CollectionDetails><Source>"
        "<SourceLevel>L</SourceLevel><LEA>822</LEA><SoftwareCode>casework</SoftwareCode><Release>1</Release>"
        f"<SerialNo>1</SerialNo><DateTime>{year + 1}-04-10T09:00:00</DateTime></Source></Header>"
        f"<Children>{''.join(body)}</Children></Message>")


def run_cin_validator(xml: str, tmp_path, *, ruleset: str) -> list[dict]:
    path = tmp_path / "cin.xml"
    path.write_text(xml, encoding="utf-8")
    done = subprocess.run([str(_validators_python()), str(RUNNER), str(path), ruleset],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_validators_environment_holds_both_validators():
    done = subprocess.run([str(_validators_python()), "-c", "import cin_validator, lac_validator, pandas; print(pandas.__version__)"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("1.5."), "the validators need pandas 1.5"
    assert "pandas" not in {line.split("==")[0].lower() for line in (ROOT / "requirements.txt").read_text().splitlines()}, (
        "the product's own environment does not take the validators' pinned pandas")
    assert sys.executable != str(VALIDATORS_PYTHON)


def _child(number: int, **overrides) -> dict:
    rest = f"822{2000 + number:04d}{number:04d}{number % 10}"
    child = {"id": f"CW{number:04d}", "upn": codes.upn_check_letter(rest) + rest, "born": date(2015, 5, 1 + number),
             "sex": "F", "ethnicity": "WBRI", "disabilities": ["NONE"], "referred": date(2025, 6, 2),
             "source": "2A", "need": "N4"}
    return {**child, **overrides}


def test_the_cin_validator_agrees_with_the_records_codes_and_upn_check_letter(tmp_path):
    year = 2025  # the 2025-26 collection
    good = [_child(n) for n in range(1, 8)]
    for child in good:
        assert codes.upn_problem(child["upn"]) == ""
    wrong_letter = _child(9)
    wrong_letter["upn"] = ("A" if wrong_letter["upn"][0] != "A" else "B") + wrong_letter["upn"][1:]
    assert codes.upn_problem(wrong_letter["upn"])
    not_on_the_lists = _child(10, sex="X", ethnicity="ARAB", source="11", need="N10")
    findings = run_cin_validator(cin_census_xml(good + [wrong_letter, not_on_the_lists], year=year), tmp_path,
                                 ruleset="cin2025_26")
    rules = {finding["rule"] for finding in findings}
    # Rule 1510 (UPN check letter) fires for the one wrong letter, and only for it.
    assert sum(1 for finding in findings if finding["rule"] == "1510") == 1
    # Codes off the DfE's lists are refused by the Department's rules too: sex, ethnicity, source, need.
    assert {"4180", "4220", "8866", "8650"} <= rules
    # The lists' codes pass those rules for the children recorded with them.
    good_only = run_cin_validator(cin_census_xml(good, year=year), tmp_path, ruleset="cin2025_26")
    assert not {"1510", "4180", "4220", "8866", "8650", "8540"} & {finding["rule"] for finding in good_only}


def test_every_local_authority_number_on_the_placement_list_is_one_the_departments_rule_accepts(db, tmp_path):
    """Annex A's "LA of placement" comes from a code list of the DfE's local authority numbers (casework migration
    0026). The Department's rule 1530 holds its list of valid numbers (UPN characters 2-4): each of ours must be on
    it, and a number off it (100) is refused, so the rule did run."""
    year = 2025
    listed = [code for code, _ in codes.choices(codes.PLACEMENT_LA, year)]
    numbers = [code for code in listed if code.isdigit()]
    assert len(numbers) == 153 and len(set(numbers)) == len(numbers)  # England's 153 councils, each once
    assert sorted(set(listed) - set(numbers)) == ["NIR", "SCO", "WAL"]  # the return's codes outside England

    def with_number(index: int, number: str) -> dict:
        rest = f"{number}{2000 + index % 100:04d}{index:04d}{index % 10}"
        return _child(index % 28, id=f"LA{index:04d}", upn=codes.upn_check_letter(rest) + rest)

    children = [with_number(index, number) for index, number in enumerate(numbers, start=1)]
    refused = with_number(len(numbers) + 1, "100")
    findings = run_cin_validator(cin_census_xml(children + [refused], year=year), tmp_path, ruleset="cin2025_26")
    assert [finding["rule"] for finding in findings if finding["rule"] == "1530"] == ["1530"]  # only "100"

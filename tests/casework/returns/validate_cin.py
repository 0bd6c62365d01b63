"""Run the DfE's CIN census validator (csc-validator-be-cin) on one XML file; print the findings as JSON.

Run by the tests with .venv-validators/bin/python (made by `make test`): it imports no Django and nothing of
the product, only the validator, which needs pandas 1.5 and numpy 1.24.
Usage: validate_cin.py FILE RULESET (for example cin2025_26)."""

import importlib
import json
import sys
import xml.etree.ElementTree as ET

from cin_validator import cin_validator


def main(path: str, ruleset: str) -> None:
    data = cin_validator.process_data(cin_validator.convert_data(ET.parse(path).getroot()))
    registry = getattr(importlib.import_module(f"cin_validator.rules.{ruleset}"), "registry")
    validator = cin_validator.CinValidator(data, registry)
    findings = [
        {"rule": str(row["rule_code"]), "type": str(row["rule_type"]), "message": str(row["rule_description"])}
        for _, row in validator.full_issue_df.iterrows()
    ] + [{"rule": str(row["rule_code"]), "type": "", "message": str(row["rule_description"])}
         for _, row in validator.multichild_issues.iterrows()]
    json.dump(findings, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:3])

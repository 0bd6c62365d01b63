"""Run the DfE's CIN census validator (csc-validator-be-cin) on one XML file; print the findings as JSON.

Run by the tests with .venv-validators/bin/python (made by `make test`): it imports no Django and nothing of
the product, only the validator, which needs pandas 1.5 and numpy 1.24.
Usage: validate_cin.py FILE RULESET (for example cin2025_26). Each finding is {rule, type (ERROR or QUERY), message}."""

import importlib
import json
import sys
import xml.etree.ElementTree as ET

import pandas as pd
from cin_validator import cin_validator


def severity(registry, code) -> str:
    """ERROR or QUERY, as the rule is defined (the issue table's own "rule_type" is where the issue was pushed)."""
    rule = registry.get(str(code)) or registry.get(code)
    if rule is None and str(code).isdigit():
        rule = registry.get(int(code))
    return rule.rule_type.name if rule is not None else "ERROR"


def main(path: str, ruleset: str) -> None:
    data = cin_validator.process_data(cin_validator.convert_data(ET.parse(path).getroot()))
    registry = getattr(importlib.import_module(f"cin_validator.rules.{ruleset}"), "registry")
    validator = cin_validator.CinValidator(data, registry)
    findings = [
        {"rule": str(row["rule_code"]), "type": severity(registry, row["rule_code"]), "message": str(row["rule_description"])}
        for _, row in pd.concat([validator.full_issue_df, validator.multichild_issues]).iterrows()
    ]
    json.dump(findings, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:3])

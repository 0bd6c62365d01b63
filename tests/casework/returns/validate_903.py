"""Run the DfE's SSDA903 validator (csc-validator-be-903) on a return's CSV files; print the findings as JSON.

Run by the tests with .venv-validators/bin/python (made by `make test`): it imports no Django and nothing of the
product, only the validator, which needs pandas 1.5 and numpy 1.24. The validator tells each file by its columns.
Usage: validate_903.py DIRECTORY RULESET COLLECTION_END_YEAR LA_CODE (for example out/ lac2025_26 2026 E08000035:
every *.csv in DIRECTORY is this year's). Each finding is {rule, type, message, table, child}. The 903 package gives
its rules no level (unlike the CIN validator): every rule is an error unless the Department's guide calls it a query,
which none of the rules it ships does; so each finding here has type ERROR."""

import importlib
import json
import sys
from pathlib import Path

import pandas as pd
from lac_validator import lac_validator
from lac_validator.report import Report


def _clean_copy(data_store):
    """Each rule's own copy of the files. The package gives rules a shallow copy (datastore.copy_datastore), so a rule
    that writes into a column in place changes the data every later rule reads: rule 365 fills each open episode's DEC
    with the year's end (`episodes.loc[...] = ...`), after which rules 575 and 577 take every episode of being missing
    still open at 31 March for one whose care or placement ended. The package means each rule to get "a clean copy of
    the files to be validated": a deep copy gives it that."""
    return {key: value.copy(deep=True) if key != "metadata" else dict(value) for key, value in data_store.items()}


def main(directory: str, ruleset: str, end_year: str, la_code: str) -> None:
    lac_validator.copy_datastore = _clean_copy
    files = [{"name": path.name, "file_content": path.read_bytes(), "description": "This year"}
             for path in sorted(Path(directory).glob("*.csv"))]
    registry = getattr(importlib.import_module(f"lac_validator.rules.{ruleset}"), "registry")
    validator = lac_validator.LacValidator(metadata={"collectionYear": end_year, "localAuthority": la_code},
                                           files=files, registry=registry)
    report = Report(validator.ds_results, registry)
    findings = []
    if any(column.startswith("ERR_") for column in report.report.columns):  # none failed: nothing to concatenate
        issues = lac_validator.create_issue_df(report.report, report.error_report)
        for _, row in issues.iterrows():  # one row per affected column: one finding per rule, table and child
            finding = {"rule": str(row["rule_code"]), "type": "ERROR", "message": str(row["rule_description"]),
                       "table": str(row["tables_affected"]), "child": str(row["child_id"])}
            if finding not in findings:
                findings.append(finding)
    # The validator prints to stdout too: the findings are the last line.
    print("\n" + json.dumps({"findings": findings, "failed_to_run": [str(code) for code in validator.fails]}))


if __name__ == "__main__":
    pd.set_option("mode.chained_assignment", None)
    main(*sys.argv[1:5])

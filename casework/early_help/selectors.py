"""Reads of a child's early help assessments for the Cases tab (issue 17: Ofsted's Annex A, list 2)."""


def for_cases_tab(child) -> dict:
    """The child's early help assessments, latest first (one query)."""
    return {"early_help_assessments": list(child.early_help_assessments.all())}

"""Before a return is built (issue 17): which children's records would fail a check the return needs, what is wrong
in plain words, and where it is put right. Each check is one condition, used both in the database (to find the
children, and to mark "return data missing" on a practitioner's caseload without a query per child) and to say what
is wrong on the page, so the list and the marker can never disagree.

Who is listed: every child with a case open at some time in the collection year, and every child looked after in it
or a care leaver at a birthday in it (the looked-after checks: casework.returns.validation_care). The return counts
every child, restricted ones included (it is statistical, §7); the list shows only the children the reader may see
(`Child.objects.visible_to`), a child's looked-after problems only to a reader who may see what they are read from
(`validation_care.shown_to`), and says how many others have gaps.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from access.compiled_query import CompiledQuery
from casework.models import Case, Child, Code
from casework.returns import codes, validation_care
from casework.returns.cin_census import census_period


@dataclass(frozen=True)
class Check:
    name: str  # the annotation holding it
    fails: Q  # true when the record fails the check
    problem: str  # what is wrong, in the practitioner's words
    fix: str  # the page where it is put right: "identity" (the child's details) or "case" (the case's referral)


CHILD_CHECKS = (
    Check("gap_sex", Q(sex=""), "Sex is not recorded", "identity"),
    Check("gap_ethnicity", Q(ethnicity="") | Q(ethnicity="NOBT"), "Ethnicity is not recorded (not yet obtained)",
          "identity"),
    Check("gap_upn", Q(upn="", upn_unknown_reason="", is_unborn=False),
          "Neither the unique pupil number (UPN) nor why it is not known is recorded", "identity"),
)
CASE_CHECKS = (
    Check("gap_referral_source", Q(referral_source=""), "The source of the referral is not recorded", "case"),
    Check("gap_primary_need", Q(primary_need=""), "The primary need is not recorded", "case"),
    Check("gap_closure_reason",
          Q(closure_date__isnull=False)
          & ~Q(closure_reason__in=Code.objects.filter(code_list__key=codes.CLOSURE_REASON).values("code")),
          "The case is closed without a reason for closure from the list", "closure"),
)


def _any(checks) -> Q:
    condition = Q()
    for check in checks:
        condition |= check.fails
    return condition


def _flags(checks) -> dict:
    return {check.name: ExpressionWrapper(check.fails, output_field=BooleanField()) for check in checks}


def cases_in_year(year: int) -> QuerySet[Case]:
    """The cases a return for `year` reads: open at some time in it."""
    start, end = census_period(year)
    return Case.objects.filter(referral_date__lte=end).filter(Q(closure_date__isnull=True) | Q(closure_date__gte=start))


def _missing(cases: QuerySet[Case]) -> Q:
    """A condition on Child: among `cases`, the child has one, and their record or one of them has a gap."""
    in_scope = cases.filter(child=OuterRef("pk"))
    return (Q(Exists(in_scope)) & _any(CHILD_CHECKS)) | Q(Exists(in_scope.filter(_any(CASE_CHECKS))))


def return_data_missing(year: int) -> Q:
    """A condition on Child: the record would fail a check of the return for `year`."""
    return _missing(cases_in_year(year)) | validation_care.care_gaps(validation_care.window(year))


def _marker_condition() -> Q:
    """A condition on Child: "return data missing" on the caseload. It looks at the cases of this collection year and
    the last (last year's census is collected in the spring, so its gaps still matter), and at the looked-after checks
    of both years."""
    year = codes.collection_year()
    since, _ = census_period(year - 1)
    recent = Case.objects.filter(Q(closure_date__isnull=True) | Q(closure_date__gte=since))
    missing = _missing(recent)
    for each in (year - 1, year):
        missing |= validation_care.care_gaps(validation_care.window(each))
    return missing


# The marker's query, compiled once a day in each process: building its dozens of conditions in Python took longer
# than PostgreSQL took to answer it (about 30 ms of each caseload page at the bench's scale). Its dates are the day's;
# the children are its one array parameter.
_MARKER = CompiledQuery(ids=[])


def mark(children: list[Child]) -> list[Child]:
    """Sets `return_data_missing` on each of `children` (a page of the caseload), in one query."""
    ids = [child.pk for child in children]
    if not ids:
        return children
    if connection.vendor != "postgresql":  # (the embedded SQLite database of `make run` has no arrays)
        missing = set(Child.objects.filter(pk__in=ids).filter(_marker_condition()).values_list("pk", flat=True))
    else:
        rows = _MARKER.rows(timezone.localdate(), lambda ids: (
            Child.objects.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids])).filter(_marker_condition())
            .annotate(marked_id=F("pk")).values("marked_id")), ids=ids)
        missing = {row["marked_id"] for row in rows}
    for child in children:
        child.return_data_missing = child.pk in missing
    return children


def children_with_gaps(year: int) -> QuerySet[Child]:
    """Every child whose record would fail a check of the return for `year`, restricted children included."""
    return Child.objects.filter(return_data_missing(year))


def gaps_visible_to(user, year: int) -> QuerySet[Child]:
    """The children with gaps this user may see, each with its failed checks (for a page of the list): a child whose
    only gaps are looked-after problems the user may not be told of (§7) is not listed."""
    w = validation_care.window(year)
    shown = validation_care.shown_to(user)
    care = {check.name: ExpressionWrapper(fails & shown, output_field=BooleanField())
            for check, fails in validation_care.child_conditions(w)}
    failing_cases = cases_in_year(year).filter(_any(CASE_CHECKS)).annotate(**_flags(CASE_CHECKS)).order_by("referral_date")
    return (Child.objects.visible_to(user)
            .filter(_missing(cases_in_year(year)) | (validation_care.care_gaps(w) & shown))
            .annotate(**_flags(CHILD_CHECKS), **care, care_shown=ExpressionWrapper(shown, output_field=BooleanField()))
            .prefetch_related(Prefetch("cases", queryset=failing_cases, to_attr="cases_with_gaps"))
            .order_by("last_name", "first_name", "pk"))


@dataclass(frozen=True)
class Problem:
    text: str
    url: str
    link: str = "put it right"
    case: Case | None = None


def _url(check: Check, child: Child, case: Case | None) -> tuple[str, str]:
    if check.fix == "identity":
        return reverse("casework:identity_details", args=[child.local_id]), "put it right"
    if check.fix == "case":
        return reverse("casework:case_return_details", args=[child.local_id, case.pk]), "put it right"
    return reverse("casework:child_cases", args=[child.local_id]), "see the case"


def problems_for(children: list[Child], year: int) -> list[tuple[Child, list[Problem]]]:
    """What is wrong with each child of a page from gaps_visible_to, in the order the page lists it (one query per
    looked-after item check, however many children)."""
    care = validation_care.care_problems(children, validation_care.window(year))
    rows = []
    for child in children:
        found = [Problem(check.problem, *_url(check, child, None)) for check in CHILD_CHECKS if getattr(child, check.name)]
        for case in child.cases_with_gaps:
            found += [Problem(check.problem, *_url(check, child, case), case=case)
                      for check in CASE_CHECKS if getattr(case, check.name)]
        found += [Problem(problem.text, problem.url, problem.link) for problem in care.get(child.pk, [])]
        rows.append((child, found))
    return rows

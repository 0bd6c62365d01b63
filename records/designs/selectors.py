"""Reads of form designs for senior leadership's approval pages (§2).

`approval_url()` is where a senior leader decides on designs: the header, the dashboards' banner and the
work tray link there. Who may see those pages is `services.can_decide_designs`, the rule the services apply.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from records.designs.diff import DesignDifference, compare_designs
from records.models import FormDesign, FormQuestion

Status = FormDesign.Status
APPROVAL_URL_NAME = "records:design_approvals"


def approval_url() -> str:
    """The list of designs awaiting a senior leader's approval."""
    return reverse(APPROVAL_URL_NAME)


def design_url(design: FormDesign) -> str:
    return reverse("records:design_approval", args=[design.pk])


def _with_questions(designs: QuerySet) -> QuerySet:
    return designs.prefetch_related(Prefetch("questions", queryset=FormQuestion.objects.order_by("position")))


def awaiting_approval() -> QuerySet[FormDesign]:
    """Designs submitted for approval, the longest waiting first."""
    return (FormDesign.objects.filter(status=Status.SUBMITTED)
            .select_related("submitted_by", "created_by").order_by("submitted_at", "kind", "version"))


def awaiting_approval_count() -> int:
    return FormDesign.objects.filter(status=Status.SUBMITTED).count()


def in_use_by_kind(kinds) -> dict[str, FormDesign]:
    """The design in use for each of `kinds` that has one, with its questions."""
    approved = _with_questions(FormDesign.objects.filter(kind__in=set(kinds), status=Status.APPROVED))
    return {design.kind: design for design in approved}


def awaiting_with_differences() -> list[tuple[FormDesign, DesignDifference]]:
    """Each design awaiting approval with its difference from the version in use, in three queries."""
    designs = list(_with_questions(awaiting_approval()))
    in_use = in_use_by_kind(design.kind for design in designs)
    return [(design, compare_designs(in_use.get(design.kind), design)) for design in designs]


def design_for_decision(design_id: int) -> FormDesign:
    """A design that has been submitted (awaiting a decision, or decided), else a 404: drafts are the
    administrators' work in progress."""
    design = (_with_questions(FormDesign.objects.exclude(status=Status.DRAFT))
              .select_related("submitted_by", "created_by", "decided_by").filter(pk=design_id).first())
    if design is None:
        raise Http404("Not found")
    return design


def difference_for(design: FormDesign) -> tuple[FormDesign | None, DesignDifference]:
    """The version in use of the design's kind (other than the design itself) and the difference from it."""
    in_use = in_use_by_kind([design.kind]).get(design.kind)
    if in_use is not None and in_use.pk == design.pk:
        in_use = None
    return in_use, compare_designs(in_use, design)

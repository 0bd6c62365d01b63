"""Signing a write-up (§9, §10, §11): the check-your-answers page, and the plain English advice as it is typed.

"Complete and sign" on the write-up saves the draft and comes here; the entry is signed only by the
POST of this page, which signs the draft exactly as the page showed it. Going back to change an
answer finds every answer as it was typed, because the draft holds them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from records.designs.rendering import answer_groups, answers_for_display, build_answer_form
from records.entries import selectors, services, timescales
from records.entries.views import _owned_draft, _text_of, _version_from
from records.models import DraftAutosave, OutcomeProgress, PlanOutcome, RecordKind

UNSAVED = "Some of what you typed on the write-up has not been saved yet. Go back to the write-up and save it."


def _problems(entry) -> list[str]:
    """What stops this draft being signed now, in the words of the write-up's own errors."""
    if DraftAutosave.objects.filter(entry=entry).exclude(data={}).exists():
        return [UNSAVED]
    try:
        services.check_ready_to_sign(entry, services.stored_write_up(entry))
    except ValidationError as error:
        return error.messages
    return []


@login_required
@require_http_methods(["GET", "POST"])
def check_and_sign(request, local_id, pk):
    child, entry = _owned_draft(request, local_id, pk)
    if request.method == "POST":
        try:
            services.sign_draft(entry=entry, by=request.user, expected_version=_version_from(request.POST))
        except services.DraftConflict as conflict:
            messages.error(request, str(conflict))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Entry completed and signed.")
            return redirect("records:entry_detail", local_id=child.local_id, pk=entry.pk)
        return redirect("records:check_and_sign", local_id=child.local_id, pk=entry.pk)
    questions = list(entry.form_design.questions.order_by("position"))
    rows = answers_for_display(entry, questions)
    progress = []
    if entry.kind == RecordKind.CASE_SUMMARY:  # §5.5
        saved = dict(OutcomeProgress.objects.filter(entry=entry).values_list("outcome_id", "progress"))
        progress = [(outcome, saved.get(outcome.pk, "")) for outcome in selectors.progress_outcomes(entry)]
    return render(request, "records/check_and_sign.html", {
        "child": child, "entry": entry, "answer_groups": answer_groups(rows), "progress": progress,
        "outcomes_served": list(PlanOutcome.objects.filter(pk__in=selectors.linked_outcome_ids(entry))
                                .order_by("created_at", "id")),  # §5.4
        "guidance": selectors.writing_guidance("\n".join(row.value for row in rows if row.value)),
        "will_be_late": timescales.signing_is_late(entry), "problems": _problems(entry),
        "autosave_version": DraftAutosave.objects.get_or_create(entry=entry)[0].version, "subnav": "records",
    })


@login_required
@require_POST
def plain_english(request, local_id, pk):
    """§11: the advice for the text being typed, without saving it (the write-up's JavaScript asks as you type)."""
    _, entry = _owned_draft(request, local_id, pk)
    text = _text_of(build_answer_form(entry.form_design, data=request.POST))
    guidance = selectors.writing_guidance(text)
    return JsonResponse({"guidance_html": render_to_string("records/_guidance.html", {"guidance": guidance})})

"""The forms of a looked-after child's reviews, missing or away from placement episodes and UASC status (issue 17).
Each field's own errors are here; the rules between dates and the child's care are the services'."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casework.children.forms import GovDateField, gov_helper
from casework.looked_after.models import MISSING_KIND, PERMANENCE_PLAN, REVIEW_PARTICIPATION
from casework.returns import codes


class _LookedAfterForm(forms.Form):
    """Dates as GOV.UK date inputs, choices as radios (side by side when short)."""

    inline = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(*(
            Field.radios(name, inline=name in self.inline) if isinstance(field.widget, forms.RadioSelect)
            else Field(name) for name, field in self.fields.items())))


ANSWERS = {"yes": True, "no": False}  # and "not_yet": None


def _answer(*, label: str, not_yet: str, help_text: str = "") -> forms.TypedChoiceField:
    """Yes, No or Not yet (None; also what an empty answer means)."""
    return forms.TypedChoiceField(label=label, help_text=help_text, widget=forms.RadioSelect, required=False,
                                  choices=[("yes", "Yes"), ("no", "No"), ("not_yet", not_yet)],
                                  coerce=ANSWERS.get, empty_value=None)


class ReviewForm(_LookedAfterForm):
    review_date = GovDateField(name="date of the review", label="Date of the review")
    participation = forms.ChoiceField(
        label="How did the child take part in the review?", widget=forms.RadioSelect,
        choices=codes.lazy_choices(REVIEW_PARTICIPATION),
        error_messages={"required": "Select how the child took part in the review",
                        "invalid_choice": "Select how the child took part in the review from the list"})
    permanence_plan = forms.ChoiceField(
        label="What is the permanence plan for the child? (optional)", widget=forms.RadioSelect, required=False,
        choices=codes.lazy_choices(PERMANENCE_PLAN), help_text="As the review agreed it",
        error_messages={"invalid_choice": "Select the permanence plan from the list"})
    iro_contact_on = GovDateField(
        name="date the independent reviewing officer last saw or spoke with the child", required=False,
        label="When did the independent reviewing officer last see or speak with the child? (optional)",
        help_text="On or before the review, for example 27 3 2026")


class MissingForm(_LookedAfterForm):
    inline = ("kind", "return_interview_offered", "return_interview_accepted")
    kind = forms.ChoiceField(
        label="Was the child missing or away from placement?", widget=forms.RadioSelect,
        choices=codes.lazy_choices(MISSING_KIND),
        help_text="Away from placement: the child's whereabouts were known, but they were not where they should have been",
        error_messages={"required": "Select whether the child was missing or away from placement",
                        "invalid_choice": "Select whether the child was missing or away from placement"})
    start_date = GovDateField(name="date it started", label="Date it started")
    end_date = GovDateField(name="date it ended", required=False, label="Date it ended (once the child is back)")
    return_interview_offered = _answer(
        label="Was the child offered a return interview?",
        help_text="Once the child is back: an independent person offers to talk with them about what happened",
        not_yet="Not yet")
    return_interview_accepted = _answer(label="Did the child accept the return interview?",
                                        not_yet="Not yet, or not offered")


class UascForm(_LookedAfterForm):
    inline = ("is_uasc",)
    is_uasc = forms.TypedChoiceField(
        label="Is or was the child an unaccompanied asylum-seeking child?", widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes",
        error_messages={"required": "Select whether the child is or was an unaccompanied asylum-seeking child"})
    ceased_on = GovDateField(
        name="date the child stopped being an unaccompanied asylum-seeking child", required=False,
        label="Date they stopped being an unaccompanied asylum-seeking child (if they have)",
        help_text="Leave empty while they still are: the return gives their 18th birthday")


def initial_for(item, form_class) -> dict:
    initial = {name: getattr(item, name) for name in form_class.base_fields}
    if "is_uasc" in initial:
        initial["is_uasc"] = "yes" if item.is_uasc else "no"
    for name in ("return_interview_offered", "return_interview_accepted"):
        if name in initial:
            initial[name] = {True: "yes", False: "no"}.get(initial[name], "not_yet")
    return initial

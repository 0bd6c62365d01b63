"""The forms of a care leaver's information at a birthday, a looked-after child's outcomes for a year and a care
leaver's pathway plan review (issue 17).
Each field's own errors are here; the rules between the answers, the child's age and care are the services'."""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth import get_user_model

from casework.care_leavers.models import PathwayPlanReview
from casework.children.forms import GovDateField, gov_helper
from casework.returns import codes

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, help_text=help_text, required=False, widget=forms.RadioSelect,
                                  choices=YES_NO, coerce=lambda value: value == "yes", empty_value=None)


class CareLeaverContactForm(forms.Form):
    in_touch = forms.ChoiceField(
        label="Is the council in touch with the young person?", widget=forms.RadioSelect,
        choices=codes.lazy_choices(codes.IN_TOUCH),
        error_messages={"required": "Select whether the council is in touch with the young person",
                        "invalid_choice": "Select whether the council is in touch from the list"})
    activity = forms.ChoiceField(
        label="Main activity", required=False, choices=codes.lazy_choices(codes.ACTIVITY, blank="Not known"),
        help_text="Needed when the council is in touch; left empty if they died or returned home",
        error_messages={"invalid_choice": "Select the main activity from the list"})
    accommodation = forms.ChoiceField(
        label="Accommodation", required=False, choices=codes.lazy_choices(codes.ACCOMMODATION, blank="Not known"),
        help_text="Needed when the council is in touch; whether it is suitable is part of each answer",
        error_messages={"invalid_choice": "Select the accommodation from the list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("in_touch"), Field.select("activity"),
                                        Field.select("accommodation")))


class OutcomesForm(forms.Form):
    convicted = _yes_no("Was the child convicted of an offence in the year?", "For a child aged 10 or over at 31 March")
    health_check = _yes_no("Are the child's health surveillance checks up to date?", "For a child under 5 at 31 March")
    immunisations = _yes_no("Are the child's immunisations up to date?")
    teeth_check = _yes_no("Were the child's teeth checked by a dentist in the year?")
    health_assessment = _yes_no("Is the child's annual health assessment up to date?")
    substance_misuse = _yes_no("Was the child identified as having a substance misuse problem in the year?")
    intervention_received = _yes_no("Did the child receive an intervention for it?",
                                    "Only when a substance misuse problem was identified")
    intervention_offered = _yes_no("Was an intervention offered and refused?",
                                   "Only when the child did not receive an intervention")
    sdq_score = forms.IntegerField(
        label="Strengths and difficulties questionnaire (SDQ) score", required=False, min_value=0, max_value=40,
        help_text="0 to 40, for a child aged 4 to 16",
        error_messages={"invalid": "Enter the SDQ score as a whole number from 0 to 40",
                        "min_value": "Enter the SDQ score as a whole number from 0 to 40",
                        "max_value": "Enter the SDQ score as a whole number from 0 to 40"})
    sdq_reason = forms.ChoiceField(
        label="Reason there is no SDQ score", required=False,
        choices=codes.lazy_choices(codes.SDQ_REASON, blank="There is a score"),
        error_messages={"invalid_choice": "Select why there is no SDQ score from the list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(
            *(Field.radios(name, inline=True) for name in list(self.fields)[:8]),
            Field.text("sdq_score", field_width=2), Field.select("sdq_reason")))


def outcomes_initial(outcomes) -> dict:
    if outcomes is None:
        return {}
    initial = {name: {True: "yes", False: "no"}.get(getattr(outcomes, name)) for name in list(OutcomesForm.base_fields)[:8]}
    return {**initial, "sdq_score": outcomes.sdq_score, "sdq_reason": outcomes.sdq_reason}


class PathwayPlanReviewForm(forms.Form):
    reviewed_on = GovDateField(name="date of the review", label="Date of the review",
                               help_text="For example 27 3 2026")
    eligibility = forms.ChoiceField(
        label="Which leaving care category is the young person in?", widget=forms.RadioSelect,
        choices=PathwayPlanReview.Eligibility.choices,
        help_text="Eligible: 16 or 17 and still looked after. Relevant: 16 or 17 and has left care. Former relevant: "
                  "18 or over, and was eligible or relevant. Qualifying: looked after at some time after 16 but not "
                  "for long enough to be eligible, or under a special guardianship order",
        error_messages={"required": "Select the young person's leaving care category",
                        "invalid_choice": "Select the young person's leaving care category from the list"})
    personal_adviser = forms.ModelChoiceField(
        label="Personal adviser", required=False, queryset=get_user_model().objects.none(),
        empty_label="None allocated", help_text="The member of staff allocated as the young person's personal adviser",
        error_messages={"invalid_choice": "Select the personal adviser from the list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["personal_adviser"]
        field.queryset = get_user_model().objects.filter(is_active=True, staff_profile__isnull=False).select_related(
            "staff_profile").order_by("last_name", "first_name")
        field.label_from_instance = lambda user: f"{user.get_full_name()}, {user.staff_profile.post_title}"
        self.helper = gov_helper(Layout(Field("reviewed_on"), Field.radios("eligibility"),
                                        Field.select("personal_adviser")))

"""The form of a child's early help assessment (issue 17: Ofsted's Annex A, list 2). Each field's own errors are
here; the rules between the dates, the child's date of birth and the child's other assessments are the services'."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casework.children.forms import GovDateField, gov_helper
from casework.early_help.models import EarlyHelpAssessment


class EarlyHelpAssessmentForm(forms.Form):
    started_on = GovDateField(name="date the assessment started", label="Date the assessment started",
                              help_text="For example 27 3 2026")
    completed_on = GovDateField(name="date the assessment was completed", required=False,
                                label="Date the assessment was completed (if it has been)",
                                help_text="Leave empty while the assessment is still going on")
    organisation = forms.ChoiceField(
        label="Which organisation is completing the assessment?", widget=forms.RadioSelect,
        choices=EarlyHelpAssessment.Organisation.choices,
        error_messages={"required": "Select the organisation completing the assessment",
                        "invalid_choice": "Select the organisation completing the assessment from the list"})
    organisation_other = forms.CharField(
        label="If another organisation, its name", required=False, max_length=200,
        error_messages={"max_length": "The organisation's name must be 200 characters or fewer"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("started_on"), Field("completed_on"), Field.radios("organisation"),
                                        Field("organisation_other")))


def initial_for(assessment: EarlyHelpAssessment) -> dict:
    return {name: getattr(assessment, name) for name in EarlyHelpAssessmentForm.base_fields}

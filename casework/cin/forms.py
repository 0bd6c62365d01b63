"""The forms of a case's assessments, section 47 enquiries, child protection plans, their reviews and child in need
plans (issue 17). Each field's own errors are here; the rules between dates and the case are the services'."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casework.children.forms import GovDateField, gov_helper
from casework.returns import codes


def _layout(form, *names):
    """Dates as GOV.UK date inputs, choices as radios, checkboxes or a select."""
    fields = []
    for name in names:
        widget = form.fields[name].widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            fields.append(Field.checkboxes(name, small=True))
        elif isinstance(widget, forms.RadioSelect):
            fields.append(Field.radios(name, inline=True))
        elif isinstance(widget, forms.Select):
            fields.append(Field.select(name))
        else:
            fields.append(Field(name))
    form.helper = gov_helper(Layout(*fields))


class CaseItemForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _layout(self, *self.fields)


class AssessmentForm(CaseItemForm):
    start_date = GovDateField(name="start date of the assessment", label="Date the assessment started")
    authorised_on = GovDateField(name="date the assessment was authorised", required=False,
                                 label="Date the assessment was authorised (optional)",
                                 help_text="When a manager signed the assessment off as complete")
    factors = forms.MultipleChoiceField(
        label="Factors identified at the assessment", required=False, widget=forms.CheckboxSelectMultiple,
        choices=codes.lazy_choices(codes.ASSESSMENT_FACTOR),
        help_text="Once the assessment is authorised: select every factor that applies, or 'No factors identified'",
        error_messages={"invalid_choice": "Select the factors identified at the assessment from the list"})


class Section47Form(CaseItemForm):
    start_date = GovDateField(name="start date of the section 47 enquiry", label="Date the section 47 enquiry started")
    icpc_needed = forms.TypedChoiceField(
        label="Is an initial child protection conference needed?", widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes",
        error_messages={"required": "Select whether an initial child protection conference is needed"})
    icpc_target_date = GovDateField(name="target date of the initial child protection conference", required=False,
                                    label="Target date of the initial child protection conference (if one is needed)")
    icpc_date = GovDateField(name="date of the initial child protection conference", required=False,
                             label="Date the initial child protection conference was held (once it has been)")


def _category(label: str, *, required: bool, blank: str = ""):
    return forms.ChoiceField(label=label, required=required, choices=codes.lazy_choices(codes.CATEGORY_OF_ABUSE, blank=blank),
                             error_messages={"required": "Select the initial category of abuse",
                                             "invalid_choice": "Select the category of abuse from the list"})


class ProtectionPlanForm(CaseItemForm):
    start_date = GovDateField(name="start date of the child protection plan", label="Date the plan started")
    initial_category = _category("Initial category of abuse", required=True, blank="Select a category")
    latest_category = _category("Latest category of abuse (optional)", required=False,
                                blank="The same as the initial category")
    end_date = GovDateField(name="end date of the child protection plan", required=False,
                            label="Date the plan ended (only when it has ended)",
                            help_text="If the child needs a plan again later, start a new plan")


class CinPlanForm(CaseItemForm):
    start_date = GovDateField(name="start date of the child in need plan", label="Date the plan started")
    end_date = GovDateField(name="end date of the child in need plan", required=False,
                            label="Date the plan ended (only when it has ended)")


class ReviewForm(CaseItemForm):
    review_date = GovDateField(name="date of the review", label="Date of the review conference")


FORMS = {"assessment": AssessmentForm, "section-47": Section47Form, "protection-plan": ProtectionPlanForm,
         "cin-plan": CinPlanForm}


def initial_for(item, form_class) -> dict:
    initial = {name: getattr(item, name) for name in form_class.base_fields}
    if "icpc_needed" in initial:
        initial["icpc_needed"] = "yes" if item.icpc_needed else "no"
    return initial

"""The forms of a child's adoption and permanence record (issue 17). Each field's own errors are here; the rules
between dates, codes and the child are the services'."""

from django import forms

from casework.adoption import services
from casework.children.forms import GovDateField
from casework.cin.forms import CaseItemForm
from casework.returns import codes

YES_NO = [("yes", "Yes"), ("no", "No")]


def _codes(list_key: str, *, label: str, what: str, help_text: str = ""):
    return forms.ChoiceField(label=label, widget=forms.RadioSelect, choices=codes.lazy_choices(list_key),
                             help_text=help_text, error_messages={"required": f"Select {what}",
                                                                  "invalid_choice": f"Select {what} from the list"})


class DecisionForm(CaseItemForm):
    decided_on = GovDateField(name="date of the decision", label="Date of the decision that the child should be "
                              "placed for adoption", help_text="The agency decision maker's decision")


class MatchForm(CaseItemForm):
    matched_on = GovDateField(name="date of the match", label="Date the child was matched with the adopters",
                              help_text="The date the agency decision maker agreed the match")
    adopters_sex = _codes(services.ADOPTERS_SEX, label="Who are the adopters?", what="who the adopters are")
    adopters_legal_status = _codes(services.ADOPTERS_LEGAL_STATUS, label="The adopters' legal status",
                                   what="the adopters' legal status")
    by_foster_carers = forms.TypedChoiceField(
        label="Are the adopters the child's foster carers?", widget=forms.RadioSelect, choices=YES_NO,
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select whether the adopters are the child's foster carers"})


class ReversalForm(CaseItemForm):
    reversed_on = GovDateField(name="date of the decision", label="Date of the decision that the child should no "
                               "longer be placed for adoption")
    reason = _codes(services.REASON_PLACED_CEASED, label="Why should the child no longer be placed for adoption?",
                    what="why the child should no longer be placed for adoption")


class PreviousPermanenceForm(CaseItemForm):
    option = _codes(services.PREVIOUS_PERMANENCE, label="Before coming into care, did the child have a permanence "
                    "order?", what="the previous permanence option",
                    help_text="As the child's latest period of care began")
    arranged_by = forms.CharField(
        label="Council that arranged it (if there was one)", required=False, max_length=3,
        help_text="Its three-digit DfE number, for example 822; or WAL, SCO, NIR, or NUK for outside the UK")
    order_date = GovDateField(name="date of the order", required=False, label="Date of the order (if there was one)")
    reason = forms.CharField(label="Why are you correcting this? (when correcting)", required=False, max_length=200)


class PlacedWithForm(CaseItemForm):
    """The brothers and sisters the child is to be placed for adoption with, chosen from `candidates` (the selector's
    placeable_siblings); each is kept as their local child ID, never a database id."""

    siblings = forms.MultipleChoiceField(
        label="Which brothers and sisters is the child to be placed for adoption with?", required=False,
        widget=forms.CheckboxSelectMultiple, choices=[],
        help_text="Select each one to be placed with the same adopters. Select none if the child is to be placed "
                  "alone",
        error_messages={"invalid_choice": "Choose brothers and sisters from the list"})

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {child.local_id: child for child in candidates}
        self.fields["siblings"].choices = [
            (child.local_id, f"{child.full_name}, born {child.date_of_birth:%-d %B %Y}" if child.date_of_birth
             else child.full_name) for child in candidates]

    def clean_siblings(self):
        return [self.candidates[local_id] for local_id in self.cleaned_data["siblings"]]

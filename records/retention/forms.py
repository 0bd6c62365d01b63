"""The data protection officer's and senior leadership's forms (issue 18)."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casework.children.forms import GovDateField, gov_helper, text_field
from records.retention.models import LegalHold

APPROVE, WITHDRAW = "approve", "withdraw"


class KeepLongerForm(forms.Form):
    keep_until = GovDateField(name="date to keep it until", label="Keep the record until",
                              help_text="For example, 1 6 2035")
    reason = text_field("Why the record is kept longer", "Enter why the record is kept longer", rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("keep_until"), Field.textarea("reason")))


class PlaceHoldForm(forms.Form):
    reason = forms.ChoiceField(label="Why is the record held?", widget=forms.RadioSelect,
                               choices=LegalHold.Reason.choices,
                               error_messages={"required": "Select why the record is held"})
    detail = text_field("What the hold is for", "Enter what the hold is for, for example the claim's reference",
                        rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("reason"), Field.textarea("detail")))


class LiftHoldForm(forms.Form):
    reason = text_field("Why the hold is lifted", "Enter why the hold is lifted", rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("reason")))


class ProposeErasureForm(forms.Form):
    reason = text_field("Anything senior leadership should know (optional)", "", rows=3, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("reason")))


class ErasureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What is your decision?", widget=forms.RadioSelect,
        choices=[(APPROVE, "Approve: erase the record now"), (WITHDRAW, "Do not erase: the record is kept")],
        error_messages={"required": "Select whether the record is erased or kept"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("decision")))

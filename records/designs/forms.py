"""The senior leader's decision on a design submitted for approval (§2): approve it, or send it back saying why."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casework.children.forms import gov_helper, text_field

APPROVE, SEND_BACK = "approve", "send_back"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What is your decision?", widget=forms.RadioSelect,
        choices=[(APPROVE, "Approve it and put it into use"), (SEND_BACK, "Send it back for changes")],
        error_messages={"required": "Select whether you approve the design or send it back"},
    )
    reason = text_field(
        "Comment, or the reason for sending it back", "", rows=4, required=False,
        help_text="If you send the design back, say what needs to change. A comment on an approval is optional.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("decision"), Field.textarea("reason")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == SEND_BACK and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Enter the reason for sending the design back, so that it can be put right")
        return cleaned

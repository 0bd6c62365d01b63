from crispy_forms_gds.layout import Field, Layout
from django import forms

from casework.banner.models import Alert
from casework.children.forms import gov_helper


class AlertForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of alert", choices=Alert.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of alert"})
    wording = forms.CharField(
        label="What the alert says", max_length=200,
        help_text="A short sentence every worker must read before they act, for example: Do not visit alone. "
                  "Do not write restricted information here: everyone who opens the record sees it.",
        error_messages={"required": "Enter what the alert says",
                        "max_length": "What the alert says must be 200 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("kind"), Field.text("wording")))

    def clean_wording(self):
        value = (self.cleaned_data.get("wording") or "").strip()
        if not value:
            raise forms.ValidationError("Enter what the alert says")
        return value


class EndAlertForm(forms.Form):
    reason = forms.CharField(label="Why the alert no longer applies", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=1000,
                             error_messages={"required": "Enter why the alert no longer applies",
                                             "max_length": "The reason must be 1,000 characters or fewer"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("reason")))

    def clean_reason(self):
        value = (self.cleaned_data.get("reason") or "").strip()
        if not value:
            raise forms.ValidationError("Enter why the alert no longer applies")
        return value

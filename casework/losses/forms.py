"""Forms for reporting a loss (§15.1, §16) and following it up. Each validates everything with a
specific GOV.UK error; the services in casework.losses.services check the rules again."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.children.forms import GovDateField, not_future, text_field
from casework.losses import services as losses
from access.models import LossReport


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


class LossReportForm(forms.Form):
    kind = forms.ChoiceField(label="What was lost or mislaid?", widget=forms.RadioSelect,
                             choices=LossReport.Kind.choices, error_messages={"required": "Select what was lost"})
    what = text_field("Describe it", "Describe what was lost", max_length=300,
                 help_text="For example, volume 2 of a paper file, or a council laptop and its charger. "
                           "Do not write children's names here")
    lost_on = GovDateField(name="date it was lost", label="When was it lost or last seen?")
    lost_where = text_field("Where was it lost or last seen?", "Enter where it was lost", max_length=300)
    circumstances = text_field("What happened?", "Describe how it was lost", rows=4)
    children = forms.CharField(
        label="Children whose information it held (optional)", required=False, max_length=1000,
        help_text="Their local child IDs, separated by commas or spaces. Only children whose records you can see")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("kind"), Field.text("what"), Field("lost_on"), Field.text("lost_where"),
                              Field.textarea("circumstances"), Field.text("children"))

    def clean_children(self):
        refs = [ref.upper() for ref in re.split(r"[\s,;]+", self.cleaned_data.get("children") or "") if ref]
        if not refs:
            return []
        found = {c.local_id: c for c in losses.children_reporter_may_name(self.user).filter(local_id__in=refs)}
        unknown = [ref for ref in dict.fromkeys(refs) if ref not in found]
        if unknown:
            # The same message whether the child exists or not: nothing is revealed about other records.
            raise ValidationError(f"{', '.join(unknown)}: not a local child ID of a record you can see")
        return [found[ref] for ref in dict.fromkeys(refs)]

    def clean(self):
        cleaned = super().clean()
        not_future(self, "lost_on", "The date it was lost cannot be in the future")
        return cleaned


class RecoveryActionForm(forms.Form):
    taken_on = GovDateField(name="date of the action", label="When was it done?")
    action = text_field("What was done to recover it?", "Describe what was done to recover it", rows=3)

    def __init__(self, *args, loss, **kwargs):
        self.loss = loss
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("taken_on"), Field.textarea("action"))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "taken_on", "The date of the action cannot be in the future")
        taken_on = cleaned.get("taken_on")
        if taken_on and taken_on < self.loss.lost_on and "taken_on" not in self.errors:
            self.add_error("taken_on", "The date of the action cannot be before the loss")
        return cleaned


class FamilyToldForm(forms.Form):
    told = forms.ChoiceField(label="Has the child or family been told?", widget=forms.RadioSelect,
                             choices=LossReport.FamilyTold.choices,
                             error_messages={"required": "Select whether the child or family has been told"})
    told_on = GovDateField(name="date they were told", label="If yes, when were they told?", required=False)
    not_told_reason = text_field("If not, why not?", "", rows=3, required=False)

    def __init__(self, *args, loss, **kwargs):
        self.loss = loss
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("told"), Field("told_on"), Field.textarea("not_told_reason"))

    def clean(self):
        cleaned = super().clean()
        told = cleaned.get("told")
        if told == "yes" and "told_on" not in self.errors:
            told_on = cleaned.get("told_on")
            if told_on is None:
                self.add_error("told_on", "Enter the date the child or family was told")
            elif told_on > timezone.localdate():
                self.add_error("told_on", "The date they were told cannot be in the future")
            elif told_on < self.loss.lost_on:
                self.add_error("told_on", "The date they were told cannot be before the loss")
        if told == "no" and not (cleaned.get("not_told_reason") or "").strip():
            self.add_error("not_told_reason", "Enter why the child or family has not been told")
        return cleaned


class CloseLossForm(forms.Form):
    outcome = forms.ChoiceField(label="Was it recovered?", widget=forms.RadioSelect, choices=LossReport.Outcome.choices,
                                error_messages={"required": "Select whether it was recovered"})
    notes = text_field("Notes (optional)", "", rows=3, required=False)

    def __init__(self, *args, loss=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("outcome"), Field.textarea("notes"))

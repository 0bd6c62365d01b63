"""Forms for record audits (§13). Each validates everything and gives a specific GOV.UK error."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.children.forms import GovDateField, gov_helper
from records.oversight.audits import MAX_PER_PRACTITIONER, ChecklistAnswer
from records.oversight.models import CHECKLIST, RecordAudit


class SampleForm(forms.Form):
    team = forms.ModelChoiceField(label="Team", queryset=None, empty_label=None,
                                  error_messages={"required": "Select the team", "invalid_choice": "Select the team"})
    period_start = GovDateField(name="start of the period", label="Records of events from")
    period_end = GovDateField(name="end of the period", label="Up to and including")
    per_practitioner = forms.IntegerField(
        label="How many records to draw for each practitioner", min_value=1, max_value=MAX_PER_PRACTITIONER,
        error_messages={"required": "Enter how many records to draw for each practitioner",
                        "invalid": "Enter a whole number of records, like 2",
                        "min_value": "Draw at least 1 record for each practitioner",
                        "max_value": f"Draw at most {MAX_PER_PRACTITIONER} records for each practitioner"},
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.helper = gov_helper(Layout(Field.select("team"), Field("period_start"), Field("period_end"),
                                        Field.text("per_practitioner", field_width=4)))

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                self.add_error("period_end", "The end of the period must be on or after its start")
            elif end > timezone.localdate():
                self.add_error("period_end", "The end of the period must be today or in the past")
            elif (end - start).days >= 366:
                self.add_error("period_end", "The period can be a year at most")
        return data


class AuditForm(forms.Form):
    """The policy checklist (§13): each item met, not met or not applicable, with a comment; and a grade."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = []
        for code, label in CHECKLIST:
            self.fields[f"{code}_result"] = forms.ChoiceField(
                label=label, choices=RecordAudit.Result.choices, widget=forms.RadioSelect,
                error_messages={"required": f"Select whether “{label}” is met, not met or not applicable"},
            )
            self.fields[f"{code}_comment"] = forms.CharField(
                label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Required when not met: what is missing",
            )
            items.append(Fieldset(Field.radios(f"{code}_result", inline=True, legend_size=Size.SMALL),
                                  Field.textarea(f"{code}_comment")))
        self.fields["grade"] = forms.ChoiceField(label="Grade", choices=RecordAudit.Grade.choices,
                                                 widget=forms.RadioSelect,
                                                 error_messages={"required": "Select a grade"})
        self.fields["summary"] = forms.CharField(label="Overall comments (optional)", required=False,
                                                 widget=forms.Textarea(attrs={"rows": 4}))
        self.helper = gov_helper(Layout(*items, Field.radios("grade", legend_size=Size.MEDIUM),
                                        Field.textarea("summary")))

    def clean(self):
        data = super().clean()
        for code, label in CHECKLIST:
            if data.get(f"{code}_result") == RecordAudit.Result.NOT_MET and not data.get(f"{code}_comment", "").strip():
                self.add_error(f"{code}_comment", f"Say what is missing for “{label}”")
        return data

    def answers(self) -> dict[str, ChecklistAnswer]:
        return {code: ChecklistAnswer(self.cleaned_data[f"{code}_result"], self.cleaned_data[f"{code}_comment"])
                for code, _ in CHECKLIST}


class DeficiencyForm(forms.Form):
    description = forms.CharField(label="What needs putting right", widget=forms.Textarea(attrs={"rows": 4}),
                                  error_messages={"required": "Describe what needs putting right"})
    assigned_to = forms.ModelChoiceField(label="Who will put it right", queryset=None,
                                         empty_label="Choose who will put it right",
                                         error_messages={"required": "Select who will put it right",
                                                         "invalid_choice": "Select who will put it right"})
    put_right_by = GovDateField(name="date to put it right by", label="Put right by")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = people
        self.fields["assigned_to"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username}, {getattr(getattr(u, 'staff_profile', None), 'post_title', '')}")
        self.helper = gov_helper(Layout(Field.textarea("description"), Field.select("assigned_to"),
                                        Field("put_right_by")))

    def clean_put_right_by(self):
        value = self.cleaned_data["put_right_by"]
        if value and value < timezone.localdate():
            raise ValidationError("The date to put it right by must be today or in the future")
        return value


class DoneForm(forms.Form):
    note = forms.CharField(label="What did you do to put it right?", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Say what you did to put it right"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("note")))


class ReviewDoneForm(forms.Form):
    decision = forms.ChoiceField(label="Has it been put right?", widget=forms.RadioSelect, choices=[
        ("confirm", "Yes, confirm it has been put right"), ("send_back", "No, send it back"),
    ], error_messages={"required": "Select whether it has been put right"})
    note = forms.CharField(label="Why it is not put right yet", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), help_text="Needed when sending it back")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("decision"), Field.textarea("note")))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "send_back" and not data.get("note", "").strip():
            self.add_error("note", "Say why it is not put right yet")
        return data


class DelegationForm(forms.Form):
    """§13: a manager names a senior practitioner of the team to audit its records for a period."""

    team = forms.ModelChoiceField(label="Team", queryset=None, empty_label=None,
                                  error_messages={"required": "Select the team", "invalid_choice": "Select the team"})
    delegate = forms.ModelChoiceField(
        label="Which senior practitioner will audit the team's records?", queryset=None,
        empty_label="Select a practitioner",
        error_messages={"required": "Select the practitioner who will audit the team's records",
                        "invalid_choice": "Select a practitioner of the team"})
    starts_on = GovDateField(name="first day of the delegation", label="From")
    ends_on = GovDateField(name="last day of the delegation", label="Up to and including")

    def __init__(self, *args, teams, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["delegate"].queryset = people
        self.fields["delegate"].label_from_instance = (
            lambda user: f"{user.get_full_name()}, {user.staff_profile.post_title} ({user.staff_profile.team})")
        self.helper = gov_helper(Layout(Field.select("team"), Field.select("delegate"), Field("starts_on"),
                                        Field("ends_on")))

    def clean(self):
        data = super().clean()
        team, delegate = data.get("team"), data.get("delegate")
        if team and delegate and delegate.staff_profile.team_id != team.pk:
            self.add_error("delegate", "Select a practitioner of the team")
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and start < timezone.localdate():
            self.add_error("starts_on", "The delegation must start today or later")
        if start and end and end < start:
            self.add_error("ends_on", "The delegation must end on or after the day it starts")
        elif start and end and (end - start).days >= 366:
            self.add_error("ends_on", "A delegation can last a year at most")
        return data

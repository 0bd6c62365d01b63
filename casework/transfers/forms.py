"""Forms for case transfers (§15.2). Each validates everything with a specific GOV.UK error; the
services in casework.transfers.services check the rules again."""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from access.models import Team
from casework.children.forms import GovDateField, gov_helper
from casework.transfers.models import AUDIT_CHECKS


class PreTransferAuditForm(forms.Form):
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="Anything the receiving team should know about the state of the record")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in AUDIT_CHECKS:
            self.fields[name] = forms.BooleanField(
                label=label, required=True,
                error_messages={"required": f"Confirm: {label[0].lower()}{label[1:]}"})
        self.order_fields([name for name, _ in AUDIT_CHECKS] + ["notes"])
        self.helper = gov_helper(Layout(*[Field.checkbox(name) for name, _ in AUDIT_CHECKS], Field.textarea("notes")))


class TransferForm(forms.Form):
    to_team = forms.ModelChoiceField(label="Which team is the case going to?", queryset=Team.objects.none(),
                                     empty_label="Select a team",
                                     error_messages={"required": "Select the team the case is going to",
                                                     "invalid_choice": "Select a team from the list"})
    transfer_date = GovDateField(name="transfer date", label="Date of transfer")
    reason = forms.CharField(label="Why is the case transferring?", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter why the case is transferring"})

    def __init__(self, *args, from_team, audit, **kwargs):
        self.audit = audit
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = Team.objects.exclude(pk=from_team.pk).filter(manager__isnull=False)
        if not self.is_bound:
            self.initial.setdefault("transfer_date", timezone.localdate())
        self.helper = gov_helper(Layout(Field.select("to_team"), Field("transfer_date"), Field.textarea("reason")))

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("transfer_date")
        if day and day > timezone.localdate():
            self.add_error("transfer_date", "The transfer date cannot be in the future")
        elif day and day < timezone.localdate(self.audit.audited_at):
            self.add_error("transfer_date", "The transfer date cannot be before the pre-transfer audit")
        return cleaned


class ConfirmTransferForm(forms.Form):
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="For example, anything missing from the record")
    paper_files_location = forms.CharField(label="Where are the paper files kept now?", max_length=300,
                                           required=False)
    paper_files_moved_on = GovDateField(name="date the paper files moved", label="Date the paper files moved",
                                        required=False)

    def __init__(self, *args, transfer, has_paper_files: bool, **kwargs):
        self.transfer, self.has_paper_files = transfer, has_paper_files
        super().__init__(*args, **kwargs)
        names = [Field.textarea("notes")]
        if has_paper_files:
            names += [Field.text("paper_files_location"), Field("paper_files_moved_on")]
        else:
            del self.fields["paper_files_location"], self.fields["paper_files_moved_on"]
        self.helper = gov_helper(Layout(*names))

    def clean(self):
        cleaned = super().clean()
        if not self.has_paper_files:
            return cleaned
        if not (cleaned.get("paper_files_location") or "").strip() and "paper_files_location" not in self.errors:
            self.add_error("paper_files_location", "Enter where the paper files are kept now")
        moved_on = cleaned.get("paper_files_moved_on")
        if "paper_files_moved_on" in self.errors:
            return cleaned
        if moved_on is None:
            self.add_error("paper_files_moved_on", "Enter the date the paper files moved as a day, month and year")
        elif moved_on > timezone.localdate():
            self.add_error("paper_files_moved_on", "The date the paper files moved cannot be in the future")
        elif moved_on < self.transfer.transfer_date:
            self.add_error("paper_files_moved_on", "The date the paper files moved cannot be before the transfer")
        return cleaned

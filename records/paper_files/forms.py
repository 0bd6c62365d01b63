"""Forms for paper files (§1, §15). Each checks every rule with a specific GOV.UK error; the services
in records.paper_files.services check them again."""

from crispy_forms_gds.layout import Field, Fixed, Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html

from casework.children.forms import GovDateField, gov_helper, not_future, text_field
from access.models import Team
from records.models import PaperFileRemoval, PaperFileVolume
from records.paper_files.services import receiving_teams


class VolumeForm(forms.Form):
    number = forms.IntegerField(label="Volume number", min_value=1, max_value=999,
                                error_messages={"required": "Enter the volume number",
                                                "invalid": "The volume number must be a whole number, like 2",
                                                "min_value": "The volume number must be 1 or more",
                                                "max_value": "The volume number must be 999 or less"})
    covers_from = GovDateField(name="date the volume starts", label="First date it covers")
    covers_to = GovDateField(name="date the volume ends", label="Last date it covers (optional)", required=False,
                             help_text="Leave empty while the volume is still in use")
    usual_location = text_field("Where is it usually kept?", "Enter where the volume is usually kept", max_length=300,
                           help_text="For example, locked cabinet 3, second floor, Borough Hall")
    notes = text_field("Notes (optional)", "", rows=3, required=False)

    def __init__(self, *args, child, **kwargs):
        self.child = child
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            numbers = PaperFileVolume.objects.filter(child=child).values_list("number", flat=True)
            self.initial.setdefault("number", max(numbers, default=0) + 1)
        self.helper = gov_helper(Layout(
            Field.text("number", field_width=Fixed.FIVE), Field("covers_from"), Field("covers_to"),
            Field.text("usual_location"), Field.textarea("notes"),
        ))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "covers_from", "The date the volume starts cannot be in the future")
        start, end = cleaned.get("covers_from"), cleaned.get("covers_to")
        if start and end and end < start and "covers_to" not in self.errors:
            self.add_error("covers_to", "The date the volume ends must be on or after the date it starts")
        number = cleaned.get("number")
        if number and PaperFileVolume.objects.filter(child=self.child, number=number).exists():
            self.add_error("number", f"Volume {number} is already recorded. Enter another number")
        return cleaned


class MoveVolumeForm(forms.Form):
    """§15.2: the date the volume was sent, where to, and the team at the receiving end who confirm it arrived."""

    to_location = text_field("Where has it moved to?", "Enter where the volume has moved to", max_length=300)
    to_team = forms.ModelChoiceField(
        label="Which team receives it?", queryset=Team.objects.none(), empty_label="Select a team",
        help_text="Someone in this team confirms it arrived. To send a paper file to another team, transfer the case",
        error_messages={"required": "Select the team that receives the volume",
                        "invalid_choice": "Select a team that can open this child's record. To send the paper file "
                                          "to another team, transfer the case"})
    moved_on = GovDateField(name="date the volume was sent", label="Date sent")
    reason = text_field("Why did it move? (optional)", "", max_length=300, required=False)

    def __init__(self, *args, volume: PaperFileVolume, **kwargs):
        self.volume = volume
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = receiving_teams(volume.child)
        self.helper = gov_helper(Layout(Field.text("to_location"), Field.select("to_team"), Field("moved_on"),
                                        Field.text("reason")))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "moved_on", "The date the volume was sent cannot be in the future")
        moved_on = cleaned.get("moved_on")
        if moved_on and moved_on < self.volume.covers_from and "moved_on" not in self.errors:
            self.add_error("moved_on", "The date the volume was sent cannot be before the volume starts")
        if (cleaned.get("to_location") or "").strip() == self.volume.usual_location:
            self.add_error("to_location", "The volume is already kept there. Enter its new location")
        return cleaned


class ConfirmArrivalForm(forms.Form):
    """§15.2: someone at the receiving end confirms the volume is there."""

    arrived = forms.BooleanField(label="The volume has arrived",  # named with its number and place below
                                 error_messages={"required": "Confirm that the volume has arrived"})

    def __init__(self, *args, move, **kwargs):
        super().__init__(*args, **kwargs)
        # The GOV.UK templates render labels unescaped: the location is what someone typed.
        self.fields["arrived"].label = format_html("Volume {} has arrived at {}", move.volume.number, move.to_location)
        self.helper = gov_helper(Layout(Field.checkbox("arrived")))


class RemovalRequestForm(forms.Form):
    volumes = forms.ModelMultipleChoiceField(
        label="Which volumes are being taken out?", queryset=PaperFileVolume.objects.none(),
        widget=forms.CheckboxSelectMultiple, error_messages={"required": "Select the volumes to take out"})
    destination = text_field("Where is the file going?", "Enter where the file is going", max_length=300)
    reason = text_field("Why does it need to leave its usual place?", "Enter why the file needs to leave its usual place",
                   rows=3)
    security_measures = text_field("How will it be kept secure while it is away?",
                              "Enter how the file will be kept secure while it is away", rows=3,
                              help_text="For example, carried in a locked case, never left in a vehicle")
    return_by = GovDateField(name="agreed return date", label="Agreed return date")

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        # Volumes already out, or waiting for a decision, cannot be asked for again.
        not_back = PaperFileRemoval.objects.filter(child=child, refused_at__isnull=True, returned_at__isnull=True)
        self.fields["volumes"].queryset = PaperFileVolume.objects.filter(child=child).exclude(removals__in=not_back)
        self.fields["volumes"].label_from_instance = lambda v: f"Volume {v.number}, kept at {v.usual_location}"
        self.helper = gov_helper(Layout(
            Field.checkboxes("volumes"), Field.text("destination"), Field.textarea("reason"),
            Field.textarea("security_measures"), Field("return_by"),
        ))

    def clean(self):
        cleaned = super().clean()
        return_by = cleaned.get("return_by")
        if return_by and return_by < timezone.localdate():
            self.add_error("return_by", "The agreed return date must be today or in the future")
        return cleaned


class DecideRemovalForm(forms.Form):
    decision = forms.ChoiceField(label="Do you approve taking the file out?", widget=forms.RadioSelect,
                                 choices=[("approve", "Yes, approve"), ("refuse", "No, refuse")],
                                 error_messages={"required": "Select whether you approve or refuse the request"})
    refusal_reason = text_field("If you refuse, why?", "", rows=3, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("decision"), Field.textarea("refusal_reason")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not (cleaned.get("refusal_reason") or "").strip():
            self.add_error("refusal_reason", "Enter why the request is refused")
        return cleaned


class ReturnForm(forms.Form):
    returned_on = GovDateField(name="date the file came back", label="When did the file come back?")

    def __init__(self, *args, removal, **kwargs):
        self.removal = removal
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("returned_on")))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "returned_on", "The date the file came back cannot be in the future")
        returned_on = cleaned.get("returned_on")
        if returned_on and returned_on < timezone.localdate(self.removal.approved_at) and "returned_on" not in self.errors:
            self.add_error("returned_on", "The date the file came back cannot be before the removal was approved")
        return cleaned

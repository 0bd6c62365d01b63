"""Forms for the fixed parts of entries (§5.2, §5.3, §4, §12). The narrative comes from the design."""

from datetime import datetime, time

from crispy_forms_gds.layout import Field, Fixed, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.staff import roles
from casework.children.forms import ConditionalQuestion, ConditionalRadios, GovDateField, gov_helper, yes_no_field
from casework.models import Allocation
from records.entries.selectors import INTERVENTION_KINDS, linkable_outcomes, linked_outcome_ids, progress_outcomes
from records.entries.services import ADVOCATE_KINDS, NOT_FIRST_HAND, recorder_was_not_there
from records.models import Entry, OutcomeProgress, PlanOutcome, RecordKind, SameDayReason
from records.calendar.working_days import LONDON

CONTACT_KINDS = [(kind.value, kind.label) for kind in RecordKind if kind.value.startswith("contact_")]


class GovTimeField(forms.TimeField):
    def __init__(self, *, name: str, **kwargs):
        super().__init__(
            input_formats=["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"],
            error_messages={
                "required": f"Enter the {name} as hours and minutes, for example 14:30",
                "invalid": f"Enter the {name} as hours and minutes, for example 14:30",
            },
            widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **kwargs,
        )


def london_datetime(day, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=LONDON)


class WhenForm(forms.Form):
    """Date and time of the event."""

    event_date = GovDateField(name="date", label="Date", help_text="For example, 24 11 2026")
    event_time = GovTimeField(name="time", label="Time", help_text="24-hour clock, for example 14:30")

    def event_at(self) -> datetime:
        return london_datetime(self.cleaned_data["event_date"], self.cleaned_data["event_time"])

    def _layout(self, *more):
        return gov_helper(Layout(Field("event_date"), Field.text("event_time", field_width=Fixed.FIVE), *more))


NOT_SAME_DAY = "no"


class StartForm(WhenForm):
    """A form that plans or starts an entry: when, and whether it must be recorded the same day (§4)."""

    # §4: safeguarding concerns and what the Emergency Duty Team needs are recorded the same day.
    same_day_reason = forms.ChoiceField(
        label="Must this be recorded today?", widget=forms.RadioSelect, required=False, initial=NOT_SAME_DAY,
        choices=[(NOT_SAME_DAY, "No, within two working days"), *SameDayReason.choices],
        help_text="A safeguarding concern, or information the Emergency Duty Team needs, is due by the end of the "
                  "day it happened",
        error_messages={"invalid_choice": "Select whether this must be recorded the same day"},
    )

    def same_day(self) -> str:
        """The reason it is recorded the same day, or "" (within two working days)."""
        reason = self.cleaned_data.get("same_day_reason") or NOT_SAME_DAY
        return "" if reason == NOT_SAME_DAY else reason

    def _layout(self, *more):
        return super()._layout(*more, Field.radios("same_day_reason"))


class PlanVisitForm(StartForm):
    planned_purpose = forms.CharField(
        label="Purpose of the visit", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the purpose of the visit"},
        help_text="What the visit is for and how it relates to the plan",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._layout(Field.textarea("planned_purpose"))


class ContactStartForm(StartForm):
    kind = forms.ChoiceField(
        label="Kind of contact", choices=CONTACT_KINDS, widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of contact"},
    )
    others_present = forms.CharField(
        label="Who was present or spoken to", widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter who was present or spoken to"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._layout(Field.radios("kind"), Field.textarea("others_present"))

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and not self.errors and self.event_at() > timezone.now():
            self.add_error("event_date", "A contact that has happened cannot be in the future")
        return cleaned


class DecisionStartForm(StartForm):
    decision_maker_name = forms.CharField(
        label="Who made the decision", max_length=200, error_messages={"required": "Enter who made the decision"}
    )
    decision_maker_role = forms.CharField(
        label="Their role", max_length=200, help_text="For example Team Manager, Legal Gateway Panel",
        error_messages={"required": "Enter the role of the person who made the decision"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._layout(Field.text("decision_maker_name"), Field.text("decision_maker_role"))

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and not self.errors and self.event_at() > timezone.now():
            self.add_error("event_date", "A decision that has been made cannot be in the future")
        return cleaned


def carried_out_by_field() -> forms.ModelChoiceField:
    """§4: "Who carried out the visit?", asked for every outcome of a visit (took place, failed appointment,
    no response). Its list of staff is set by `ask_who_carried_out`."""
    return forms.ModelChoiceField(
        label="Who carried out the visit?", queryset=get_user_model().objects.none(), required=False,
        empty_label="I carried it out myself",
        help_text="If it was not you, the record names them as the source of the information and asks them to "
                  "endorse it: you cannot record it as first-hand",
        error_messages={"invalid_choice": "Select who carried out the visit from the list"},
    )


def ask_who_carried_out(form, entry: Entry | None = None) -> None:
    """Like who supplied the information: the child's team first, and not the person recording (given the entry)."""
    field = form.fields["carried_out_by"]
    field.queryset = staff_choices()
    field.label_from_instance = staff_label
    if entry is not None:
        field.queryset = staff_choices().exclude(pk=entry.recorded_by_id)
        child_team_first(field, entry)


class VisitBasicDetailsForm(WhenForm):
    """§5.2: the basic details, due within two working days of the visit."""

    who_was_seen = forms.CharField(
        label="Who was seen", widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": "Enter who was seen"}
    )
    child_seen = yes_no_field("Was the child seen?", error_messages={"required": "Select yes if the child was seen"})
    reason_child_not_seen = forms.CharField(
        label="If not, why was the child not seen?", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # empty_value=None: unanswered must read as None, not "", for the "seen alone" check in clean().
    child_seen_alone = yes_no_field("Was the child seen alone?", required=False, empty_value=None)
    venue = forms.CharField(label="Where the visit took place", max_length=300,
                            error_messages={"required": "Enter where the visit took place"})
    others_present = forms.CharField(
        label="Anyone else present (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # §4, §10: the recording deadline moves with the date, so a changed date needs a reason.
    date_change_reason = forms.CharField(
        label="If the date is not the date planned, why did it change?", required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The date the visit was due to be recorded by moves with the date. Your reason is shown on the record.",
    )
    # §4: only the person who was there records the visit as first-hand
    carried_out_by = carried_out_by_field()

    def __init__(self, *args, current_event_at=None, entry: Entry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_event_at = current_event_at  # the date the visit has now (planned, or recorded before)
        ask_who_carried_out(self, entry)
        self.helper = self._layout(
            Field.select("carried_out_by"), Field.textarea("date_change_reason"),
            Field.textarea("who_was_seen"),
            # Why not is revealed by "No"; "seen alone?" stays its own question (GOV.UK: no radios inside a reveal).
            ConditionalRadios("child_seen", "Yes", ConditionalQuestion("No", Field.textarea("reason_child_not_seen"))),
            Field.radios("child_seen_alone"), Field.text("venue"), Field.textarea("others_present"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("child_seen") is False and not (cleaned.get("reason_child_not_seen") or "").strip():
            self.add_error("reason_child_not_seen", "Enter why the child was not seen")
        if cleaned.get("child_seen") is True and cleaned.get("child_seen_alone") is None:
            self.add_error("child_seen_alone", "Select yes if the child was seen alone")
        if self.is_bound and "event_date" not in self.errors and "event_time" not in self.errors:
            if cleaned.get("event_date") and cleaned.get("event_time") and self.event_at() > timezone.now():
                self.add_error("event_date", "A visit that took place cannot be in the future")
        # §4, §10: the due time moves with the date, so a changed date needs a reason (the service checks too).
        if (self.current_event_at is not None and cleaned.get("event_date")
                and cleaned["event_date"] != self.current_event_at.astimezone(LONDON).date()
                and not (cleaned.get("date_change_reason") or "").strip()):
            self.add_error("date_change_reason", "Enter why the date of the visit changed")
        return cleaned


class FailedVisitForm(forms.Form):
    visit_outcome = forms.ChoiceField(
        label="What happened", widget=forms.RadioSelect,
        choices=[(Entry.VisitOutcome.FAILED_APPOINTMENT.value, Entry.VisitOutcome.FAILED_APPOINTMENT.label),
                 (Entry.VisitOutcome.NO_RESPONSE.value, Entry.VisitOutcome.NO_RESPONSE.label)],
        error_messages={"required": "Select what happened"},
    )
    failed_visit_actions = forms.CharField(
        label="Actions taken and needed", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Under the procedure for failed visits: who you told, what happens next",
        error_messages={"required": "Enter the actions taken after the failed visit"},
    )
    # §4: asked whatever happened on the visit, not only when it took place
    carried_out_by = carried_out_by_field()

    def __init__(self, *args, entry: Entry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        ask_who_carried_out(self, entry)
        self.helper = gov_helper(Layout(Field.select("carried_out_by"), Field.radios("visit_outcome"),
                                        Field.textarea("failed_visit_actions")))


def staff_choices():
    return get_user_model().objects.filter(is_active=True, staff_profile__isnull=False).select_related(
        "staff_profile").order_by("last_name", "first_name")


def staff_label(user) -> str:
    return f"{user.get_full_name()}, {user.staff_profile.post_title}"


def child_team_first(field: forms.ModelChoiceField, entry: Entry) -> None:
    """A staff list with the practitioners and managers of the child's team first, then everyone else,
    as two groups of the select (one query). The field's queryset still decides what may be chosen."""
    team = Allocation.objects.filter(case_id=entry.case_id, ended_at__isnull=True).select_related("team").first()
    if team is None:
        return
    team = team.team
    works_cases = get_user_model().groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=(roles.PRACTITIONER, roles.TEAM_MANAGER))
    of_team = Q(staff_profile__team_id=team.pk) & Q(Exists(works_cases)) | Q(pk=team.manager_id or 0)
    people = list(field.queryset.annotate(of_team=ExpressionWrapper(of_team, output_field=BooleanField())))
    mine = [(person.pk, staff_label(person)) for person in people if person.of_team]
    others = [(person.pk, staff_label(person)) for person in people if not person.of_team]
    field.choices = [("", field.empty_label), (f"{team.name}: the child's team", mine), ("Other staff", others)]


PRESENCE = Entry.Presence.choices


class AuthorshipForm(forms.Form):
    """§4 and §12: where the information came from, and who supplied it when it was not the recorder.

    §5.2 and §6: on a visit, whether an interpreter was used and whether the household changed, and on
    a visit or meeting whether the child's advocate or signer was present; required when `completing`.
    """

    information_source = forms.ChoiceField(
        label="Where did this information come from?", widget=forms.RadioSelect,
        choices=Entry.InformationSource.choices,
        error_messages={"required": "Select whether the information is first-hand or from someone else"},
    )
    originator = forms.ModelChoiceField(
        label="Who supplied the information, if not you: a member of staff", required=False,
        queryset=get_user_model().objects.none(), empty_label="I observed or took part myself",
        help_text="They will be asked to read and endorse the entry",
    )
    originator_name = forms.CharField(
        label="Or someone else: their name", required=False, max_length=200,
    )
    originator_agency = forms.CharField(
        label="Their agency, or their relationship to the child", required=False, max_length=200,
        help_text="For example Castle Primary School, or grandmother",
    )
    interpreter_used = forms.ChoiceField(
        label="Was an interpreter used?", choices=PRESENCE, widget=forms.RadioSelect, required=False,
        error_messages={"required": "Select whether an interpreter was used"},
    )
    # §5.2: a change in household membership prompts the practitioner to update the household (visits only).
    household_changed = yes_no_field(
        "Has anyone joined or left the household?", required=False, empty_value=None,
        error_messages={"required": "Select yes if anyone has joined or left the household"},
    )
    advocate_present = forms.ChoiceField(
        label="Was the child's advocate or signer present?", choices=PRESENCE, widget=forms.RadioSelect,
        required=False, error_messages={"required": "Select whether the child's advocate or signer was present"},
    )
    significant = forms.BooleanField(
        label="This is a significant event for the chronology", required=False,
    )

    def __init__(self, *args, entry: Entry, completing: bool = False, **kwargs):
        self.entry = entry
        super().__init__(*args, **kwargs)
        self.not_there = recorder_was_not_there(entry)
        self.fields["originator"].queryset = staff_choices().exclude(pk=entry.recorded_by_id)
        self.fields["originator"].label_from_instance = staff_label
        child_team_first(self.fields["originator"], entry)
        if self.not_there:  # §4: the visit was carried out by a colleague, who is the source
            visitor = staff_label(entry.carried_out_by)
            self.fields["information_source"].help_text = (
                f"{visitor} carried out this visit, not you: only the person who was there can record it as first-hand. "
                "Select 'From someone else' and name them.")
            if not (entry.originator_id or entry.originator_name):
                self.initial.update(information_source=Entry.InformationSource.THIRD_PARTY,
                                    originator=entry.carried_out_by_id)
        # §4, §12: who supplied it is asked under the answer "From someone else" (conditional reveal)
        items = [ConditionalRadios(
            "information_source", Entry.InformationSource.FIRST_HAND.label,
            ConditionalQuestion(Entry.InformationSource.THIRD_PARTY.label, Field.select("originator"),
                                Field.text("originator_name"), Field.text("originator_agency")))]
        if entry.kind == RecordKind.VISIT:
            items.append(Field.radios("interpreter_used", inline=True))
            items.append(Field.radios("household_changed", inline=True))
            if completing:  # §5.2: every visit write-up answers them before signing
                self.fields["interpreter_used"].required = True
                self.fields["household_changed"].required = True
        else:
            del self.fields["interpreter_used"]
            del self.fields["household_changed"]
        if entry.kind in ADVOCATE_KINDS:
            child = entry.child
            self.fields["advocate_present"].help_text = advocate_hint(child)
            items.append(Field.radios("advocate_present", inline=True))
            # §6: required on a visit write-up when the child needs an advocate or signer
            if completing and entry.kind == RecordKind.VISIT and child.needs_advocate_or_signer:
                self.fields["advocate_present"].required = True
        else:
            del self.fields["advocate_present"]
        items.append(Field.checkbox("significant"))
        # §5.4: which recommendations or outcomes of the plan a visit, contact or decision served.
        add_outcome_field(self, entry, items)
        self.helper = gov_helper(Layout(*items))

    def clean(self):
        cleaned = super().clean()
        third_party = cleaned.get("information_source") == Entry.InformationSource.THIRD_PARTY
        staff, name = cleaned.get("originator"), (cleaned.get("originator_name") or "").strip()
        agency = (cleaned.get("originator_agency") or "").strip()
        if self.not_there and cleaned.get("information_source") == Entry.InformationSource.FIRST_HAND:
            self.add_error("information_source", NOT_FIRST_HAND.rstrip("."))
        if staff and (name or agency):
            self.add_error("originator_name", "Name either a member of staff or someone else, not both")
        elif name and not agency:
            self.add_error("originator_agency", "Enter their agency, or their relationship to the child")
        elif agency and not name:
            self.add_error("originator_name", "Enter the name of the person who supplied the information")
        elif (third_party or self.not_there) and not staff and not name:
            self.add_error("originator", "Name who supplied the information: choose a member of staff, "
                                         "or enter someone else's name and agency")
        return cleaned


def advocate_hint(child) -> str:
    """§6: who the child's advocate or signer is, to help the practitioner answer."""
    named = [f"{role}: {who or 'not yet arranged'}" for role, needed, who in (
        ("Advocate", child.advocate_needed, child.advocate_name), ("Signer", child.signer_needed, child.signer_name),
    ) if needed]
    return "; ".join(named) if named else "The child's record does not say they need an advocate or a signer"


class AmendmentForm(forms.Form):
    amendment_reason = forms.CharField(
        label="Why are you amending this completed entry?", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for the amendment"},
        help_text="The earlier version stays on the record, with your reason",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("amendment_reason")))


class ClosedCasePermissionForm(forms.Form):
    reason = forms.CharField(
        label="Why may records still be written on this closed case?", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason"},
    )
    until = GovDateField(name="last day", label="Until the end of")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("reason"), Field("until")))

    def clean_until(self):
        value = self.cleaned_data["until"]
        if value and value < timezone.localdate():
            raise ValidationError("The last day must be today or later")
        return value



class ReviewRestrictionForm(forms.Form):
    """§8: keep the restriction, its reason still valid, or lift it after consulting the originator."""

    decision = forms.ChoiceField(
        label="Is the reason for the restriction still valid?", widget=forms.RadioSelect,
        choices=[("keep", "Yes: keep it restricted"), ("lift", "No: lift it, so it can be shared with the child")],
        error_messages={"required": "Select whether to keep or lift the restriction"},
    )
    reason_detail = forms.CharField(label="If keeping: why the reason is still valid", required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    next_review_date = GovDateField(name="next review date", label="If keeping: next review by", required=False)
    originator = forms.ModelChoiceField(
        label="If lifting: who originated the information and was consulted?", required=False,
        queryset=get_user_model().objects.none(), empty_label="Select a member of staff",
        help_text="The member of staff who recorded or gave the information")
    originator_views = forms.CharField(label="If lifting: what the originator said", required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, restriction=None, **kwargs):
        if restriction is not None:
            kwargs.setdefault("initial", {"originator": restriction.restricted_by_id})
        super().__init__(*args, **kwargs)
        self.fields["originator"].queryset = (
            get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
            .select_related("staff_profile").order_by("last_name", "first_name"))
        self.fields["originator"].label_from_instance = (
            lambda user: f"{user.get_full_name()}, {user.staff_profile.post_title}")
        self.helper = gov_helper(Layout(Field.radios("decision"), Field.textarea("reason_detail"),
                                        Field("next_review_date"), Field.select("originator"),
                                        Field.textarea("originator_views")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "keep":
            if not (cleaned.get("reason_detail") or "").strip():
                self.add_error("reason_detail", "Say why the reason for the restriction is still valid")
            review = cleaned.get("next_review_date")
            if "next_review_date" not in self.errors and (review is None or review <= timezone.localdate()):
                self.add_error("next_review_date", "Give a next review date in the future")
        elif cleaned.get("decision") == "lift":
            if cleaned.get("originator") is None and "originator" not in self.errors:
                self.add_error("originator", "Select the member of staff who originated the information and was "
                                             "consulted before lifting the restriction")
            if not (cleaned.get("originator_views") or "").strip():
                self.add_error("originator_views", "Enter what the originator said")
        return cleaned


FORGED_OUTCOME = "Choose only outcomes from this child's plan"


class OutcomeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, outcome):
        return f"{outcome.get_kind_display()}: {outcome.text}"


def outcome_field(entry) -> OutcomeChoiceField | None:
    """The checkboxes of the plan's outcomes an intervention may serve (§5.4), or None for other kinds."""
    if entry.kind not in INTERVENTION_KINDS:
        return None
    linked = linked_outcome_ids(entry)
    queryset = linkable_outcomes(entry)
    if linked:  # an outcome achieved or ended since it was linked stays a choice
        queryset = (queryset | PlanOutcome.objects.filter(pk__in=linked)).distinct().order_by("created_at", "id")
    field = OutcomeChoiceField(
        queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple,
        label="Which recommendations or outcomes of the plan did this serve? (optional)",
        help_text="Select all that apply. They are shown on the plan with the work done against each.",
        error_messages={"invalid_choice": FORGED_OUTCOME, "invalid_pk_value": FORGED_OUTCOME,
                        "invalid_list": FORGED_OUTCOME},
    )
    field.initial = linked
    return field


def add_outcome_field(form, entry, layout_items: list) -> None:
    """Add the outcomes checkboxes to a write-up or amendment form, when the entry is an intervention."""
    field = outcome_field(entry)
    if field is None or not field.queryset.exists():
        return
    form.fields["outcomes"] = field
    form.initial.setdefault("outcomes", field.initial)
    layout_items.append(Field.checkboxes("outcomes"))


class OutcomeLinksForm(forms.Form):
    """The outcomes checkboxes alone, for the amendment page."""

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        items = []
        add_outcome_field(self, entry, items)
        self.helper = gov_helper(Layout(*items))


class SameDayForm(forms.Form):
    """§4: information recorded the same day, not within two working days."""

    same_day_reason = forms.ChoiceField(
        label="Why must this be recorded today?", widget=forms.RadioSelect, choices=SameDayReason.choices,
        error_messages={"required": "Select why this must be recorded the same day"},
        help_text="It will be due by the end of the day it happened, and shown first to the Emergency Duty Team",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("same_day_reason")))


class OutcomeProgressForm(forms.Form):
    """§5.5: on a case summary, each current outcome of the plan with a place to say the progress made
    against it. Needed for every outcome to complete the summary; a draft may leave some empty."""

    def __init__(self, *args, entry, completing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        saved = dict(OutcomeProgress.objects.filter(entry=entry).values_list("outcome_id", "progress"))
        self.outcomes = list(progress_outcomes(entry))
        items = []
        for outcome in self.outcomes:
            name = f"progress_{outcome.pk}"
            self.fields[name] = forms.CharField(
                label=f"{outcome.get_kind_display()}: {outcome.text}", required=completing,
                widget=forms.Textarea(attrs={"rows": 3}), initial=saved.get(outcome.pk, ""),
                help_text="What progress has been made against it since the last summary, and what is next",
                error_messages={"required": f"Say what progress has been made against “{_short(outcome.text)}”"})
            items.append(Field.textarea(name))
        self.helper = gov_helper(Layout(*items))

    def progress(self) -> dict[int, str]:
        return {outcome.pk: self.cleaned_data.get(f"progress_{outcome.pk}", "") for outcome in self.outcomes}


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

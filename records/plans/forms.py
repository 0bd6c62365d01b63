"""Forms for the child's plan (§5.4). Each validates everything and gives a specific GOV.UK error."""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html

from casework.children.forms import GovDateField, gov_helper
from records.plans.models import OutcomeChange, Plan, PlanOutcome
from records.plans.services import PLAN_TYPE_REASON_MAX

def _plan_type_field(**options):
    return forms.ChoiceField(
        label="What type of plan is it?", choices=Plan.Type.choices, widget=forms.RadioSelect, **options,
        help_text="It sets how often the child is visited. Whether the child is looked after is read from their "
                  "legal status and placement on the basic record.",
        error_messages={"required": "Select the type of plan"},
    )


class PlanStartForm(forms.Form):
    # A child in need plan unless another is chosen (most plans are; the radios start on it).
    plan_type = _plan_type_field(required=False, initial=Plan.Type.CHILD_IN_NEED)
    purpose = forms.CharField(
        label="What is the plan for? (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In a sentence or two, in words the child and family would use",
    )
    # §4, §10: a purpose carries the date the plan was agreed; recorded more than two working days later, it is late.
    event_date = GovDateField(name="date the plan was agreed", label="When was the plan agreed?", required=False,
                              help_text="Needed with a purpose. For example, 24 11 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.radios("plan_type"), Field.textarea("purpose"), Field("event_date")))

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("event_date")
        if (cleaned.get("purpose") or "").strip() and day is None and "event_date" not in self.errors:
            self.add_error("event_date", "Enter the date the plan was agreed")
        elif day is not None and day > timezone.localdate():
            self.add_error("event_date", "The date the plan was agreed cannot be in the future")
        return cleaned

    def clean_plan_type(self):
        return self.cleaned_data["plan_type"] or Plan.Type.CHILD_IN_NEED


class PlanTypeForm(forms.Form):
    """A child in need plan becomes a child protection plan (or back), or a pathway plan: how often the
    child is visited follows (records.statutory_visits)."""

    plan_type = _plan_type_field()
    reason = forms.CharField(label="Why has the type of plan changed?", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=PLAN_TYPE_REASON_MAX,
                             help_text="For example, the initial child protection conference of 3 March decided on a "
                                       "child protection plan", error_messages={"required": "Enter why the type of plan has changed",
                                             "max_length": f"Why the type of plan has changed must be "
                                                           f"{PLAN_TYPE_REASON_MAX} characters or fewer"})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, initial={"plan_type": plan.plan_type}, **kwargs)
        self.plan = plan
        self.helper = gov_helper(Layout(Field.radios("plan_type"), Field.textarea("reason")))

    def clean_plan_type(self):
        if self.cleaned_data["plan_type"] == self.plan.plan_type:
            raise ValidationError("Select a different type of plan: this is the type it has now")
        return self.cleaned_data["plan_type"]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Enter why the type of plan has changed")
        return reason


def _review_field(reviews, *, required=False, label="Did this come from a review meeting? (optional)"):
    field = forms.ModelChoiceField(
        queryset=reviews, required=required, label=label, empty_label="No: not from a review meeting",
        error_messages={"invalid_choice": "Choose a review meeting of this child", "required": "Choose the review meeting"},
    )
    field.label_from_instance = lambda entry: f"Review of {entry.event_at:%d %B %Y}"
    return field


LATE_HINT = "Recorded more than two working days after this date, it is marked as a late entry. For example, 27 3 2026"


def _event_date_field(what: str, *, required: bool):
    """§4, §10: the date of what is recorded; a review meeting's own date when it came from one."""
    hint = LATE_HINT if required else "Leave empty if it came from a review meeting: the meeting's date is used. " + LATE_HINT
    return GovDateField(name=f"date {what}", label=f"Date {what}" + ("" if required else " (unless from a review meeting)"),
                        required=required, help_text=hint)


def _check_event_date(form, cleaned):
    value = cleaned.get("event_date")
    if value and value > timezone.localdate():
        form.add_error("event_date", "The date cannot be in the future")
    elif not value and not cleaned.get("review") and "event_date" not in form.errors and "review" not in form.errors:
        form.add_error("event_date", form.fields["event_date"].error_messages["required"])


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is it a recommendation or an intended outcome?", choices=PlanOutcome.Kind.choices,
        widget=forms.RadioSelect, error_messages={"required": "Select whether it is a recommendation or an intended outcome"},
    )
    text = forms.CharField(
        label="The recommendation or outcome", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What should be different for the child, in plain English",
        error_messages={"required": "Enter the recommendation or outcome"},
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"] = _review_field(reviews)
        self.fields["event_date"] = _event_date_field("it was agreed", required=False)
        self.helper = gov_helper(Layout(Field.radios("kind"), Field.textarea("text"), Field.select("review"),
                                        Field("event_date")))

    def clean(self):
        cleaned = super().clean()
        _check_event_date(self, cleaned)
        return cleaned

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter the recommendation or outcome")
        return text


ACTION_CHOICES = [
    (OutcomeChange.Action.CHANGED.value, "Change its wording"),
    (OutcomeChange.Action.ACHIEVED.value, "It has been achieved"),
    (OutcomeChange.Action.ENDED.value, "End it: it is no longer part of the plan"),
    (OutcomeChange.Action.CONFIRMED.value, "A review meeting confirmed it"),
]


class OutcomeChangeForm(forms.Form):
    action = forms.ChoiceField(label="What has happened to this outcome?", choices=ACTION_CHOICES,
                               widget=forms.RadioSelect, error_messages={"required": "Select what has happened"})
    text = forms.CharField(label="If changing it: the new wording", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="Why?", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Needed unless a review meeting confirmed it")

    def __init__(self, *args, outcome, reviews, **kwargs):
        self.outcome = outcome
        super().__init__(*args, **kwargs)
        self.fields["review"] = _review_field(reviews, label="Was this decided at a review meeting?")
        self.fields["event_date"] = _event_date_field("it was decided", required=False)
        self.helper = gov_helper(Layout(Field.radios("action"), Field.textarea("text"), Field.textarea("reason"),
                                        Field.select("review"), Field("event_date")))

    def clean(self):
        cleaned = super().clean()
        _check_event_date(self, cleaned)
        action, text = cleaned.get("action"), (cleaned.get("text") or "").strip()
        reason = (cleaned.get("reason") or "").strip()
        if action == OutcomeChange.Action.CHANGED:
            if not text:
                self.add_error("text", "Enter the new wording of the outcome")
            elif text == self.outcome.text:
                self.add_error("text", "The new wording is the same as the old: change it, or choose another answer")
        if action == OutcomeChange.Action.CONFIRMED and "review" not in self.errors and not cleaned.get("review"):
            self.add_error("review", "Choose the review meeting that confirmed it")
        if action and action != OutcomeChange.Action.CONFIRMED and not reason:
            self.add_error("reason", "Enter why the outcome has changed, been achieved or ended")
        cleaned["text"], cleaned["reason"] = text, reason
        return cleaned


class KeyTaskForm(forms.Form):
    description = forms.CharField(label="The key task", widget=forms.Textarea(attrs={"rows": 2}),
                                  error_messages={"required": "Enter the key task"})
    assigned_to = forms.ModelChoiceField(
        label="Who will do it: a member of staff", required=False, queryset=get_user_model().objects.none(),
        empty_label="Someone else (name them below)",
    )
    assigned_to_other = forms.CharField(
        label="Or: a named person or agency", required=False, max_length=300,
        help_text="For example Grace Okoye (mother), or St Mary's Primary School",
    )
    due_on = GovDateField(name="date it is due", label="By when?", help_text="For example, 27 3 2027")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = (
            get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
            .select_related("staff_profile").order_by("last_name", "first_name")
        )
        self.fields["assigned_to"].label_from_instance = (
            lambda user: f"{user.get_full_name()}, {user.staff_profile.post_title}")
        self.fields["event_date"] = _event_date_field("the key task was agreed", required=True)
        self.helper = gov_helper(Layout(Field.textarea("description"), Field.select("assigned_to"),
                                        Field.text("assigned_to_other"), Field("due_on"), Field("event_date")))

    def clean_event_date(self):
        value = self.cleaned_data["event_date"]
        if value and value > timezone.localdate():
            raise ValidationError("The date the key task was agreed cannot be in the future")
        return value

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if not text:
            raise ValidationError("Enter the key task")
        return text

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value and value < timezone.localdate():
            raise ValidationError("The date it is due must be today or in the future")
        return value

    def clean(self):
        cleaned = super().clean()
        other = (cleaned.get("assigned_to_other") or "").strip()
        cleaned["assigned_to_other"] = other
        if "assigned_to" not in self.errors:
            if cleaned.get("assigned_to") and other:
                self.add_error("assigned_to_other", "Choose a member of staff or name someone else, not both")
            elif not cleaned.get("assigned_to") and not other:
                self.add_error("assigned_to", "Choose the member of staff who will do it, or name the person or agency")
        return cleaned


class KeyTaskDoneForm(forms.Form):
    completed_on = GovDateField(name="date it was done", label="When was it done?", help_text="For example, 27 3 2027")

    def __init__(self, *args, task, **kwargs):
        self.task = task
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("completed_on")))

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value and value > timezone.localdate():
            raise ValidationError("The date it was done cannot be in the future")
        if value and value < timezone.localtime(self.task.created_at).date():
            raise ValidationError("The date it was done cannot be before the task was set")
        return value


REVIEW_ACTIONS = [("", "Not discussed")] + [
    (OutcomeChange.Action.CONFIRMED.value, "Confirmed"),
    (OutcomeChange.Action.CHANGED.value, "Changed"),
    (OutcomeChange.Action.ACHIEVED.value, "Achieved"),
    (OutcomeChange.Action.ENDED.value, "Ended"),
]


class ReviewDecisionsForm(forms.Form):
    """What a review meeting decided about each current outcome, and its new recommendations (§5.4)."""

    new_outcomes = forms.CharField(
        label="New recommendations from the review (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 5}), help_text="One recommendation on each line",
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        items = []
        for outcome in self.outcomes:
            prefix = f"outcome_{outcome.pk}"
            self.fields[f"{prefix}_action"] = forms.ChoiceField(
                # crispy-forms-gds renders labels with |safe: what was typed must be escaped here.
                label=format_html("{}: {}", outcome.get_kind_display(), outcome.text), choices=REVIEW_ACTIONS,
                required=False,
                widget=forms.RadioSelect, initial="",
            )
            self.fields[f"{prefix}_text"] = forms.CharField(
                label="If changed: the new wording", required=False, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"{prefix}_reason"] = forms.CharField(
                label="If changed, achieved or ended: why", required=False, widget=forms.Textarea(attrs={"rows": 2}))
            items += [Field.radios(f"{prefix}_action", inline=True), Field.textarea(f"{prefix}_text"),
                      Field.textarea(f"{prefix}_reason")]
        items.append(Field.textarea("new_outcomes"))
        self.helper = gov_helper(Layout(*items))

    def clean(self):
        cleaned = super().clean()
        decisions = {}
        Action = OutcomeChange.Action
        for outcome in self.outcomes:
            prefix = f"outcome_{outcome.pk}"
            action = cleaned.get(f"{prefix}_action")
            text = (cleaned.get(f"{prefix}_text") or "").strip()
            reason = (cleaned.get(f"{prefix}_reason") or "").strip()
            if not action:
                continue
            if action == Action.CHANGED and not text:
                self.add_error(f"{prefix}_text", f"Enter the new wording of “{outcome.text[:60]}”")
            elif action == Action.CHANGED and text == outcome.text:
                self.add_error(f"{prefix}_text", f"The new wording of “{outcome.text[:60]}” is the same as the old")
            if action != Action.CONFIRMED and not reason:
                self.add_error(f"{prefix}_reason", f"Enter why “{outcome.text[:60]}” was {Action(action).label.lower()}")
            decisions[outcome] = (action, text, reason)
        new = [line.strip() for line in (cleaned.get("new_outcomes") or "").splitlines() if line.strip()]
        if not decisions and not new and not self.errors:
            raise ValidationError("Record what the review decided about at least one outcome, or add a recommendation")
        cleaned["decisions"], cleaned["new"] = decisions, new
        return cleaned

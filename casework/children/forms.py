"""Forms for children and cases. Each validates everything and gives a specific GOV.UK error."""

import copy
from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Layout, Size
from crispy_forms_gds.layout import containers as layout_containers
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.staff import roles
from access.models import Restriction, Team
from casework.children.identity import nhs_number_is_valid, normalise_nhs_number
from casework.models import Case, Child
from casework.returns import codes

YES_NO = [(True, "Yes"), (False, "No")]


class GovDateField(DateInputField):
    """GOV.UK date input with messages that name the date: 'Enter the date of birth'."""

    def __init__(self, *, name: str, **kwargs):
        self.date_name = name
        super().__init__(**kwargs)
        message = f"Enter the {name} as a day, month and year"
        self.error_messages["required"] = message
        self.error_messages["incomplete"] = message
        for part, subfield in zip(("day", "month", "year"), self.fields):
            subfield.error_messages["incomplete"] = f"The {name} must include a {part}"
            subfield.validators[0].message = f"The {name} must be a real date, written in numbers"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            value = date(day=int(day), month=int(month), year=int(year))
        except ValueError:
            raise ValidationError(f"The {self.date_name} must be a real date") from None
        if value.year < 1900:
            raise ValidationError(f"The {self.date_name} must be after 1900")
        return value


def yes_no_field(label: str, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        **kwargs,
    )


class ConditionalRadios(layout_containers.ConditionalRadios):
    """GOV.UK radios that reveal a follow-up question under the answer that asks it (conditional reveal).

    Without JavaScript every follow-up shows; the form validates them the same way either way.
    `ConditionalQuestion(label of the answer, *fields)` names what each answer reveals."""

    def __init__(self, field, *choices, small: bool = False):
        super().__init__(field, *choices)
        self.small = small

    def render(self, form, context, **kwargs):
        context.update({"radios_small": self.small})
        return super().render(form, context, **kwargs)


ConditionalQuestion = layout_containers.ConditionalQuestion


def gov_helper(layout: Layout | None = None) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    if layout is not None:
        helper.layout = layout
    return helper


# §6: whether the child needs an advocate or a signer, and who it is, beside the other communication needs.
ADVOCATE_FIELDS = ("advocate_needed", "advocate_name", "signer_needed", "signer_name")
ADVOCATE_LAYOUT = (Field.radios("advocate_needed", inline=True), Field.text("advocate_name"),
                   Field.radios("signer_needed", inline=True), Field.text("signer_name"))


ARTICLE = {"advocate": "an", "signer": "a"}


def clean_advocate_and_signer(form, cleaned) -> None:
    for role in ("advocate", "signer"):
        if cleaned.get(f"{role}_needed") is False and (cleaned.get(f"{role}_name") or "").strip():
            form.add_error(f"{role}_name", f"Leave the {role}'s name empty, or answer yes: the child needs {ARTICLE[role]} {role}")


def advocate_and_signer(data) -> dict:
    return {f"{role}_{part}": data[f"{role}_{part}"].strip() if part == "name" else data[f"{role}_{part}"]
            for role in ("advocate", "signer") for part in ("needed", "name")}


def _today():
    return timezone.localdate()


class ChildReferralForm(forms.Form):
    """A new child's identity (§5), communication needs (§3) and the referral that opens the case."""

    first_name = forms.CharField(label="Legal first name", max_length=100, error_messages={"required": "Enter the child's legal first name"})
    middle_names = forms.CharField(label="Legal middle names (optional)", max_length=200, required=False)
    last_name = forms.CharField(label="Legal last name", max_length=100, error_messages={"required": "Enter the child's legal last name"})
    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=100, required=False, help_text="The name the child likes to be called"
    )
    name_evidence = forms.ChoiceField(
        label="How was the spelling of the name checked?",
        choices=Child.NameEvidence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the spelling of the name was checked"},
    )
    is_unborn = yes_no_field("Is the child unborn?", error_messages={"required": "Select yes if the child is unborn"})
    date_of_birth = GovDateField(name="date of birth", label="Date of birth", required=False, help_text="For example, 27 3 2019")
    expected_date_of_birth = GovDateField(
        name="expected date of birth", label="Expected date of birth (unborn child only)", required=False
    )
    gender = forms.ChoiceField(label="Gender", choices=Child.Gender.choices, widget=forms.RadioSelect, error_messages={"required": "Select the child's gender"})
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=codes.lazy_choices(codes.ETHNICITY), initial="NOBT",
                                  error_messages={"invalid_choice": "Select the child's ethnicity from the list"})
    nhs_number = forms.CharField(
        label="NHS number (optional)", required=False, max_length=20, help_text="10 digits, for example 943 476 5919"
    )
    preferred_language = forms.CharField(label="Preferred language", max_length=100, initial="English", error_messages={"required": "Enter the child's preferred language"})
    communication_method = forms.CharField(
        label="How the child communicates (optional)", max_length=200, required=False,
        help_text="For example British Sign Language, Makaton, pictures",
    )
    interpreter_needed = yes_no_field("Is an interpreter needed?", error_messages={"required": "Select yes if an interpreter is needed"})
    # §6: support for the child to take part in their recording
    advocate_needed = yes_no_field("Does the child need an advocate?", error_messages={"required": "Select yes if the child needs an advocate"})
    advocate_name = forms.CharField(label="If yes, who is their advocate? (optional)", max_length=200, required=False,
                                    help_text="Name and organisation. Leave empty if not yet arranged")
    signer_needed = yes_no_field("Does the child need a signer?", error_messages={"required": "Select yes if the child needs a signer"})
    signer_name = forms.CharField(label="If yes, who is their signer? (optional)", max_length=200, required=False,
                                  help_text="Name and organisation. Leave empty if not yet arranged")
    referral_date = GovDateField(name="referral date", label="Date of referral")
    referral_source = forms.ChoiceField(
        label="Who made the referral?", choices=codes.lazy_choices(codes.REFERRAL_SOURCE, blank="Select the source"),
        error_messages={"required": "Select who made the referral",
                        "invalid_choice": "Select who made the referral from the list"},
    )
    referral_reason = forms.CharField(
        label="Reason for referral", widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason for the referral"},
    )
    confirm_new_child = forms.BooleanField(
        label="I have checked the possible matches and this is a different child", required=False
    )

    def __init__(self, *args, show_duplicate_confirmation: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Fieldset(
                Field.text("first_name", field_width=Fixed.TWENTY),
                Field.text("middle_names", field_width=Fixed.TWENTY),
                Field.text("last_name", field_width=Fixed.TWENTY),
                Field.text("preferred_name", field_width=Fixed.TWENTY),
                Field.radios("name_evidence"),
                legend="Name", legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("is_unborn", inline=True),
                Field("date_of_birth"),
                Field("expected_date_of_birth"),
                Field.radios("gender"),
                Field.select("ethnicity"),
                Field.text("nhs_number", field_width=Fixed.TEN),
                legend="About the child", legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("preferred_language", field_width=Fixed.TWENTY),
                Field.text("communication_method"),
                Field.radios("interpreter_needed", inline=True),
                *ADVOCATE_LAYOUT,
                legend="Communication", legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field("referral_date"),
                Field.select("referral_source"),
                Field.textarea("referral_reason"),
                legend="Referral", legend_size=Size.MEDIUM,
            ),
        ]
        if show_duplicate_confirmation:
            fields.append(Field.checkbox("confirm_new_child"))
        self.helper = gov_helper(Layout(*fields))

    def clean_nhs_number(self):
        raw = self.cleaned_data["nhs_number"]
        if not raw.strip():
            return ""
        if not nhs_number_is_valid(raw):
            raise ValidationError("Enter a valid NHS number: 10 digits, and the last one is a check digit")
        return normalise_nhs_number(raw)

    def clean_referral_date(self):
        value = self.cleaned_data["referral_date"]
        if value and value > _today():
            raise ValidationError("The referral date must be today or in the past")
        return value

    def clean(self):
        cleaned = super().clean()
        clean_advocate_and_signer(self, cleaned)
        is_unborn = cleaned.get("is_unborn")
        born, expected = cleaned.get("date_of_birth"), cleaned.get("expected_date_of_birth")
        if is_unborn is True:
            if not expected and "expected_date_of_birth" not in self.errors:
                self.add_error("expected_date_of_birth", "Enter the expected date of birth for an unborn child")
            if born:
                self.add_error("date_of_birth", "Leave the date of birth empty for an unborn child")
        elif is_unborn is False:
            if not born and "date_of_birth" not in self.errors:
                self.add_error("date_of_birth", "Enter the date of birth")
            elif born and born > _today():
                self.add_error("date_of_birth", "The date of birth must be today or in the past. If the child is not born yet, answer yes to 'Is the child unborn?'")
            if expected:
                self.add_error("expected_date_of_birth", "Leave the expected date of birth empty: the child is born")
        return cleaned

    def child(self) -> Child:
        data = self.cleaned_data
        return Child(
            first_name=data["first_name"].strip(),
            middle_names=data["middle_names"].strip(),
            last_name=data["last_name"].strip(),
            preferred_name=data["preferred_name"].strip(),
            name_evidence=data["name_evidence"],
            is_unborn=data["is_unborn"],
            date_of_birth=data["date_of_birth"],
            expected_date_of_birth=data["expected_date_of_birth"],
            gender=data["gender"],
            ethnicity=data["ethnicity"],
            nhs_number=data["nhs_number"],
            preferred_language=data["preferred_language"].strip(),
            communication_method=data["communication_method"].strip(),
            interpreter_needed=data["interpreter_needed"],
            **advocate_and_signer(data),
        )

    def case(self) -> Case:
        data = self.cleaned_data
        return Case(
            referral_date=data["referral_date"],
            referral_source=data["referral_source"],
            referral_reason=data["referral_reason"].strip(),
        )


class AllocationForm(forms.Form):
    """Managers allocate an open case to a worker of the team that holds it (§15.2: another team means a transfer).

    The team is not a field: it is the case's team, so a posted `team` is ignored and a worker of
    another team is not a choice.
    """

    worker = forms.ModelChoiceField(
        label="Worker (optional)", queryset=get_user_model().objects.none(), required=False,
        empty_label="Awaiting allocation", help_text="Leave as 'Awaiting allocation' to place the case with the team only",
        error_messages={"invalid_choice": "Select a worker of the team from the list. To move the case to another "
                                          "team, transfer it"},
    )
    reason = forms.CharField(
        label="Reason for the allocation", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for the allocation"},
    )
    # Issue 17: the SSDA903 return's social worker episodes ask why a looked-after child's social worker changed.
    sw_change_reason = forms.ChoiceField(
        label="Reason for the change of social worker (for a looked-after child)", required=False,
        choices=codes.lazy_choices(codes.SW_REASON, blank="Not a change of social worker"),
        help_text="Needed when another worker takes over the case of a child who is looked after",
        error_messages={"invalid_choice": "Select the reason for the change of social worker from the list"},
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["worker"].queryset = (
            get_user_model().objects.filter(
                is_active=True,
                staff_profile__team=team,
                groups__name__in=[roles.PRACTITIONER, roles.TEAM_MANAGER],
            )
            .select_related("staff_profile")
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["worker"].label_from_instance = (
            lambda user: f"{user.get_full_name()}, {user.staff_profile.post_title}"
        )
        self.fields["worker"].help_text = (
            f"Members of {team.name}. Leave as 'Awaiting allocation' to place the case with the team only"
        )
        self.helper = gov_helper(Layout(Field.select("worker"), Field.textarea("reason"),
                                        Field.select("sw_change_reason")))


class SwChangeReasonForm(forms.Form):
    """Issue 17: the reason for a change of social worker, given after the change."""

    sw_change_reason = forms.ChoiceField(
        label="Reason for the change of social worker", choices=codes.lazy_choices(codes.SW_REASON, blank="Select a reason"),
        error_messages={"required": "Select the reason for the change of social worker",
                        "invalid_choice": "Select the reason for the change of social worker from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.select("sw_change_reason")))


class NewReferralForm(forms.Form):
    """A child known before is referred again: the referral that opens a new case on the same record."""

    # The referral form's own questions, copied: each form in the register changes on its own.
    referral_date = copy.deepcopy(ChildReferralForm.base_fields["referral_date"])
    referral_source = copy.deepcopy(ChildReferralForm.base_fields["referral_source"])
    referral_reason = copy.deepcopy(ChildReferralForm.base_fields["referral_reason"])
    clean_referral_date = ChildReferralForm.clean_referral_date

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("referral_date"), Field.select("referral_source"),
                                        Field.textarea("referral_reason")))


class CloseCaseForm(forms.Form):
    closure_date = GovDateField(name="closure date", label="Date the case closed")
    closure_reason = forms.ChoiceField(
        label="Reason for closure", choices=codes.lazy_choices(codes.CLOSURE_REASON, blank="Select a reason"),
        error_messages={"required": "Select the reason for closing the case",
                        "invalid_choice": "Select the reason for closing the case from the list"},
    )
    closure_notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("closure_date"), Field.select("closure_reason"), Field.textarea("closure_notes")))

    def clean_closure_date(self):
        value = self.cleaned_data["closure_date"]
        if value and value < self.case.referral_date:
            raise ValidationError(
                f"The closure date must be on or after the referral date, {self.case.referral_date:%-d %B %Y}"
            )
        if value and value > _today():
            raise ValidationError("The closure date must be today or in the past")
        return value


class EmergencyAccessForm(forms.Form):
    local_id = forms.CharField(
        label="Local child ID", max_length=12, help_text="For example CW-4K7Q-9M2P",
        error_messages={"required": "Enter the child's local ID"},
    )
    reason = forms.CharField(
        label="Why do you need this record now?", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you need the record"},
        help_text="Your access lasts 24 hours, is logged, and the child's team manager is told",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.text("local_id", field_width=Fixed.TEN), Field.textarea("reason")))

    def clean_local_id(self):
        return self.cleaned_data["local_id"].strip().upper()


class GrantRestrictedAccessForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Who should see this child's restricted information?", queryset=get_user_model().objects.none(),
        empty_label="Select a member of staff", error_messages={"required": "Select a member of staff"},
    )
    reason = forms.CharField(label="Why do they need it?", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter why they need to see restricted information"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
            .select_related("staff_profile").order_by("last_name", "first_name")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()}, {u.staff_profile.post_title}"
        self.helper = gov_helper(Layout(Field.select("user"), Field.textarea("reason")))


class RestrictForm(forms.Form):
    """§7: place information in the 'Restricted from user' section, with the reason and the manager's advice."""

    reason = forms.ChoiceField(
        label="Why should the child not see this?", widget=forms.RadioSelect, choices=Restriction.Reason.choices,
        error_messages={"required": "Select why this should not be shared with the child"},
    )
    reason_detail = forms.CharField(
        label="The reason, in a sentence or two", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for the restriction"},
    )
    advised_by = forms.ModelChoiceField(
        label="Which manager advised you?", queryset=get_user_model().objects.none(), empty_label="Select a manager",
        error_messages={"required": "Select the manager whose advice you took"},
    )
    review_date = GovDateField(name="review date", label="Review by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advised_by"].queryset = (
            get_user_model().objects.filter(is_active=True, groups__name=roles.TEAM_MANAGER).order_by("last_name")
        )
        self.fields["advised_by"].label_from_instance = lambda user: user.get_full_name()
        self.helper = gov_helper(Layout(Field.radios("reason"), Field.textarea("reason_detail"),
                                        Field.select("advised_by"), Field("review_date")))

    def clean_review_date(self):
        value = self.cleaned_data.get("review_date")
        if value and value <= timezone.localdate():
            raise ValidationError("The review date must be in the future")
        return value


def text_field(label: str, message: str, *, rows: int | None = None, required: bool = True, **kwargs) -> forms.CharField:
    """A text box (or a textarea of `rows`) whose required message is `message`."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, error_messages={"required": message},
                           **({"widget": widget} if widget else {}), **kwargs)


def not_future(form, field: str, message: str) -> None:
    """In clean(): a date in the future is an error on `field`."""
    value = form.cleaned_data.get(field)
    if value and value > timezone.localdate():
        form.add_error(field, message)


class CommunicationNeedsForm(forms.Form):
    """§3, §6: the child's communication needs, as asked when the child was first recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("preferred_language", "communication_method", "interpreter_needed", *ADVOCATE_FIELDS):
            self.fields[name] = copy.deepcopy(ChildReferralForm.base_fields[name])
        self.helper = gov_helper(Layout(
            Field.text("preferred_language", field_width=Fixed.TWENTY), Field.text("communication_method"),
            Field.radios("interpreter_needed", inline=True), *ADVOCATE_LAYOUT,
        ))

    def clean(self):
        cleaned = super().clean()
        clean_advocate_and_signer(self, cleaned)
        return cleaned


class IdentityDetailsForm(forms.Form):
    """The child's details the statutory returns ask (issue 17), recorded with the rest of their identity:
    sex, ethnicity, disability, unique pupil number (or why it is not known) and date of death."""

    sex = forms.ChoiceField(label="Sex", choices=codes.lazy_choices(codes.SEX), widget=forms.RadioSelect,
                            help_text="As the Department for Education's returns ask it",
                            error_messages={"required": "Select the child's sex",
                                            "invalid_choice": "Select the child's sex from the list"})
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=codes.lazy_choices(codes.ETHNICITY),
                                  error_messages={"required": "Select the child's ethnicity",
                                                  "invalid_choice": "Select the child's ethnicity from the list"})
    disabilities = forms.MultipleChoiceField(
        label="Disability (optional)", choices=codes.lazy_choices(codes.DISABILITY), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select every disability that applies, or 'No disability'. Leave empty if not yet known",
        error_messages={"invalid_choice": "Select the child's disabilities from the list"},
    )
    upn = forms.CharField(label="Unique pupil number (UPN) (optional)", max_length=20, required=False,
                          help_text="13 characters, for example H801200001001")
    upn_unknown_reason = forms.ChoiceField(
        label="If there is no UPN, why? (optional)",
        choices=codes.lazy_choices(codes.UPN_UNKNOWN, blank="There is a UPN, or not yet known"), required=False,
        error_messages={"invalid_choice": "Select why the UPN is not known from the list"})
    date_of_death = GovDateField(name="date of death", label="Date of death (only if the child has died)",
                                 required=False)
    # The children looked after return asks these of a looked-after girl or young woman.
    is_mother = forms.TypedChoiceField(
        label="Is she a mother? (girls and young women looked after)", required=False, widget=forms.RadioSelect,
        choices=[("True", "Yes"), ("False", "No")], coerce=lambda value: value == "True", empty_value=None,
        error_messages={"invalid_choice": "Select yes if she is a mother"})
    mothers_child_born = GovDateField(name="date her first child was born",
                                      label="Date her first child was born (if she is a mother)", required=False)

    def __init__(self, *args, child: Child, **kwargs):
        self.child = child
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(
            Field.radios("sex", inline=True), Field.select("ethnicity"), Field.checkboxes("disabilities", small=True),
            Field.text("upn", field_width=Fixed.TWENTY), Field.select("upn_unknown_reason"), Field("date_of_death"),
            Field.radios("is_mother", inline=True), Field("mothers_child_born"),
        ))

    def clean_upn(self):
        upn = codes.normalise_upn(self.cleaned_data["upn"])
        if upn:
            problem = codes.upn_problem(upn)
            if problem:
                raise ValidationError(problem)
        return upn

    def clean_disabilities(self):
        chosen = self.cleaned_data["disabilities"]
        if codes.NO_DISABILITY in chosen and len(chosen) > 1:
            raise ValidationError("Select 'No disability' on its own, or select the child's disabilities")
        return chosen

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("upn") and cleaned.get("upn_unknown_reason"):
            self.add_error("upn_unknown_reason", "Leave the reason empty: the child has a UPN")
        not_future(self, "date_of_death", "The date of death must be today or in the past")
        died, born = cleaned.get("date_of_death"), self.child.date_of_birth
        if died and born and died < born and "date_of_death" not in self.errors:
            self.add_error("date_of_death", f"The date of death must be on or after the date of birth, {born:%-d %B %Y}")
        if died and self.child.is_unborn:
            self.add_error("date_of_death", "Record the date of birth first: the record is of an unborn child")
        if cleaned.get("is_mother") is not None and cleaned.get("sex") not in (None, "F"):
            self.add_error("is_mother", "Leave this empty: the return asks it of girls and young women")
        first_born = cleaned.get("mothers_child_born")
        if first_born and cleaned.get("is_mother") is not True:
            self.add_error("mothers_child_born", "Leave the date empty, or select yes if she is a mother")
        elif first_born and (first_born > timezone.localdate() or (born and first_born <= born)):
            self.add_error("mothers_child_born",
                           "The date her first child was born must be after her own birth and not in the future")
        return cleaned


class CaseReturnDetailsForm(forms.Form):
    """What the children in need census asks of a case (issue 17): where the referral came from, the child's
    primary need, and whether the referral led to no further action."""

    referral_source = ChildReferralForm.base_fields["referral_source"]
    primary_need = forms.ChoiceField(
        label="Primary need (optional)", required=False,
        choices=codes.lazy_choices(codes.PRIMARY_NEED, blank="Not yet decided"),
        help_text="The main reason the child needs services, once the assessment has found it",
        error_messages={"invalid_choice": "Select the primary need from the list"})
    referral_nfa = forms.TypedChoiceField(
        label="Did the referral lead to no further action?", widget=forms.RadioSelect, required=False,
        choices=[("yes", "Yes, no further action"), ("no", "No, it went on to an assessment or services"),
                 ("", "Not yet decided")],
        coerce=lambda value: {"yes": True, "no": False}.get(value), empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.select("referral_source"), Field.select("primary_need"),
                                        Field.radios("referral_nfa")))

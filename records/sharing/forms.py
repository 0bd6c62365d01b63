"""Forms for consent (§6), sharing (§7), telling the family about their records (§3) and subject access
requests. Each checks every rule with a specific GOV.UK error; the services check them again."""

from crispy_forms_gds.layout import Field, Fixed, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.staff import roles
from access.models import Consent, Disclosure, RecordsInformation, SubjectAccessRequest
from records.models import Document, Entry
from casework.children.forms import GovDateField, gov_helper, not_future, text_field, yes_no_field
from records.sharing import services as sharing
from records.sharing import subject_access
from records.entries.forms import GovTimeField, london_datetime

Basis = Disclosure.Basis


def _managers():
    return get_user_model().objects.filter(is_active=True, groups__name=roles.TEAM_MANAGER).order_by("last_name")


class ConsentForm(forms.Form):
    person_name = text_field("Who gave or refused consent?", "Enter the name of the person who gave or refused consent",
                        max_length=200)
    relationship = forms.ChoiceField(label="Their relationship to the child", widget=forms.RadioSelect,
                                     choices=Consent.Relationship.choices,
                                     error_messages={"required": "Select the person's relationship to the child"})
    decision = forms.ChoiceField(label="Did they give or refuse consent?", widget=forms.RadioSelect,
                                 choices=Consent.Decision.choices,
                                 error_messages={"required": "Select whether consent was given or refused"})
    agencies = text_field("Which agencies does it cover?", "Enter which agencies the consent covers", rows=2)
    purpose = text_field("For what purpose may information be shared?", "Enter the purpose the consent covers", rows=2)
    obtained_on = GovDateField(name="date consent was obtained", label="When was it obtained?")
    obtained_how = forms.ChoiceField(label="How was it obtained?", widget=forms.RadioSelect,
                                     choices=Consent.How.choices,
                                     error_messages={"required": "Select how consent was obtained"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(
            Field.text("person_name"), Field.radios("relationship"), Field.radios("decision"),
            Field.textarea("agencies"), Field.textarea("purpose"), Field("obtained_on"), Field.radios("obtained_how"),
        ))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "obtained_on", "The date consent was obtained cannot be in the future")
        return cleaned


class WithdrawConsentForm(forms.Form):
    withdrawn_on = GovDateField(name="date consent was withdrawn", label="When was consent withdrawn?")
    notes = text_field("What was said", "Enter what was said when consent was withdrawn", rows=3,
                  help_text="Who withdrew it, how, and anything they asked for")

    def __init__(self, *args, consent: Consent, **kwargs):
        self.consent = consent
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("withdrawn_on"), Field.textarea("notes")))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "withdrawn_on", "The date consent was withdrawn cannot be in the future")
        withdrawn_on = cleaned.get("withdrawn_on")
        if "withdrawn_on" not in self.errors and withdrawn_on and withdrawn_on < self.consent.obtained_on:
            self.add_error("withdrawn_on", "Consent cannot be withdrawn before the date it was given")
        return cleaned


class DisclosureForm(forms.Form):
    """§7: who it was shared with and when; §6: the consent it relied on, or why it was shared without."""

    shared_with_person = text_field("Who was it shared with?", "Enter who the information was shared with", max_length=200)
    shared_with_agency = forms.CharField(label="Their agency or organisation (if any)", max_length=200, required=False)
    shared_date = GovDateField(name="date it was shared", label="Date it was shared")
    shared_time = GovTimeField(name="time it was shared", label="Time", help_text="24-hour clock, for example 14:30")
    what = text_field("What information was shared?", "Enter what information was shared", rows=3)
    why = text_field("Why was it shared?", "Enter why the information was shared", rows=3)
    basis = forms.ChoiceField(label="On what basis was it shared?", widget=forms.RadioSelect,
                              error_messages={"required": "Select the basis for sharing"})
    consent = forms.ModelChoiceField(label="If with consent: which consent?", required=False,
                                     queryset=Consent.objects.none(), empty_label="Select the consent")
    consent_covers = forms.BooleanField(
        label="If with consent: I have checked that it covers sharing this with this agency for this purpose",
        required=False)
    public_interest_justification = forms.CharField(
        label="If without consent: why is sharing in the public interest?", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The safety and well-being of the child and others; why this much information, to this person")
    decided_by = forms.ModelChoiceField(label="If without consent: which team manager decided?", required=False,
                                        queryset=get_user_model().objects.none(), empty_label="Select a manager")
    subject_access_request = forms.ModelChoiceField(
        label="If for a subject access request: which request?", required=False,
        queryset=SubjectAccessRequest.objects.none(), empty_label="Select the request")
    # §7: what was shared, named from the child's own record.
    entries = forms.ModelMultipleChoiceField(
        label="Which entries were shared?", required=False, queryset=Entry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only completed entries from this child's record"})
    documents = forms.ModelMultipleChoiceField(
        label="Which documents were shared?", required=False, queryset=Document.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only current documents from this child's record"})
    restricted_reason = forms.CharField(
        label="If anything shared is in 'Restricted from user': why was it shared?", required=False,
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, child, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = roles.is_team_manager(user)
        choices = [(basis.value, basis.label) for basis in (Basis.ROUTINE, Basis.CONSENT, Basis.PUBLIC_INTEREST)]
        self.fields["entries"].queryset = sharing.entries_to_share(user, child)
        self.fields["entries"].label_from_instance = _entry_label
        self.fields["documents"].queryset = sharing.documents_to_share(user, child)
        self.fields["documents"].label_from_instance = _document_label
        self.fields["consent"].queryset = sharing.given_consents_for(child)
        self.fields["consent"].label_from_instance = _consent_label
        self.fields["decided_by"].queryset = _managers()
        self.fields["decided_by"].label_from_instance = lambda user: user.get_full_name()
        items = [Field.text("shared_with_person"), Field.text("shared_with_agency"), Field("shared_date"),
                 Field.text("shared_time", field_width=Fixed.FIVE), Field.textarea("what"), Field.textarea("why"),
                 Field.checkboxes("entries", small=True), Field.checkboxes("documents", small=True),
                 Field.textarea("restricted_reason"),
                 Field.radios("basis"), Field.select("consent"), Field.checkbox("consent_covers"),
                 Field.textarea("public_interest_justification"), Field.select("decided_by")]
        if self.manager:  # subject access requests are managed by team managers only
            choices.append((Basis.SUBJECT_ACCESS.value, Basis.SUBJECT_ACCESS.label))
            self.fields["subject_access_request"].queryset = (
                SubjectAccessRequest.objects.filter(child=child, identity_checked_on__isnull=False)
                .exclude(status=SubjectAccessRequest.Status.CLOSED).order_by("-received_on"))
            self.fields["subject_access_request"].label_from_instance = (
                lambda sar: f"{sar.requester_name} ({sar.relationship}), received {sar.received_on:%d/%m/%Y}")
            items.append(Field.select("subject_access_request"))
        else:
            del self.fields["subject_access_request"]
        self.fields["basis"].choices = choices
        self.helper = gov_helper(Layout(*items))

    def shared_at(self):
        return london_datetime(self.cleaned_data["shared_date"], self.cleaned_data["shared_time"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shared_date") and cleaned.get("shared_time") and self.shared_at() > timezone.now():
            self.add_error("shared_date", "Information that has been shared cannot have been shared in the future")
        basis = cleaned.get("basis")
        if basis == Basis.CONSENT:
            consent = cleaned.get("consent")
            if consent is None:
                self.add_error("consent", "Select the consent the sharing relied on")
            elif cleaned.get("shared_date") and not sharing.consent_in_force_on(consent, cleaned["shared_date"]):
                self.add_error("consent", "That consent was not in force on the day the information was shared")
            if not cleaned.get("consent_covers"):
                self.add_error("consent_covers",
                               "Confirm that the consent covers this agency and purpose, or choose another basis")
        elif basis == Basis.PUBLIC_INTEREST:
            if not (cleaned.get("public_interest_justification") or "").strip():
                self.add_error("public_interest_justification",
                               "Enter why sharing without consent is in the public interest")
            if cleaned.get("decided_by") is None:
                self.add_error("decided_by", "Select the team manager who decided to share without consent")
        elif basis == Basis.SUBJECT_ACCESS and cleaned.get("subject_access_request") is None:
            self.add_error("subject_access_request", "Select the subject access request")
        chosen = [*(cleaned.get("entries") or []), *(cleaned.get("documents") or [])]
        # §7: every disclosure names what it shared, whatever its basis.
        if not chosen and "entries" not in self.errors and "documents" not in self.errors:
            self.add_error("entries", sharing.NAME_WHAT_WAS_SHARED)
        if any(_is_restricted(item) for item in chosen) and not (cleaned.get("restricted_reason") or "").strip():
            self.add_error("restricted_reason", "Enter why information in 'Restricted from user' was shared")
        return cleaned


def _is_restricted(item) -> bool:
    return item.restriction_id is not None and item.restriction.lifted_at is None


def _entry_label(entry) -> str:
    restricted = " (in 'Restricted from user')" if _is_restricted(entry) else ""
    return f"{entry.get_kind_display()}, {timezone.localtime(entry.event_at):%d/%m/%Y}{restricted}"


def _document_label(document) -> str:
    restricted = " (in 'Restricted from user')" if _is_restricted(document) else ""
    return f"{document.title}, {document.document_date:%d/%m/%Y}{restricted}"


def _consent_label(consent: Consent) -> str:
    state = "withdrawn" if consent.withdrawn_on else "given"
    return (f"{consent.person_name} ({consent.get_relationship_display().lower()}), {state} "
            f"{(consent.withdrawn_on or consent.obtained_on):%d/%m/%Y}: {consent.agencies}, for {consent.purpose}")


class RecordsInformationForm(forms.Form):
    """§3: told about their records, why they are kept, confidentiality and access, in a form they understand."""

    told_on = GovDateField(name="date they were told", label="When were they told?")
    told_whom = forms.ChoiceField(
        label="Who has now been told?", widget=forms.RadioSelect, choices=RecordsInformation.ToldWhom.choices,
        help_text="The family must be told, and the child too once old enough to understand",
        error_messages={"required": "Select who has now been told"})
    who_was_told = text_field("Who was told?", "Enter who was told about their records and rights", max_length=300,
                         help_text="For example: Amara, and her mother Grace Okoye")
    language = text_field("In what language?", "Enter the language the information was given in", max_length=100)
    format = text_field("In what form?", "Enter the form the information was given in", max_length=200,
                   help_text="For example a leaflet, spoken with an interpreter, easy read")

    def __init__(self, *args, child, **kwargs):
        kwargs.setdefault("initial", {"language": child.preferred_language})
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("told_on"), Field.radios("told_whom"), Field.text("who_was_told"),
                                        Field.text("language", field_width=Fixed.TWENTY), Field.text("format")))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "told_on", "The date they were told cannot be in the future")
        return cleaned


def _check_identity_fields(form, received_on) -> None:
    checked_on = form.cleaned_data.get("identity_checked_on")
    if "identity_checked_on" not in form.errors:
        if checked_on is None:
            form.add_error("identity_checked_on", "Enter the date the requester's identity was checked")
        elif checked_on > timezone.localdate():
            form.add_error("identity_checked_on", "The date the identity was checked cannot be in the future")
        elif received_on and checked_on < received_on:
            form.add_error("identity_checked_on",
                           "The identity cannot have been checked before the request was received")
    if not (form.cleaned_data.get("identity_evidence") or "").strip():
        form.add_error("identity_evidence", "Enter the evidence of identity that was seen")


class SubjectAccessRequestForm(forms.Form):
    requester_name = text_field("Who made the request?", "Enter the name of the person making the request", max_length=200)
    relationship = text_field("Their relationship to the child", "Enter the requester's relationship to the child",
                         max_length=100, help_text="For example: the child, mother, solicitor acting for the father")
    received_on = GovDateField(name="date the request was received", label="When was the request received?")
    identity_checked = yes_no_field(
        "Has the requester's identity been checked?",
        error_messages={"required": "Select yes if the requester's identity has been checked"})
    identity_checked_on = GovDateField(name="date the identity was checked", label="If yes: when was it checked?",
                                       required=False)
    identity_evidence = forms.CharField(label="If yes: what evidence of identity was seen?", max_length=300,
                                        required=False, help_text="For example: passport and a council tax bill")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(
            Field.text("requester_name"), Field.text("relationship"), Field("received_on"),
            Field.radios("identity_checked", inline=True), Field("identity_checked_on"),
            Field.text("identity_evidence"),
        ))

    def clean(self):
        cleaned = super().clean()
        not_future(self, "received_on", "The date the request was received cannot be in the future")
        if cleaned.get("identity_checked"):
            _check_identity_fields(self, cleaned.get("received_on"))
        return cleaned


class ExtensionForm(forms.Form):
    extended_to = GovDateField(name="new deadline", label="New deadline")
    reason = text_field("Why does the request need more time?", "Enter why the deadline is extended", rows=3,
                   help_text="For example: the record is long and complex, or there are several requests")

    def __init__(self, *args, request: SubjectAccessRequest, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        latest = subject_access.latest_deadline(request.received_on)
        self.fields["extended_to"].help_text = (
            f"At most two further months: no later than {subject_access.long_date(latest)}")
        self.helper = gov_helper(Layout(Field("extended_to"), Field.textarea("reason")))

    def clean_extended_to(self):
        value = self.cleaned_data["extended_to"]
        deadline = self.request.deadline
        latest = subject_access.latest_deadline(self.request.received_on)
        if value and value <= deadline:
            raise ValidationError(
                f"The new deadline must be after the current deadline, {subject_access.long_date(deadline)}")
        if value and value > latest:
            raise ValidationError(
                f"A deadline can be extended by at most two further months: the latest is "
                f"{subject_access.long_date(latest)}")
        return value


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="What has happened?", widget=forms.RadioSelect,
                               error_messages={"required": "Select the new status"})
    identity_checked_on = GovDateField(name="date the identity was checked",
                                       label="If the identity was checked: when?", required=False)
    identity_evidence = forms.CharField(label="If the identity was checked: what evidence was seen?", max_length=300,
                                        required=False)
    note = forms.CharField(label="If closed without release: why?", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="For example: the request was withdrawn, or the requester has no right of access")

    def __init__(self, *args, request: SubjectAccessRequest, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        options = subject_access.NEXT_STATUSES.get(request.status, ())
        self.fields["status"].choices = [(status.value, status.label) for status in options]
        items = [Field.radios("status")]
        if SubjectAccessRequest.Status.IDENTITY_CHECKED in options:
            items += [Field("identity_checked_on"), Field.text("identity_evidence")]
        else:
            del self.fields["identity_checked_on"], self.fields["identity_evidence"]
        items.append(Field.textarea("note"))
        self.helper = gov_helper(Layout(*items))

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == SubjectAccessRequest.Status.IDENTITY_CHECKED:
            _check_identity_fields(self, self.request.received_on)
        elif status == SubjectAccessRequest.Status.CLOSED and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Enter why the request is closed without release")
        return cleaned

"""Forms for the basic record (§5.1) and sibling links (§5.3): each error names what to fix."""

from copy import copy

from crispy_forms_gds.layout import Field, Fixed, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)
from casework.children.forms import GovDateField, gov_helper, yes_no_field
from casework.returns import codes


def _text(label, *, required=True, max_length=200, message=None, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           error_messages={"required": message or f"Enter the {label.lower()}"})


def _area(label, *, required=True, message=None, help_text=""):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=help_text, error_messages={"required": message or f"Enter {label.lower()}"})


def _not_future(value, what):
    if value and value > timezone.localdate():
        raise ValidationError(f"The {what} cannot be in the future")
    return value


class CorrectionMixin:
    """A correction says why; the earlier version stays in the history (§12)."""

    correcting = False

    def add_correction_reason(self, layout_items):
        self.fields["correction_reason"] = forms.CharField(
            label="Why are you correcting this?", widget=forms.Textarea(attrs={"rows": 2}),
            # Kept as the history row's change reason ("Corrected: ..."), a column of 100 characters.
            max_length=88,
            error_messages={"required": "Enter why you are correcting this",
                            "max_length": "The reason for the correction must be 88 characters or fewer"},
            help_text="The earlier version stays in the history of this record",
        )
        layout_items.append(Field.textarea("correction_reason"))


# --- Household ----------------------------------------------------------------------------------

class HouseholdMemberForm(CorrectionMixin, forms.Form):
    full_name = _text("Full name", message="Enter the person's full name")
    relationship = _text("Relationship to the child", max_length=100,
                         message="Enter their relationship to the child, for example Mother",
                         help_text="For example Mother, Stepfather, Grandmother, Lodger")
    joined_on = GovDateField(name="date they joined the household", label="Date they joined the household",
                             help_text="For example, 27 3 2026. If you do not know the day, use the first of the month")
    has_parental_responsibility = yes_no_field(
        "Do they hold parental responsibility?",
        error_messages={"required": "Select yes if they hold parental responsibility for the child"},
    )

    def __init__(self, *args, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        items = [Field.text("full_name", field_width=Fixed.TWENTY), Field.text("relationship", field_width=Fixed.TWENTY),
                 Field("joined_on"), Field.radios("has_parental_responsibility", inline=True)]
        if correcting:
            self.add_correction_reason(items)
        self.helper = gov_helper(Layout(*items))

    def clean_joined_on(self):
        return _not_future(self.cleaned_data.get("joined_on"), "date they joined the household")

    def item_fields(self) -> dict:
        data = self.cleaned_data
        return {"full_name": data["full_name"].strip(), "relationship": data["relationship"].strip(),
                "joined_on": data["joined_on"], "has_parental_responsibility": data["has_parental_responsibility"]}


class MemberLeftForm(forms.Form):
    left_on = GovDateField(name="date they left the household", label="Date they left the household")
    left_reason = _area("Why did they leave? (optional)", required=False)

    def __init__(self, *args, member, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("left_on"), Field.textarea("left_reason")))

    def clean_left_on(self):
        value = _not_future(self.cleaned_data.get("left_on"), "date they left the household")
        if value and self.member.joined_on and value < self.member.joined_on:
            raise ValidationError(
                f"The date they left cannot be before the date they joined ({self.member.joined_on:%-d %B %Y})")
        return value


# --- Dated items --------------------------------------------------------------------------------

class ItemForm(CorrectionMixin, forms.Form):
    """Start and (if it has already ended) end dates, then the fields of the kind of item."""

    start_label = "Start date"
    start_required = True
    asks_event_date = False  # the start date is the date of what it records, unless this says otherwise
    start_may_be_future = False
    end_reason_required = False
    model = None
    own_fields: tuple = ()

    def __init__(self, *args, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.correcting = correcting
        start_name = self.start_label.lower().replace(" (optional)", "")
        self.fields["start_date"] = GovDateField(name=start_name, label=self.start_label, required=self.start_required,
                                                 help_text="For example, 27 3 2026")
        self.fields["end_date"] = GovDateField(name="end date", label="End date (if it has already ended)",
                                               required=False)
        self.fields["end_reason"] = forms.CharField(
            label="Reason for ending" + ("" if self.end_reason_required else " (optional)"), required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        items = [self._layout_for(name) for name in self.own_fields]
        if self.asks_event_date:
            # §4, §10: the date of what this records; recorded more than two working days later, it is marked late.
            self.fields["event_date"] = GovDateField(
                name="date of what this records", label="Date of what this records", required=not correcting,
                help_text="The day you learned this or it was agreed. Recorded more than two working days later, "
                          "it is marked as a late entry. For example, 27 3 2026",
            )
            items.append(Field("event_date"))
        items += [Field("start_date"), Field("end_date"), Field.textarea("end_reason")]
        if correcting:
            self.add_correction_reason(items)
        self.helper = gov_helper(Layout(*items))

    def _layout_for(self, name):
        field = self.fields[name]
        if isinstance(field.widget, forms.RadioSelect):
            return Field.radios(name, inline=len(field.choices) == 2)
        if isinstance(field.widget, forms.Textarea):
            return Field.textarea(name)
        if isinstance(field.widget, forms.Select):
            return Field.select(name)
        return Field.text(name, field_width=Fixed.TWENTY)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        today = timezone.localdate()
        event_date = cleaned.get("event_date")
        if event_date and event_date > today:
            self.add_error("event_date", "The date of what this records cannot be in the future")
        if start and start > today and not self.start_may_be_future:
            self.add_error("start_date", f"The {self.start_label.lower().replace(' (optional)', '')} cannot be in the future")
        if end:
            if end > today:
                self.add_error("end_date", "The end date cannot be in the future")
            elif start and end < start:
                self.add_error("end_date", "The end date cannot be before the start date")
            if self.end_reason_required and not (cleaned.get("end_reason") or "").strip():
                self.add_error("end_reason", "Enter the reason for ending")
        elif (cleaned.get("end_reason") or "").strip():
            self.add_error("end_date", "Enter the end date, or leave the reason for ending empty")
        return cleaned

    def item_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: (data[name].strip() if isinstance(data[name], str) else data[name]) for name in self.own_fields}
        fields.update(start_date=data["start_date"], end_date=data["end_date"],
                      end_reason=(data["end_reason"] or "").strip())
        if self.asks_event_date and (data.get("event_date") or not self.correcting):
            fields["event_date"] = data["event_date"]
        return fields


def _choice(label, choices, message):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect,
                             error_messages={"required": message})


class ClosePersonForm(ItemForm):
    model = ClosePerson
    start_label = "Known to the child since (optional)"
    start_required = False
    asks_event_date = True
    own_fields = ("full_name", "relationship", "contact_frequency", "how_to_reach")

    full_name = _text("Full name", message="Enter the person's full name")
    relationship = _text("Relationship to the child", max_length=100,
                         message="Enter their relationship to the child, for example Grandmother")
    contact_frequency = _text("How often do they see the child?", message="Enter how often they see the child",
                              help_text="For example, every weekend")
    how_to_reach = _area("How to reach them (optional)", required=False, help_text="Telephone, address or e-mail")


class ContactArrangementForm(ItemForm):
    model = ContactArrangement
    start_may_be_future = True
    own_fields = ("with_whom", "frequency", "supervised", "supervised_by", "venue", "basis", "basis_detail")

    with_whom = _text("With whom", message="Enter who the contact is with")
    frequency = _text("How often", message="Enter how often contact takes place", help_text="For example, fortnightly for 2 hours")
    supervised = yes_no_field("Is the contact supervised?",
                              error_messages={"required": "Select yes if the contact is supervised"})
    supervised_by = _text("Supervised by (if supervised)", required=False)
    venue = _text("Where", max_length=300, message="Enter where contact takes place")
    basis = _choice("What agreed or ordered it?", ContactArrangement.Basis.choices,
                    "Select what agreed or ordered the contact")
    basis_detail = _area("Details of the agreement or order", required=False,
                         help_text="For example, Child arrangements order, Family Court, 3 March 2026")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("supervised") and not (cleaned.get("supervised_by") or "").strip():
            self.add_error("supervised_by", "Enter who supervises the contact")
        if cleaned.get("basis") in ("court_order", "other") and not (cleaned.get("basis_detail") or "").strip():
            self.add_error("basis_detail", "Enter the details of the order or agreement")
        return cleaned

    def item_fields(self) -> dict:
        fields = super().item_fields()
        if not fields["supervised"]:
            fields["supervised_by"] = ""
        return fields


def _code(label, list_key, *, blank, what, help_text=""):
    """An optional choice from a DfE code list of the current collection year (the children looked after return)."""
    return forms.ChoiceField(label=label, required=False, choices=codes.lazy_choices(list_key, blank=blank),
                             help_text=help_text, error_messages={"invalid_choice": f"Select {what} from the list"})


class ReturnCodesMixin:
    """The looked-after return's codes are checked here as the service checks them, so that each error is shown at
    its field (casework.returns.codes)."""

    problems = None

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            item = self.model(**self.item_fields())
            for field, message in type(self).problems(item).items():
                self.add_error(field, message)
        return cleaned


class PlacementForm(ReturnCodesMixin, ItemForm):
    model = Placement
    problems = staticmethod(codes.placement_problems)
    end_reason_required = True
    own_fields = ("placement_type", "carer_or_provider", "address", "long_term", "place_code", "provider_code",
                  "postcode", "la_code", "ofsted_urn", "change_reason")

    placement_type = forms.ChoiceField(label="Type of placement", choices=[("", "Select the type")] + Placement.Type.choices,
                                       error_messages={"required": "Select the type of placement"})
    carer_or_provider = _text("Carer or provider", message="Enter the carer or provider")
    address = _area("Address", message="Enter the address of the placement")
    long_term = yes_no_field(
        "Is the placement intended to last until the child is 18?",
        help_text="A long-term placement: after its first year, the child is visited at least every 3 months "
                  "instead of every 6 weeks",
        error_messages={"required": "Select yes if the placement is intended to last until the child is 18"})
    place_code = _code("Placement type for the children looked after return", codes.PLACEMENT_TYPE,
                       what="the placement type", blank="Select the placement type")
    provider_code = _code("Placement provider", codes.PLACEMENT_PROVIDER, what="the placement provider", blank="Select the provider")
    postcode = _text("Postcode of the placement", required=False, max_length=8, help_text="For example, LS1 4AP")
    la_code = _code("Local authority the placement is in (optional)", codes.PLACEMENT_LA,
                    what="the local authority the placement is in", blank="Select the local authority",
                    help_text="The council whose area the placement is in, or the country if it is outside England")
    ofsted_urn = _text("Ofsted URN (for a placement Ofsted registers)", required=False, max_length=8,
                       help_text="The unique reference number on the Ofsted register, for example SC123456")
    change_reason = _code("Reason for the change of placement (if it has ended)", codes.PLACEMENT_CHANGE_REASON,
                          what="the reason for the change of placement", blank="Select the reason")

    def clean_postcode(self):
        return codes.normalise_postcode(self.cleaned_data["postcode"])

    def clean_ofsted_urn(self):
        return "".join(self.cleaned_data["ofsted_urn"].split()).upper()


class LegalStatusForm(ReturnCodesMixin, ItemForm):
    model = LegalStatus
    problems = staticmethod(codes.legal_status_problems)
    own_fields = ("status", "details", "ls_code", "category_of_need", "reason_ceased")

    status = forms.ChoiceField(label="Legal status", choices=[("", "Select the legal status")] + LegalStatus.Status.choices,
                               error_messages={"required": "Select the legal status"})
    details = _area("Details (optional)", required=False, help_text="For example, the court and the case number")
    ls_code = _code("Legal status code for the children looked after return", codes.LEGAL_STATUS,
                    what="the legal status code", blank="Work it out from the legal status",
                    help_text="Only for a legal status under which the child is looked after")
    category_of_need = _code("Category of need", codes.CATEGORY_OF_NEED, what="the category of need", blank="Select the category of need",
                             help_text="The main reason the child is looked after")
    reason_ceased = _code("Reason the child stopped being looked after (if they did)", codes.REASON_CEASED,
                          what="the reason the child stopped being looked after", blank="Select the reason")

    def item_fields(self) -> dict:
        fields = super().item_fields()
        allowed = codes.LS_FOR_STATUS.get(fields["status"])
        if not fields["ls_code"] and allowed:
            fields["ls_code"] = allowed[0]  # worked out from the legal status, as the service would
        return fields


class ProviderArrangementForm(ItemForm):
    model = ProviderArrangement
    own_fields = ("provider_name", "provider_kind", "arrangement", "contract_reference")

    provider_name = _text("Provider", message="Enter the name of the provider")
    provider_kind = _choice("Kind of provider", ProviderArrangement.Kind.choices, "Select the kind of provider")
    arrangement = _area("What is arranged", message="Enter what is arranged with the provider")
    contract_reference = _text("Contract or reference (optional)", required=False, max_length=100)


ITEM_FORMS = {
    "people": ClosePersonForm, "contact": ContactArrangementForm, "placements": PlacementForm,
    "legal-status": LegalStatusForm, "providers": ProviderArrangementForm,
}


def initial_for(item, form_class) -> dict:
    names = list(form_class.own_fields) + ["start_date", "end_date", "end_reason"]
    if form_class.asks_event_date:
        names.append("event_date")
    return {name: getattr(item, name) for name in names}


class EndItemForm(forms.Form):
    end_date = GovDateField(name="end date", label="End date")
    end_reason = forms.CharField(label="Reason for ending", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item, reason_required=False, **kwargs):
        self.item = item
        self.reason_required = reason_required
        super().__init__(*args, **kwargs)
        if not reason_required:
            self.fields["end_reason"].label = "Reason for ending (optional)"
        items = [Field("end_date"), Field.textarea("end_reason")]
        # The children looked after return: why the placement changed, or why the child stopped being looked after.
        if isinstance(item, Placement):
            self.fields["change_reason"] = _code(
                "Reason for the change of placement (if the child moved to another)", codes.PLACEMENT_CHANGE_REASON,
                what="the reason for the change of placement", blank="Select the reason")
            items.append(Field.select("change_reason"))
        elif isinstance(item, LegalStatus) and item.ls_code:
            self.fields["reason_ceased"] = _code(
                "Reason the child stopped being looked after (if they did)", codes.REASON_CEASED,
                what="the reason the child stopped being looked after", blank="Select the reason", help_text="Leave this empty if another legal status follows")
            items.append(Field.select("reason_ceased"))
        self.helper = gov_helper(Layout(*items))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self.code_fields():
            item = copy(self.item)
            item.end_date = cleaned["end_date"]
            for name, value in self.code_fields().items():
                setattr(item, name, value)
            problems = (codes.placement_problems(item) if isinstance(item, Placement)
                        else codes.legal_status_problems(item))
            for name in self.code_fields():
                if name in problems:
                    self.add_error(name, problems[name])
        return cleaned

    def code_fields(self) -> dict:
        """The return's codes given with the end, for the service."""
        return {name: self.cleaned_data.get(name) or "" for name in ("change_reason", "reason_ceased")
                if name in self.fields}

    def clean_end_date(self):
        value = _not_future(self.cleaned_data.get("end_date"), "end date")
        start = self.item.start_date
        if value and start and value < start:
            raise ValidationError(f"The end date cannot be before the start date ({start:%-d %B %Y})")
        return value

    def clean_end_reason(self):
        value = (self.cleaned_data.get("end_reason") or "").strip()
        if self.reason_required and not value:
            raise ValidationError("Enter the reason for ending")
        return value



# --- Brothers and sisters ------------------------------------------------------------------------

class SiblingLinkForm(forms.Form):
    sibling_local_id = forms.CharField(
        label="Local child ID of the brother or sister", max_length=20,
        help_text="On their record, for example CW-1234-5678",
        error_messages={"required": "Enter the local child ID of the brother or sister"},
    )
    relationship = _choice("How are they related?", SiblingLink.Relationship.choices, "Select how they are related")
    # §4, §10: linked more than two working days after this date, the link is marked "Late entry".
    event_date = GovDateField(name="date it became known", label="When did it become known?",
                              help_text="The day you learned they are brothers or sisters, for example 24 11 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.text("sibling_local_id", field_width=Fixed.TEN),
                                        Field.radios("relationship"), Field("event_date")))

    def clean_event_date(self):
        value = self.cleaned_data["event_date"]
        if value and value > timezone.localdate():
            raise ValidationError("The date it became known cannot be in the future")
        return value

    def clean_sibling_local_id(self):
        return self.cleaned_data["sibling_local_id"].strip().upper()


class EndSiblingLinkForm(forms.Form):
    end_reason = forms.CharField(label="Why is the link being ended?", widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="For example, linked in error",
                                 error_messages={"required": "Enter why the link is being ended"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("end_reason")))

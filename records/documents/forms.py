"""Forms for documents and the basic record's sections (§1, §5.1, §5.4). Each validates everything."""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.basic_record.forms import CorrectionMixin
from casework.children.forms import GovDateField, gov_helper, yes_no_field
from records.documents.models import CourtOrder, CourtReport, Document, EducationRecord, HealthRecord
from records.documents.uploads import ALLOWED_LIST, check_upload, human_size, max_bytes


def _not_future(value, what: str):
    if value and value > timezone.localdate():
        raise ValidationError(f"The {what} must be today or in the past")
    return value


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file", error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title for the document"},
                            help_text="For example, Interim care order, or Letter from the school")
    document_date = GovDateField(name="date of the document", label="Date of the document",
                                 help_text="The date written on it, for example 27 3 2026")
    category = forms.ChoiceField(label="What kind of document is it?", choices=[("", "Select a kind")] + Document.Category.choices,
                                 error_messages={"required": "Select what kind of document it is"})
    description = forms.CharField(label="Short description (optional)", max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    belongs_to_child = yes_no_field(
        "Does it belong to the child?",
        help_text="For example, their photographs or certificates: it will be listed to be returned to them",
        error_messages={"required": "Select yes if it belongs to the child"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"One of {ALLOWED_LIST}. Smaller than {human_size(max_bytes())}.")
        self.helper = gov_helper(Layout(
            Field("file"), Field.text("title"), Field("document_date"), Field.select("category"),
            Field.textarea("description"), Field.radios("belongs_to_child", inline=True),
        ))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is not None:
            check_upload(upload)
        return upload

    def clean_document_date(self):
        return _not_future(self.cleaned_data["document_date"], "date of the document")


class WithdrawDocumentForm(forms.Form):
    reason = forms.CharField(label="Why is it being withdrawn?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="For example, uploaded to the wrong child's record. It stays on the record, marked withdrawn",
                             error_messages={"required": "Enter why the document is being withdrawn"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field.textarea("reason")))


class ReturnToChildForm(forms.Form):
    returned_on = GovDateField(name="date it was returned", label="When was it returned?")
    returned_to = forms.CharField(label="Who was it returned to?", max_length=200,
                                  help_text="For example, the child, or their carer by name",
                                  error_messages={"required": "Enter who it was returned to"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_helper(Layout(Field("returned_on"), Field.text("returned_to")))

    def clean_returned_on(self):
        return _not_future(self.cleaned_data["returned_on"], "date it was returned")


# --- The basic record's sections --------------------------------------------------------------

class _SectionForm(CorrectionMixin, forms.Form):
    document = forms.ModelChoiceField(label="The copy on the record (optional)", queryset=Document.objects.none(),
                                      required=False, empty_label="No copy uploaded yet",
                                      help_text="Upload it on the Documents tab first")
    layout: tuple = ()

    def __init__(self, *args, documents, correcting=False, keep_copy=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["document"].label_from_instance = (
            lambda d: f"{d.title} ({d.get_category_display()}, {d.document_date:%d %B %Y})")
        items = [*self.layout]
        if keep_copy:  # a copy the user may not see (§7): not offered, never named, kept as it is
            del self.fields["document"]
        else:
            items.append(Field.select("document"))
        if correcting:
            self.add_correction_reason(items)
        self.helper = gov_helper(Layout(*items))

    def record_fields(self) -> dict:
        """What is saved on the row: every answer but the reason for a correction."""
        return {name: value for name, value in self.cleaned_data.items() if name != "correction_reason"}


class CourtOrderForm(_SectionForm):
    order_type = forms.ChoiceField(label="Type of order", choices=[("", "Select a type")] + CourtOrder.OrderType.choices,
                                   error_messages={"required": "Select the type of order"})
    court = forms.CharField(label="Court", max_length=200, error_messages={"required": "Enter the court that made the order"})
    made_on = GovDateField(name="date the order was made", label="Date made")
    ends_on = GovDateField(name="end date", label="End date (optional)", required=False)
    layout = (Field.select("order_type"), Field.text("court"), Field("made_on"), Field("ends_on"))

    def clean_made_on(self):
        return _not_future(self.cleaned_data["made_on"], "date the order was made")

    def clean(self):
        cleaned = super().clean()
        made, ends = cleaned.get("made_on"), cleaned.get("ends_on")
        if made and ends and ends < made:
            self.add_error("ends_on", "The end date must be the same as or after the date the order was made")
        return cleaned


class CourtReportForm(_SectionForm):
    kind = forms.ChoiceField(label="Kind of report", choices=CourtReport.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of report"})
    author = forms.CharField(label="Author", max_length=200, help_text="Name and role",
                             error_messages={"required": "Enter who wrote the report"})
    court = forms.CharField(label="Court", max_length=200, error_messages={"required": "Enter the court it was for"})
    report_date = GovDateField(name="date of the report", label="Date of the report")
    layout = (Field.radios("kind"), Field.text("author"), Field.text("court"), Field("report_date"))

    def clean_report_date(self):
        return _not_future(self.cleaned_data["report_date"], "date of the report")


class EducationForm(_SectionForm):
    school = forms.CharField(label="School or setting", max_length=200,
                             error_messages={"required": "Enter the school or setting"})
    # §4, §10: what these details are as of; recorded more than two working days later, a Late entry.
    event_date = GovDateField(name="date of what this records", label="Date of what this records",
                              help_text="The day you learned these details, for example 27 3 2026. Recorded more "
                                        "than two working days later, it is marked as a late entry")
    pep_date = GovDateField(name="date of the Personal Education Plan", label="Date of the latest Personal Education Plan (optional)",
                            required=False, help_text="For a looked-after child")
    pep_review_due = GovDateField(name="next PEP review date", label="Next PEP review (optional)", required=False)
    sen_status = forms.ChoiceField(label="Special educational needs", choices=EducationRecord.SenStatus.choices,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": "Select the child's special educational needs status"})
    ehcp_issued_on = GovDateField(name="date the EHCP was issued", label="Date the Education, Health and Care Plan was issued (optional)",
                                  required=False)
    ehcp_review_due = GovDateField(name="EHCP annual review date", label="EHCP annual review due (optional)", required=False)
    layout = (Field.text("school"), Field("event_date"), Field("pep_date"), Field("pep_review_due"), Field.radios("sen_status"),
              Field("ehcp_issued_on"), Field("ehcp_review_due"))

    def clean_event_date(self):
        return _not_future(self.cleaned_data["event_date"], "date of what this records")

    def clean_pep_date(self):
        return _not_future(self.cleaned_data["pep_date"], "date of the Personal Education Plan")

    def clean_ehcp_issued_on(self):
        return _not_future(self.cleaned_data["ehcp_issued_on"], "date the EHCP was issued")

    def clean(self):
        cleaned = super().clean()
        has_plan_dates = cleaned.get("ehcp_issued_on") or cleaned.get("ehcp_review_due")
        if has_plan_dates and cleaned.get("sen_status") not in (None, EducationRecord.SenStatus.EHCP):
            self.add_error("sen_status", "EHCP dates are given: select that the child has an Education, Health and Care Plan")
        return cleaned


class HealthForm(_SectionForm):
    kind = forms.ChoiceField(label="What is it?", choices=HealthRecord.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select what health information this is"})
    carried_out_on = GovDateField(name="date", label="Date of the plan, assessment or check")
    carried_out_by = forms.CharField(label="By whom", max_length=200,
                                     help_text="Name and role, for example the looked-after children's nurse",
                                     error_messages={"required": "Enter who carried it out"})
    next_due = GovDateField(name="next due date", label="Next due (optional)", required=False)
    layout = (Field.radios("kind"), Field("carried_out_on"), Field.text("carried_out_by"), Field("next_due"))

    def clean_carried_out_on(self):
        return _not_future(self.cleaned_data["carried_out_on"], "date")


SECTION_FORMS = {
    "court_order": (CourtOrderForm, "Record an order made about the child", "Record the order"),
    "court_report": (CourtReportForm, "Record a report to court", "Record the report"),
    "education": (EducationForm, "Record education details", "Record education details"),
    "health": (HealthForm, "Record health information", "Record health information"),
}

"""Documents on a child's record (§1, §5.1, §5.4) and the parts of the basic record that point at them.

Imported by records.models so that Django sees these models as part of the records app.

A document's file lives under PRIVATE_MEDIA_ROOT/documents, outside the web root, under a random
name (never the name the user gave it); it reaches people only through the permission-checked
download view (records/document_views.py). Documents are never deleted: one uploaded in error is
withdrawn with a reason. One in the 'Restricted from user' section (§7) points at its Restriction.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical
from casework.recording.models import RecordedItem


class Document(RecordedItem):
    # §4, §9, §10: uploaded more than two working days after the document's date -> "Late entry".
    EVENT_DATE_FIELD = "document_date"
    RECORDED_AT_FIELD = "uploaded_at"

    class Category(models.TextChoices):
        ORDER = "order", "Order made about the child"
        COURT_REPORT = "court_report", "Report to court"
        SPECIALIST_ASSESSMENT = "specialist_assessment", "Specialist assessment for court"
        GUARDIAN_REPORT = "guardian_report", "Children's Guardian's report"
        PEP = "pep", "Personal Education Plan (PEP)"
        EHCP = "ehcp", "Education, Health and Care Plan (EHCP)"
        HEALTH_PLAN = "health_plan", "Health Plan"
        HEALTH_ASSESSMENT = "health_assessment", "Health assessment of a looked-after child"
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"
        AUDIO = "audio", "Audio recording"
        VIDEO = "video", "Video recording"
        PHOTO = "photo", "Photograph"
        OTHER = "other", "Other"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    document_date = models.DateField(help_text="The date of the document itself")
    category = models.CharField(max_length=30, choices=Category.choices)
    description = models.CharField(max_length=500, blank=True)
    # The file: a random name under PRIVATE_MEDIA_ROOT/documents; what the user called it, for the download.
    stored_name = models.CharField(max_length=64, unique=True, editable=False)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120, help_text="Found from the file's content, not the browser's word")
    size_bytes = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # §5.4: material that belongs to the child (photographs, certificates), to be returned to them.
    belongs_to_child = models.BooleanField(default=False)
    returned_on = models.DateField(null=True, blank=True)
    returned_to = models.CharField(max_length=200, blank=True)
    return_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Never deleted: withdrawn (e.g. uploaded in error), with the reason.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)
    # §7: in the child's 'Restricted from user' section while the restriction is active.
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    history = Historical()

    class Meta:
        indexes = [models.Index(fields=["child", "-document_date", "-id"], name="document_child_idx")]
        constraints = [
            models.CheckConstraint(name="document_return_only_if_belongs_to_child",
                                   condition=Q(returned_on__isnull=True) | Q(belongs_to_child=True)),
            models.CheckConstraint(name="document_withdrawal_has_reason",
                                   condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason="")),
        ]

    def __str__(self):
        return f"Document {self.pk}"  # the title may be restricted (§7): never in admin lists or logs

    @property
    def is_restricted(self) -> bool:
        return self.restriction_id is not None and self.restriction.lifted_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def awaiting_return(self) -> bool:
        return self.belongs_to_child and self.returned_on is None and not self.is_withdrawn


class _BasicRecordSection(RecordedItem):
    """What every structured section of the basic record (§5.1) has: the child, who recorded it (name, post
    title, when: §9), a copy, and the Late entry mark by the date of what it records (§4, §10)."""

    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 help_text="The copy on the record, if uploaded")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta(RecordedItem.Meta):
        abstract = True


class CourtOrder(_BasicRecordSection):
    """§5.1: details and copies of any orders made on the child."""

    class OrderType(models.TextChoices):
        EMERGENCY_PROTECTION = "emergency_protection", "Emergency protection order"
        INTERIM_CARE = "interim_care", "Interim care order"
        CARE = "care", "Care order"
        INTERIM_SUPERVISION = "interim_supervision", "Interim supervision order"
        SUPERVISION = "supervision", "Supervision order"
        CHILD_ARRANGEMENTS = "child_arrangements", "Child arrangements order"
        SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order"
        PLACEMENT = "placement", "Placement order"
        ADOPTION = "adoption", "Adoption order"
        SECURE_ACCOMMODATION = "secure_accommodation", "Secure accommodation order"
        OTHER = "other", "Other order"

    EVENT_DATE_FIELD = "made_on"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="court_orders")
    order_type = models.CharField(max_length=30, choices=OrderType.choices)
    court = models.CharField(max_length=200)
    made_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    history = Historical()

    class Meta:
        constraints = [models.CheckConstraint(name="court_order_ends_after_made",
                                              condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("made_on")))]


class CourtReport(_BasicRecordSection):
    """§5.1: reports provided during court proceedings, including specialist assessments and the Children's Guardian's."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority's report (social work evidence)"
        SPECIALIST_ASSESSMENT = "specialist_assessment", "Specialist assessment"
        CHILDRENS_GUARDIAN = "childrens_guardian", "Children's Guardian's report"
        OTHER = "other", "Other report"

    EVENT_DATE_FIELD = "report_date"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="court_reports")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    author = models.CharField(max_length=200)
    court = models.CharField(max_length=200)
    report_date = models.DateField()
    history = Historical()


class EducationRecord(_BasicRecordSection):
    """§5.1: educational progress, the Personal Education Plan, special educational needs and the EHCP."""

    class SenStatus(models.TextChoices):
        NONE = "none", "No special educational needs"
        SEN_SUPPORT = "sen_support", "SEN support"
        BEING_ASSESSED = "being_assessed", "Being assessed for an EHCP"
        EHCP = "ehcp", "Has an Education, Health and Care Plan"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="education_records")
    # Required on new records (form and service); empty only on those recorded before it was asked.
    event_date = models.DateField("Date of what this records", null=True, blank=True)
    school = models.CharField(max_length=200)
    pep_date = models.DateField(null=True, blank=True, help_text="Date of the latest Personal Education Plan")
    pep_review_due = models.DateField(null=True, blank=True)
    sen_status = models.CharField(max_length=20, choices=SenStatus.choices)
    ehcp_issued_on = models.DateField(null=True, blank=True)
    ehcp_review_due = models.DateField(null=True, blank=True)
    history = Historical()


class HealthRecord(_BasicRecordSection):
    """§5.1: the child's health; for a looked-after child, the Health Plan, health assessments and dental checks
    (Ofsted's Annex A reads the latest assessment and dental check: records.documents.annex_a)."""

    class Kind(models.TextChoices):
        HEALTH_PLAN = "health_plan", "Health Plan"
        INITIAL_ASSESSMENT = "initial_assessment", "Initial health assessment (looked-after child)"
        REVIEW_ASSESSMENT = "review_assessment", "Review health assessment (looked-after child)"
        DENTAL_CHECK = "dental_check", "Dental check (looked-after child)"
        OTHER = "other", "Other health information"

    EVENT_DATE_FIELD = "carried_out_on"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="health_records")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    carried_out_on = models.DateField()
    carried_out_by = models.CharField(max_length=200, help_text="Name and role, e.g. the looked-after children's nurse")
    next_due = models.DateField(null=True, blank=True)
    history = Historical()

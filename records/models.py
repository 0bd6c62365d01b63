"""What is written about children, and the approved designs of the forms it is written on (§2).

The fields the system's rules depend on (dates, who was seen, authorship, sign-off, restriction,
links to the plan) are model columns. A `FormDesign` governs everything else: the narrative
questions, their wording, order, help text and which are required.

The rules of §2 are absolute, so they are enforced here in save()/delete() and again by database
triggers (migration 0003) for the routes that bypass save(): QuerySet.update(), bulk writes, raw SQL.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from access import roles
from access.history import Historical, history_user


class RecordKind(models.TextChoices):
    VISIT = "visit", "Visit"
    CONTACT_PHONE = "contact_phone", "Phone call"
    CONTACT_LETTER = "contact_letter", "Letter"
    CONTACT_EMAIL = "contact_email", "Email"
    CONTACT_MEETING = "contact_meeting", "Meeting"
    CONTACT_OFFICE_VISIT = "contact_office_visit", "Office visit"
    CONTACT_PROFESSIONAL = "contact_professional", "Contact with another professional"
    CONTACT_OTHER = "contact_other", "Other contact"
    DECISION = "decision", "Decision"
    SINGLE_ASSESSMENT = "single_assessment", "Single assessment"
    CASE_SUMMARY = "case_summary", "Case summary"
    TRANSFER_SUMMARY = "transfer_summary", "Transfer summary"
    CLOSING_SUMMARY = "closing_summary", "Closing summary"
    REVIEW = "review", "Review"


def is_senior_leader(user_or_id) -> bool:
    """An active member of Senior leadership, read fresh from the database (never from a cache)."""
    user_id = getattr(user_or_id, "pk", user_or_id)
    if user_id is None:
        return False
    return (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True, groups__name=roles.SENIOR_LEADERSHIP)
        .exists()
    )


def _acting_user():
    """Who is making this change: `acting_as`, else the signed-in user of the request, else the system user."""
    return history_user(request=getattr(HistoricalRecords.context, "request", None))


class FormDesign(models.Model):
    """One version of the design of a kind of record. Only senior leadership approves one (§2).

    draft -> submitted -> approved (in use) -> retired, or submitted -> rejected -> submitted again.
    Approved and retired versions never change: a change is a new draft version.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved (in use)"
        RETIRED = "retired", "Retired"
        REJECTED = "rejected", "Rejected"

    # old status -> statuses it may move to (the same transitions are enforced by the trigger).
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.REJECTED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: {Status.RETIRED},
        Status.RETIRED: set(),
    }
    EDITABLE = (Status.DRAFT, Status.REJECTED)
    # What makes up the design itself; it can change only while the design is a draft or rejected.
    CONTENT_FIELDS = ("kind", "version", "title", "purpose", "created_by_id", "created_at")

    kind = models.CharField(max_length=30, choices=RecordKind.choices)
    version = models.PositiveIntegerField(editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    title = models.CharField(max_length=200, help_text="The heading practitioners see, for example Visit record")
    purpose = models.TextField(blank=True, help_text="What the record is for and when it is used")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_comment = models.TextField(blank=True, editable=False)
    history = Historical()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="formdesign_unique_kind_version"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(status="approved"), name="formdesign_one_approved_per_kind"
            ),
            models.CheckConstraint(name="formdesign_version_positive", condition=Q(version__gte=1)),
            models.CheckConstraint(
                name="formdesign_submitted_has_submitter",
                condition=Q(status="draft") | Q(submitted_by__isnull=False, submitted_at__isnull=False),
            ),
            models.CheckConstraint(
                name="formdesign_decided_has_decider",
                condition=Q(status__in=["draft", "submitted"]) | Q(decided_by__isnull=False, decided_at__isnull=False),
            ),
            models.CheckConstraint(
                name="formdesign_rejection_has_comment", condition=~Q(status="rejected") | ~Q(decision_comment="")
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, version {self.version}: {self.get_status_display().lower()}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def save(self, *args, **kwargs):
        previous = None if self._state.adding else type(self)._base_manager.filter(pk=self.pk).first()
        self._check_change(previous)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Form designs are never deleted. Leave a draft unsubmitted, or reject it.")

    def _check_change(self, previous):
        Status = self.Status
        if previous is None:
            if self.status != Status.DRAFT:
                raise PermissionDenied("A new form design starts as a draft. Only senior leadership approves one, after it is submitted.")
            return
        if previous.status in (Status.APPROVED, Status.RETIRED):
            changed = [f.attname for f in self._meta.concrete_fields if f.attname != "status"
                       and getattr(self, f.attname) != getattr(previous, f.attname)]
            if not (previous.status == Status.APPROVED and self.status == Status.RETIRED and not changed):
                raise ValidationError(
                    f"Version {previous.version} of the {previous.get_kind_display().lower()} design has been "
                    f"{previous.get_status_display().lower()} and can never change. Make a new draft version instead."
                )
            return
        if previous.status not in self.EDITABLE:
            changed = [name for name in self.CONTENT_FIELDS if getattr(self, name) != getattr(previous, name)]
            if changed:
                raise ValidationError("A design submitted for approval cannot be edited. Ask senior leadership to reject it first.")
        elif self.kind != previous.kind or self.version != previous.version:
            raise ValidationError("The kind and version number of a design never change.")
        if self.status != previous.status and self.status not in self.TRANSITIONS[previous.status]:
            raise ValidationError(
                f"A form design cannot go from {previous.get_status_display().lower()} to {self.get_status_display().lower()}."
            )
        deciding = self.status in (Status.APPROVED, Status.REJECTED) and (
            self.status != previous.status or self.decided_by_id != previous.decided_by_id
        )
        if deciding:
            # §2: only senior leadership approves, and only for themselves: the person named as deciding
            # must be the one acting (the signed-in user, or `acting_as` in a service), so that
            # nobody can write a senior leader's name into decided_by on their behalf.
            if not is_senior_leader(self.decided_by_id) or getattr(_acting_user(), "pk", None) != self.decided_by_id:
                raise PermissionDenied("Only members of Senior leadership can approve or reject a form design.")


class FormQuestion(models.Model):
    """One section or question of a design. Editable only while its design is a draft or rejected."""

    class AnswerType(models.TextChoices):
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        DATE = "date", "Date"
        YES_NO = "yes_no", "Yes or no"
        CHOICE = "choice", "Choice from a list"

    design = models.ForeignKey(FormDesign, on_delete=models.PROTECT, related_name="questions")
    key = models.CharField(
        max_length=60, validators=[validate_slug],
        help_text="A short name for the answer that stays the same across versions, for example child_views",
    )
    position = models.PositiveIntegerField(help_text="Questions are shown in this order, lowest first")
    label = models.CharField(max_length=300)
    help_text = models.TextField(blank=True, help_text="Guidance shown under the label")
    required = models.BooleanField(default=True)
    answer_type = models.CharField(max_length=20, choices=AnswerType.choices, default=AnswerType.LONG_TEXT)
    options = models.JSONField(default=list, blank=True, help_text="The options of a choice question")
    is_analysis = models.BooleanField(
        "Analysis or opinion", default=False,
        help_text="The answer is analysis or professional opinion rather than fact (§12)",
    )
    history = Historical()

    class Meta:
        ordering = ["design", "position"]
        constraints = [
            models.UniqueConstraint(fields=["design", "key"], name="formquestion_unique_key"),
            models.UniqueConstraint(fields=["design", "position"], name="formquestion_unique_position"),
            models.CheckConstraint(name="formquestion_position_positive", condition=Q(position__gte=1)),
            models.CheckConstraint(
                name="formquestion_options_only_for_choice",
                condition=(Q(answer_type="choice") & ~Q(options=[])) | (~Q(answer_type="choice") & Q(options=[])),
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        options = self.options
        if not isinstance(options, list) or not all(isinstance(o, str) and o.strip() for o in options):
            raise ValidationError({"options": "Options must be a list of words or phrases"})
        if self.answer_type == self.AnswerType.CHOICE and not options:
            raise ValidationError({"options": "Enter the options for a choice question, one per line"})
        if self.answer_type != self.AnswerType.CHOICE and options:
            raise ValidationError({"options": "Only a choice question has options: remove them or change the type"})
        if len(set(options)) != len(options):
            raise ValidationError({"options": "Each option must be different"})

    def _check_design_editable(self):
        design_ids = {self.design_id}
        if not self._state.adding:
            design_ids |= set(type(self)._base_manager.filter(pk=self.pk).values_list("design_id", flat=True))
        statuses = FormDesign._base_manager.filter(pk__in=design_ids).values_list("status", flat=True)
        if any(status not in FormDesign.EDITABLE for status in statuses):
            raise ValidationError(
                "The questions of a design can only change while it is a draft or rejected. Make a new draft version instead."
            )

    def save(self, *args, **kwargs):
        self._check_design_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_design_editable()
        return super().delete(*args, **kwargs)


class Entry(models.Model):
    """Something written on a child's record, on the approved design of its kind, which it keeps for ever.

    The fixed columns are what the rules depend on: when, who was seen and whether the child was
    seen alone (§5.2), who decided (§4), where the information came from (§12), who signed and when
    (§9) and whether it was late (§10). The narrative answers follow the entry's own form design.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        BASIC = "basic", "Basic details recorded"
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    class VisitOutcome(models.TextChoices):
        TOOK_PLACE = "took_place", "Visit took place"
        FAILED_APPOINTMENT = "failed_appointment", "Failed appointment"
        NO_RESPONSE = "no_response", "No response at the door"

    class InformationSource(models.TextChoices):
        FIRST_HAND = "first_hand", "First-hand: I saw or heard it myself"
        THIRD_PARTY = "third_party", "From someone else (a third party)"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="entries")
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=30, choices=RecordKind.choices)
    form_design = models.ForeignKey(FormDesign, on_delete=models.PROTECT, related_name="entries")
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    event_at = models.DateTimeField(help_text="When the visit, contact or event happened")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A planned visit (§5.2)
    planned_purpose = models.TextField(blank=True)
    # Basic details of a visit (§5.2), due within two working days
    visit_outcome = models.CharField(max_length=30, choices=VisitOutcome.choices, blank=True)
    who_was_seen = models.TextField(blank=True)
    child_seen = models.BooleanField(null=True)
    reason_child_not_seen = models.TextField(blank=True)
    child_seen_alone = models.BooleanField(null=True)
    venue = models.CharField(max_length=300, blank=True)
    others_present = models.TextField(blank=True, help_text="Anyone else present, or who was spoken to")
    interpreter_used = models.BooleanField(null=True)
    # §5.2: "has anyone joined or left the household?" on a visit (null for other entries); yes prompts
    # the practitioner to update the household on the basic record.
    household_changed = models.BooleanField(null=True)
    basic_details_recorded_at = models.DateTimeField(null=True, blank=True)
    failed_visit_actions = models.TextField(blank=True)
    # Decisions (§4): who made it and their role
    decision_maker_name = models.CharField(max_length=200, blank=True)
    decision_maker_role = models.CharField(max_length=200, blank=True)
    # Authorship (§4, §12)
    information_source = models.CharField(
        max_length=20, choices=InformationSource.choices, default=InformationSource.FIRST_HAND
    )
    third_party_source = models.CharField(max_length=300, blank=True)
    originator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Who supplied the information, when it was not the person recording",
    )
    endorsement_requested_at = models.DateTimeField(null=True, blank=True)
    endorsed_at = models.DateTimeField(null=True, blank=True)
    # Signature (§9): name and post title as they were when signed
    signed_name = models.CharField(max_length=300, blank=True)
    signed_post_title = models.CharField(max_length=200, blank=True)
    # Timeliness (§4, §10). The Late entry mark, once made, is never removed.
    due_at = models.DateTimeField(null=True, blank=True)
    is_late_entry = models.BooleanField(default=False)
    late_entry_recorded_at = models.DateTimeField(null=True, blank=True)
    significant = models.BooleanField(default=False, help_text="A significant event for the chronology")
    # §7: in the child's 'Restricted from user' section while the restriction is active.
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    history = Historical()

    # Columns an amendment or an endorsement may change on a completed entry.
    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-event_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="entry_completed_has_who_and_when",
                condition=~Q(status="completed") | Q(completed_at__isnull=False, completed_by__isnull=False),
            ),
            models.CheckConstraint(
                name="entry_late_mark_has_time", condition=Q(is_late_entry=False) | Q(late_entry_recorded_at__isnull=False)
            ),
            models.CheckConstraint(
                name="entry_child_not_seen_has_reason",
                condition=~Q(child_seen=False) | ~Q(reason_child_not_seen=""),
            ),
        ]
        indexes = [
            models.Index(fields=["child", "-event_at", "-id"], name="entry_child_timeline_idx"),
            # The team dashboard (§13): each author's completed entries by time, read from the index alone.
            models.Index(fields=["recorded_by", "completed_at"], include=["event_at", "is_late_entry"],
                         condition=Q(status="completed"), name="entry_author_completed_idx"),
            models.Index(fields=["originator"], condition=Q(endorsement_requested_at__isnull=False,
                                                            endorsed_at__isnull=True), name="entry_awaiting_endorse_idx"),
            models.Index(fields=["case", "-event_at"], condition=Q(kind="case_summary", status="completed"),
                         name="entry_case_summary_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.event_at:%d %B %Y}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            on_approved_design = FormDesign._base_manager.filter(
                pk=self.form_design_id, kind=self.kind, status=FormDesign.Status.APPROVED
            ).exists()
            if not on_approved_design:
                raise ValidationError(
                    f"A {self.get_kind_display().lower()} can only be recorded on the approved design of its kind."
                )
            if self.case.child_id != self.child_id:
                raise ValidationError("The entry's case belongs to another child.")
        else:
            previous = type(self)._base_manager.filter(pk=self.pk).first()
            if previous and (previous.form_design_id != self.form_design_id or previous.kind != self.kind):
                raise ValidationError("An entry keeps the form design it was written on.")
            if previous and previous.is_late_entry and not (
                self.is_late_entry and self.late_entry_recorded_at == previous.late_entry_recorded_at
            ):
                raise ValidationError("The Late entry mark can never be removed or changed.")
            if previous and previous.status == self.Status.COMPLETED:
                changed = {
                    f.attname for f in self._meta.concrete_fields if getattr(self, f.attname) != getattr(previous, f.attname)
                }
                allowed = {"answers", "endorsed_at"} if getattr(self, "_amending", False) else set()
                if getattr(self, "_restricting", False):
                    allowed = {"restriction_id"}
                if changed - allowed:
                    raise ValidationError("A completed entry cannot be edited. Amend it, giving a reason.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Entries are never deleted.")

    @property
    def due_date(self):
        """The last day on which the entry is on time (the day before `due_at`, London time)."""
        if self.due_at is None:
            return None
        return (timezone.localtime(self.due_at) - timedelta(days=1)).date()


class EntryAmendment(models.Model):
    """An amendment to a completed entry: who, when, why, and the answers as they were before (§12)."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="amendments")
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amended_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    previous_answers = models.JSONField()
    history = Historical()

    class Meta:
        ordering = ["amended_at", "id"]
        constraints = [models.CheckConstraint(name="amendment_has_reason", condition=~Q(reason=""))]


class DraftAutosave(models.Model):
    """What is being typed into an entry, saved every 30 seconds so that nothing typed is lost.

    A scratch copy, replaced every half minute and emptied when the draft is saved, so it has no
    history table (the entry's own history holds every saved version). `version` lets two tabs
    editing the same draft find out about each other instead of overwriting silently.
    """

    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="autosave")
    data = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(null=True, blank=True)


class ClosureDay(models.Model):
    """A day the council is closed (beyond weekends and bank holidays): not a working day (§4, §10)."""

    day = models.DateField(unique=True)
    description = models.CharField(max_length=200)
    history = Historical()

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d %B %Y}: {self.description}"


class GlossaryTerm(models.Model):
    """An acronym and its meaning, for the plain English guidance (§11)."""

    acronym = models.CharField(max_length=12, unique=True)
    meaning = models.CharField(max_length=200)
    history = Historical()

    class Meta:
        ordering = ["acronym"]

    def __str__(self):
        return f"{self.acronym}: {self.meaning}"


class PhraseToAvoid(models.Model):
    """A word or phrase to avoid in records, and what to write instead (§11)."""

    phrase = models.CharField(max_length=100, unique=True)
    suggestion = models.CharField(max_length=300)
    history = Historical()

    class Meta:
        ordering = ["phrase"]
        verbose_name_plural = "phrases to avoid"

    def __str__(self):
        return self.phrase


class ClosedCaseRecordingPermission(models.Model):
    """A team manager's permission to keep writing on a closed case, until a date."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="recording_permissions")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    until = models.DateField()
    history = Historical()


# The columns a flag can point at; each flag points at exactly one of them.
FLAG_SUBJECTS = ["entry", "case", "subject_access_request", "restriction", "audit_deficiency", "paper_file_removal"]


def _exactly_one_of(columns) -> Q:
    condition = Q()
    for chosen in columns:
        condition |= Q(**{f"{column}__isnull": column != chosen for column in columns})
    return condition


class Flag(models.Model):
    """Work not done in time (§4, §5.2, §5.5, §10), opened and closed by the hourly timeliness pass.

    The row is its own history: opened_at, and once closed, closed_at and what closed it. Rows are
    written in sets by SQL (never one by one), so there is no simple-history table; a database
    trigger allows only the one change from open to closed, and no deletion.
    """

    kind = models.CharField(max_length=40)
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="flags")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="flags")
    case = models.ForeignKey("casework.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="flags")
    subject_access_request = models.ForeignKey(
        "access.SubjectAccessRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    audit_deficiency = models.ForeignKey(
        "records.AuditDeficiency", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    paper_file_removal = models.ForeignKey(
        "records.PaperFileRemoval", null=True, blank=True, on_delete=models.PROTECT, related_name="flags"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="flags",
        help_text="Who should do the work: the author of the entry, the allocated worker, or who took the request",
    )
    due_at = models.DateTimeField()
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            # Idempotence: at most one open flag of a kind for the same subject, whoever runs the pass.
            *[
                models.UniqueConstraint(
                    fields=["kind", subject], condition=Q(closed_at__isnull=True, **{f"{subject}__isnull": False}),
                    name=f"flag_one_open_per_{subject}",
                )
                for subject in FLAG_SUBJECTS
            ],
            models.CheckConstraint(name="flag_has_one_subject", condition=_exactly_one_of(FLAG_SUBJECTS)),
        ]
        indexes = [
            models.Index(fields=["owner"], condition=Q(closed_at__isnull=True), name="flag_open_owner_idx"),
            models.Index(fields=["child"], condition=Q(closed_at__isnull=True), name="flag_open_child_idx"),
        ]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class DigestSent(models.Model):
    """One row per person and day, so that a digest task run twice sends one e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    flag_count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]


class PdfJob(models.Model):
    """A PDF built by a Celery worker (big records are too large for a web request), with its progress."""

    class Kind(models.TextChoices):
        RECORD = "record", "The full record"
        CHRONOLOGY = "chronology", "The chronology"
        SUBJECT_ACCESS = "subject_access", "Subject access bundle"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="pdf_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject_access_request = models.ForeignKey(
        "access.SubjectAccessRequest", null=True, blank=True, on_delete=models.PROTECT, related_name="pdf_jobs"
    )
    include_restricted = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    history = Historical()


class ChronologyEvent(models.Model):
    """A significant event added to the chronology by hand (§5.3); significant entries join it by themselves."""

    class Category(models.TextChoices):
        FAMILY = "family", "Family and household"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        PLACEMENT = "placement", "Placement and living arrangements"
        LEGAL = "legal", "Legal and court"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        OTHER = "other", "Other"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="chronology_events")
    happened_on = models.DateField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    source = models.CharField(max_length=300, blank=True, help_text="Where the information came from")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="chronology_events"
    )
    history = Historical()

    class Meta:
        indexes = [models.Index(fields=["child", "-happened_on"], name="chronology_child_idx")]

    def delete(self, *args, **kwargs):
        raise ValidationError("Chronology events are never deleted.")


# Models kept in their own modules, one per area of the app (imported here so Django finds them).
from records.oversight_models import AuditDeficiency, AuditSample, RecordAudit  # noqa: E402,F401
from records.paper_models import PaperFileMove, PaperFileRemoval, PaperFileVolume  # noqa: E402,F401
from records.document_models import CourtOrder, CourtReport, Document, EducationRecord, HealthRecord  # noqa: E402,F401

"""What is written about children, and the approved designs of the forms it is written on (§2).

The fields the system's rules depend on (dates, who was seen, authorship, sign-off, restriction,
links to the plan) are model columns. A `FormDesign` governs everything else: the narrative
questions, their wording, order, help text and which are required.

The rules of §2 are absolute, so they are enforced here in save() and again by database triggers
(migration 0003) for the routes that bypass save(): QuerySet.update(), bulk writes, raw SQL. That a
design is never deleted is the database's alone (access.audit.protected lists it).
"""


from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from access.staff import roles
from access.audit.history import Historical, history_user


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


CONTACT_KINDS = [kind.value for kind in RecordKind if kind.value.startswith("contact_")]
VISIT_AND_CONTACT_KINDS = [RecordKind.VISIT.value, *CONTACT_KINDS]  # written up within 2 working days (§4)


def _acting_user():
    """Who is making this change: `acting_as`, else the signed-in user of the request, else the system user."""
    # The request is simple-history's own thread-local (set by its HistoryRequestMiddleware), not ours.
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

    @property
    def approved_at_install(self) -> bool:
        """In use on the system user's approval, given by the first version of records 0002 on databases
        installed before §2 applied to it; a copy awaits a senior leader's approval (records 0025)."""
        return (self.status == self.Status.APPROVED and self.decided_by_id is not None
                and self.decided_by.username == settings.SYSTEM_USERNAME)

    @property
    def approval_in_words(self) -> str:
        if self.approved_at_install:
            return "Approved by the system at install, awaiting a senior leader's approval"
        return self.get_status_display()

    def save(self, *args, **kwargs):
        previous = None if self._state.adding else type(self)._base_manager.filter(pk=self.pk).first()
        self._check_change(previous)
        super().save(*args, **kwargs)

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
            if not roles.is_senior_leader(self.decided_by_id) or getattr(_acting_user(), "pk", None) != self.decided_by_id:
                raise PermissionDenied("Only members of Senior leadership can approve or reject a form design.")


class AnswerKind(models.TextChoices):
    """§12: what kind of information a question's answer is. Records keep the five apart."""

    FACT = "fact", "Fact"
    OPINION = "opinion", "Opinion"
    ASSESSMENT = "assessment", "Assessment"
    JUDGEMENT = "judgement", "Judgement"
    DECISION = "decision", "Decision"


# The heading each kind of answer is shown under, in the order they are shown (the policy's order).
ANSWER_KIND_HEADINGS = {
    AnswerKind.FACT: "Facts",
    AnswerKind.OPINION: "Opinions",
    AnswerKind.ASSESSMENT: "Assessment",
    AnswerKind.JUDGEMENT: "Judgements",
    AnswerKind.DECISION: "Decisions",
}


class FormQuestion(models.Model):
    """One section or question of a design. Editable only while its design is a draft or rejected."""

    AnswerKind = AnswerKind

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
    answer_kind = models.CharField(
        "Kind of answer", max_length=20, choices=AnswerKind.choices, default=AnswerKind.FACT,
        help_text="Whether the answer is a fact, or an opinion, assessment, judgement or decision. "
                  "Answers are shown under these headings, kept apart.",
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

    @property
    def is_analysis(self) -> bool:
        """Anything but a fact: opinion, assessment, judgement or decision."""
        return self.answer_kind != AnswerKind.FACT

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

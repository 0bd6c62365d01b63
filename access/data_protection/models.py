from django.conf import settings
from django.db import models
from django.utils import timezone

from access.audit.history import Historical


class Restriction(models.Model):
    """§7, §8: information placed in the child's 'Restricted from user' section, and why.

    Whatever is restricted (an entry, a document, a part of the record) points at its Restriction.
    Only users with `view_restricted` on the child see it; others see that restricted information
    exists and whom to ask. Managers review each restriction by its review date: keep it (with the
    reason) or lift it, and lifting names the originator who was consulted and what they said.
    """

    class Reason(models.TextChoices):
        SERIOUS_HARM = "serious_harm", "Sharing would be likely to cause serious harm to the child or another person"
        IN_CONFIDENCE = "in_confidence", "Given in the expectation that it would not be disclosed"
        THIRD_PARTY = "third_party", "Third-party information whose source asked for it not to be disclosed"
        OTHER = "other", "Another reason (written out)"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="restrictions")
    reason = models.CharField(max_length=30, choices=Reason.choices)
    reason_detail = models.TextField(help_text="Why, in a sentence or two")
    advised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        help_text="The manager whose advice was taken (§7)",
    )
    restricted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    restricted_at = models.DateTimeField(default=timezone.now)
    review_date = models.DateField()
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # §8: the member of staff who originated the information, consulted before it was lifted.
    originator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The originator consulted before the restriction was lifted",
    )
    originator_views = models.TextField(blank=True)
    history = Historical()

    class Meta:
        indexes = [models.Index(fields=["review_date"], condition=models.Q(lifted_at__isnull=True),
                                name="restriction_review_idx")]
        constraints = [
            models.CheckConstraint(
                name="restriction_lifted_after_consulting_originator",
                condition=models.Q(lifted_at__isnull=True)
                | models.Q(originator__isnull=False, lifted_by__isnull=False) & ~models.Q(originator_views=""),
            ),
            models.CheckConstraint(
                name="restriction_other_reason_written", condition=~models.Q(reason="other") | ~models.Q(reason_detail="")
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class Consent(models.Model):
    """§6: agreement, or refusal, to share information about the child with others; and its withdrawal."""

    class Decision(models.TextChoices):
        GIVEN = "given", "Consent given"
        REFUSED = "refused", "Consent refused"

    class Relationship(models.TextChoices):
        CHILD = "child", "The child"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer or guardian"
        OTHER = "other", "Someone else with parental responsibility"

    class How(models.TextChoices):
        IN_WRITING = "in_writing", "In writing"
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "By phone"
        OTHER = "other", "Another way"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="consents")
    person_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    agencies = models.TextField(help_text="Which agencies the consent covers")
    purpose = models.TextField(help_text="For what purpose information may be shared")
    obtained_on = models.DateField()
    obtained_how = models.CharField(max_length=20, choices=How.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_notes = models.TextField(blank=True)
    history = Historical()

    @property
    def is_current(self) -> bool:
        return self.decision == self.Decision.GIVEN and self.withdrawn_on is None


class RecordsInformation(models.Model):
    """§3: when the child and family were told about their records and their rights, and how."""

    class ToldWhom(models.TextChoices):
        CHILD_AND_FAMILY = "child_and_family", "The child and their family"
        FAMILY_CHILD_TOO_YOUNG = "family_child_too_young", "The family: the child is not yet old enough to understand"
        FAMILY_ONLY = "family_only", "The family: the child still needs to be told"
        CHILD_ONLY = "child_only", "The child: the family still needs to be told"

    # Who is now told, with these: the family, and the child once old enough to understand (§3).
    FAMILY_TOLD = (ToldWhom.CHILD_AND_FAMILY, ToldWhom.FAMILY_CHILD_TOO_YOUNG, ToldWhom.FAMILY_ONLY)
    CHILD_TOLD_OR_TOO_YOUNG = (ToldWhom.CHILD_AND_FAMILY, ToldWhom.FAMILY_CHILD_TOO_YOUNG, ToldWhom.CHILD_ONLY)

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="records_information")
    told_on = models.DateField()
    told_whom = models.CharField(max_length=30, choices=ToldWhom.choices, default=ToldWhom.CHILD_AND_FAMILY)
    who_was_told = models.CharField(max_length=300)
    language = models.CharField(max_length=100)
    format = models.CharField(max_length=200, help_text="For example a leaflet, spoken with an interpreter, easy read")
    told_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = Historical()


class SubjectAccessRequest(models.Model):
    """A request for a copy of the child's record (§3; the access-to-records rights)."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        IDENTITY_CHECKED = "identity_checked", "Identity checked"
        BUNDLE_READY = "bundle_ready", "Bundle ready"
        RELEASED = "released", "Released"
        CLOSED = "closed", "Closed without release"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="subject_access_requests")
    requester_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, help_text="The requester's relationship to the child")
    received_on = models.DateField()
    due_on = models.DateField(help_text="One calendar month after it was received, unless extended")
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    identity_checked_on = models.DateField(null=True, blank=True)
    identity_evidence = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = Historical()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="sar_extension_has_reason", condition=models.Q(extended_to__isnull=True) | ~models.Q(extension_reason="")
            ),
        ]

    @property
    def deadline(self):
        return self.extended_to or self.due_on


class Disclosure(models.Model):
    """The disclosure log (§7): every time information is shared, with whom, what, by whom, why, and
    the consent or public-interest justification it relied on. Append-only in the database."""

    class Basis(models.TextChoices):
        CONSENT = "consent", "With consent"
        PUBLIC_INTEREST = "public_interest", "Without consent, in the public interest"
        SUBJECT_ACCESS = "subject_access", "A subject access request"
        # §7: information about the child and family is normally shared with them.
        ROUTINE = "routine", "Routine sharing with the child or their family"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="disclosures")
    shared_at = models.DateTimeField(default=timezone.now)
    shared_with_person = models.CharField(max_length=200)
    shared_with_agency = models.CharField(max_length=200, blank=True)
    what = models.TextField()
    why = models.TextField()
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures")
    public_interest_justification = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Who decided to share without consent",
    )
    subject_access_request = models.ForeignKey(
        SubjectAccessRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )

    class Meta:
        indexes = [models.Index(fields=["child", "shared_at"], name="disclosure_child_idx")]
        constraints = [
            models.CheckConstraint(name="disclosure_consent_basis_names_consent",
                                   condition=~models.Q(basis="consent") | models.Q(consent__isnull=False)),
            models.CheckConstraint(
                name="disclosure_public_interest_is_justified",
                condition=~models.Q(basis="public_interest")
                | (~models.Q(public_interest_justification="") & models.Q(decided_by__isnull=False)),
            ),
            models.CheckConstraint(name="disclosure_sar_names_request",
                                   condition=~models.Q(basis="subject_access") | models.Q(subject_access_request__isnull=False)),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The disclosure log is append-only.")
        super().save(*args, **kwargs)

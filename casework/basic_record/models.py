"""The rest of the basic record (§5.1): people close to the child, contact arrangements, placements,
legal status, private providers, and links between brothers and sisters (§5.3).

Each item is added, corrected (simple-history keeps every earlier version, with the reason) and
ended; none is ever deleted. Items may be placed in the 'Restricted from user' section (§7).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from access.audit.history import Historical
from casework.recording.models import RecordedItem


class BasicRecordItem(RecordedItem):
    """What every dated item of the basic record has: its child, its dates, who recorded it (name, post title,
    when, §9), a restriction, and whether it was recorded or updated late (§4, §10: by its start date)."""

    EVENT_DATE_FIELD = "start_date"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    # §7: in the child's 'Restricted from user' section while the restriction is active.
    restriction = models.ForeignKey(
        "access.Restriction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(RecordedItem.Meta):
        abstract = True
        ordering = ["end_date", "-start_date", "-id"]

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def is_restricted(self) -> bool:
        return self.restriction_id is not None and self.restriction.lifted_at is None


def _dates_in_order(name: str):
    return models.CheckConstraint(
        name=name,
        condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
    )


class ClosePerson(BasicRecordItem):
    """Someone particularly close to the child, with whom they have a lot of contact (§5.1)."""

    EVENT_DATE_FIELD = "event_date"  # "known since" may be years before: the date of what is recorded

    full_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100)
    contact_frequency = models.CharField("How often they see the child", max_length=200)
    how_to_reach = models.TextField("How to reach them", blank=True)
    # Required on new items (the form and the service); empty only on items recorded before it was asked.
    event_date = models.DateField("Date of what this records", null=True, blank=True)
    history = Historical()

    class Meta(BasicRecordItem.Meta):
        verbose_name = "person close to the child"
        verbose_name_plural = "people close to the child"
        constraints = [_dates_in_order("close_person_end_after_start")]

    def __str__(self):
        return f"{self.full_name} ({self.relationship})"


class ContactArrangement(BasicRecordItem):
    """Arrangements for the child's contact with family and others (§5.1)."""

    class Basis(models.TextChoices):
        FAMILY_AGREEMENT = "family_agreement", "Agreed with the family"
        CARE_PLAN = "care_plan", "Agreed in the care plan or at a review"
        COURT_ORDER = "court_order", "Ordered by a court"
        OTHER = "other", "Other"

    with_whom = models.CharField(max_length=200)
    frequency = models.CharField("How often", max_length=200)
    supervised = models.BooleanField()
    supervised_by = models.CharField(max_length=200, blank=True)
    venue = models.CharField("Where", max_length=300)
    basis = models.CharField("What agreed or ordered it", max_length=30, choices=Basis.choices)
    basis_detail = models.TextField("Details of the agreement or order", blank=True)
    history = Historical()

    class Meta(BasicRecordItem.Meta):
        constraints = [
            _dates_in_order("contact_arrangement_end_after_start"),
            models.CheckConstraint(name="contact_supervised_says_by_whom",
                                   condition=Q(supervised=False) | ~Q(supervised_by="")),
        ]

    def __str__(self):
        return f"Contact with {self.with_whom}"


class Placement(BasicRecordItem):
    """Where a child who does not live at home is placed, and when (§5.1)."""

    class Type(models.TextChoices):
        FOSTER_LA = "foster_la", "Foster care with the council's own carers"
        FOSTER_IFA = "foster_ifa", "Foster care through an independent fostering agency"
        FAMILY_FRIENDS = "family_friends", "Foster care with family or friends (kinship)"
        CHILDRENS_HOME = "childrens_home", "Children's home"
        SECURE = "secure", "Secure children's home or unit"
        SUPPORTED = "supported", "Supported accommodation"
        PLACED_WITH_PARENTS = "with_parents", "Placed with parents"
        ADOPTION = "adoption", "Placed for adoption"
        RESIDENTIAL_SCHOOL = "residential_school", "Residential school"
        OTHER = "other", "Other"

    placement_type = models.CharField("Type of placement", max_length=30, choices=Type.choices)
    carer_or_provider = models.CharField("Carer or provider", max_length=200)
    address = models.TextField()
    # Regulation 28 of the Care Planning, Placement and Case Review (England) Regulations 2010: after the first
    # year, visits may be three-monthly only where the placement is intended to last until the child is 18.
    long_term = models.BooleanField("Intended to last until the child is 18", default=False)
    # The SSDA903 return's codes (issue 17), from the DfE's lists for the collection year (casework.returns.codes):
    # recorded on the placement itself, never a second copy of it.
    place_code = models.CharField("Placement type (DfE code)", max_length=3, blank=True, default="")
    provider_code = models.CharField("Placement provider (DfE code)", max_length=3, blank=True, default="")
    postcode = models.CharField("Postcode of the placement", max_length=8, blank=True, default="")
    ofsted_urn = models.CharField("Ofsted unique reference number (URN)", max_length=8, blank=True, default="",
                                  help_text="For a children's home or other placement Ofsted registers")
    # The local authority whose area the placement is in (the DfE's number, or WAL, SCO, NIR outside England): Annex A's
    # "LA of Placement", and "Placement Location" (in or out of the council's own area, settings.DFE_LA_NUMBER).
    la_code = models.CharField("Local authority the placement is in (DfE number)", max_length=3, blank=True,
                               default="")
    # Given when the placement ends and the child moves to another (the return's reason for placement change).
    change_reason = models.CharField("Reason for the change of placement (DfE code)", max_length=6, blank=True,
                                     default="")
    history = Historical()

    class Meta(BasicRecordItem.Meta):
        constraints = [
            _dates_in_order("placement_end_after_start"),
            models.CheckConstraint(name="placement_has_start", condition=Q(start_date__isnull=False)),
            models.CheckConstraint(name="placement_ended_with_reason",
                                   condition=Q(end_date__isnull=True) | ~Q(end_reason="")),
        ]

    def __str__(self):
        return f"{self.get_placement_type_display()}: {self.carer_or_provider}"


class LegalStatus(BasicRecordItem):
    """The child's legal status over time (§5.1): accommodation under section 20, orders made."""

    class Status(models.TextChoices):
        SECTION_20 = "s20", "Accommodated under section 20 (Children Act 1989)"
        POLICE_PROTECTION = "police_protection", "Police protection (section 46)"
        EPO = "epo", "Emergency protection order"
        INTERIM_CARE_ORDER = "interim_care_order", "Interim care order"
        CARE_ORDER = "care_order", "Care order"
        PLACEMENT_ORDER = "placement_order", "Placement order"
        SUPERVISION_ORDER = "supervision_order", "Supervision order"
        CHILD_ARRANGEMENTS_ORDER = "child_arrangements_order", "Child arrangements order"
        SPECIAL_GUARDIANSHIP_ORDER = "sgo", "Special guardianship order"
        REMAND = "remand", "Remanded to local authority accommodation"
        OTHER = "other", "Other"

    status = models.CharField("Legal status", max_length=30, choices=Status.choices)
    details = models.TextField("Details, for example the court and case number", blank=True)
    # The SSDA903 return (issue 17): the legal status in the DfE's codes (LS), empty for a status under which the
    # child is not looked after; the category of need for the care; the reason the child stopped being looked after
    # (REC), given when the status ends and no other follows.
    ls_code = models.CharField("Legal status (DfE code)", max_length=2, blank=True, default="")
    category_of_need = models.CharField("Category of need (DfE code)", max_length=2, blank=True, default="")
    reason_ceased = models.CharField("Reason the child stopped being looked after (DfE code)", max_length=3,
                                     blank=True, default="")
    history = Historical()

    class Meta(BasicRecordItem.Meta):
        verbose_name_plural = "legal statuses"
        constraints = [
            _dates_in_order("legal_status_end_after_start"),
            models.CheckConstraint(name="legal_status_has_start", condition=Q(start_date__isnull=False)),
        ]

    def __str__(self):
        return self.get_status_display()


class ProviderArrangement(BasicRecordItem):
    """The council's functions carried out by a private provider, e.g. an independent fostering agency (§5.1)."""

    class Kind(models.TextChoices):
        IFA = "ifa", "Independent fostering agency"
        CHILDRENS_HOME = "childrens_home", "Private or voluntary children's home"
        SOCIAL_WORK = "social_work", "Provider of social work services"
        SUPPORTED = "supported", "Supported accommodation provider"
        OTHER = "other", "Other"

    provider_name = models.CharField("Provider", max_length=200)
    provider_kind = models.CharField("Kind of provider", max_length=30, choices=Kind.choices)
    arrangement = models.TextField("What is arranged")
    contract_reference = models.CharField("Contract or reference", max_length=100, blank=True)
    history = Historical()

    class Meta(BasicRecordItem.Meta):
        constraints = [
            _dates_in_order("provider_arrangement_end_after_start"),
            models.CheckConstraint(name="provider_arrangement_has_start", condition=Q(start_date__isnull=False)),
        ]

    def __str__(self):
        return f"{self.provider_name} ({self.get_provider_kind_display()})"


class SiblingLink(RecordedItem):
    """Brothers and sisters linked (§5.3): one row, shown on both records, the lower id first.

    A link says only that the two are siblings: nothing from one record is copied to the other.
    Like the basic record's items, it keeps who linked them (name, post title, §9) and is marked "Late entry"
    when linked more than two working days after the date it records (§4, §10).
    """

    EVENT_DATE_FIELD = "event_date"
    RECORDED_AT_FIELD = "linked_at"

    class Relationship(models.TextChoices):
        FULL = "full", "Brother or sister"
        HALF = "half", "Half-brother or half-sister"
        STEP = "step", "Stepbrother or stepsister"
        ADOPTIVE = "adoptive", "Adoptive brother or sister"
        FOSTER = "foster", "Foster brother or sister"

    child_a = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    child_b = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    # Required on new links (the form and the service); empty only on links made before it was asked.
    event_date = models.DateField("Date of what this records", null=True, blank=True,
                                  help_text="The day it became known that they are brothers or sisters")
    history = Historical()

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [
            models.CheckConstraint(name="sibling_link_ordered_pair", condition=Q(child_a__lt=F("child_b"))),
            models.UniqueConstraint(fields=["child_a", "child_b"], condition=Q(ended_at__isnull=True),
                                    name="one_current_sibling_link_per_pair"),
        ]

    def __str__(self):
        return f"Sibling link {self.child_a_id}–{self.child_b_id}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def other(self, child_id: int) -> int:
        return self.child_b_id if self.child_a_id == child_id else self.child_a_id

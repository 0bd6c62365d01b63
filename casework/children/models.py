from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.utils import timezone

from access.audit.history import Historical
from access.compiled_query import STAND_IN_IDS, STAND_IN_MOMENT, CompiledQuery, stand_in_user
from casework.children.identity import normalise_for_search
from casework.recording.models import RecordedItem


class Household(models.Model):
    """The home a child lives in; its members are listed on the child's basic record (§5.1)."""

    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    history = Historical()

    def __str__(self):
        return ", ".join(part for part in (self.address_line_1, self.town, self.postcode) if part)


class HouseholdMember(RecordedItem):
    """An adult or other child living in the household; who holds parental responsibility (§5.1).

    Recorded late (§4, §10) by the date they joined; their leaving is an update, by the date they left."""

    EVENT_DATE_FIELD = "joined_on"

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, help_text="Relationship to the child, for example Mother")
    date_of_birth = models.DateField(null=True, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    # Memberships are ended, never deleted (§5.1): the household's story stays on the record.
    joined_on = models.DateField("Date they joined the household", null=True, blank=True)
    left_on = models.DateField("Date they left the household", null=True, blank=True)
    left_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Empty on members recorded before the time was kept.
    recorded_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["-has_parental_responsibility", "full_name"]
        constraints = [
            models.CheckConstraint(
                name="household_member_left_after_joining",
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.relationship})"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


# The door's rule (visible_ids) for any user, compiled once per process with stand-ins for the user and the moment.
_VISIBLE_IDS = CompiledQuery(user_pk=STAND_IN_IDS[1], now=STAND_IN_MOMENT)


class ChildQuerySet(models.QuerySet):
    """Every list, search, export and PDF that reads children starts from `Child.objects.visible_to(user)`."""

    def _grants(self, user, codename: str, *, only=None) -> list:
        """The ids of the children on which `user` holds `codename`: directly, and through a team (guardian's direct-FK
        tables), each a subquery, not a list. The permission is matched by its id (read once per process), not by
        joining its name and app. `only`: asked of one child (its id, or OuterRef("pk") in a query of one child),
        each grant looked up by its key rather than every child granted gathered."""
        from access.models import ChildGroupObjectPermission, ChildUserObjectPermission
        from access.permissions.selectors import permission_id

        permission = permission_id(codename)
        direct = ChildUserObjectPermission.objects.filter(user_id=user.pk, permission_id=permission)
        teams = user.groups.through.objects.filter(user_id=user.pk).values("group_id")
        via_group = ChildGroupObjectPermission.objects.filter(group_id__in=teams, permission_id=permission)
        if only is not None:
            direct, via_group = direct.filter(content_object_id=only), via_group.filter(content_object_id=only)
        return [direct.values("content_object_id"), via_group.values("content_object_id")]

    def _union_of(self, sets: list):
        """The sets as one subquery of ids. One `UNION`, not an `OR` of `IN`s: PostgreSQL can join the few children
        granted with what the page reads, where an `OR` made it test every child of the council (50,000 at the
        bench's scale) on every list."""
        if not sets:
            return self.none().values("pk")
        first, *rest = sets
        return first.union(*rest, all=True) if rest else first

    def _everyone(self, only=None) -> list:
        """A superuser's sets: every child (or the one asked)."""
        return [self.values("pk") if only is None else self.filter(pk=only).values("pk")]

    def visible_id_sets(self, user, *, only=None, now=None) -> list:
        """`visible_ids`, as the subqueries of ids it is the union of: a child is visible when it is in any of them.

        The second form of the same rule, for a list read a page at a time in the order of its own index
        (records.my_work): each row's child is tested against the sets (`IN` ... `OR` `IN` ..., each hashed once and
        only when a row needs it), so the scan stops at the page's end, where the union is first joined whole (the
        thousands of children a team sees) and the list sorted after."""
        from access.models import EmergencyAccess

        if not user.is_authenticated or not user.is_active:
            return []
        if user.is_superuser:
            return self._everyone(only)
        # Emergency duty staff: 24 hours on a child they stated a reason for (never restricted content).
        emergency = EmergencyAccess.objects.filter(user_id=user.pk, expires_at__gt=now or timezone.now())
        if only is not None:
            emergency = emergency.filter(child_id=only)
        return [*self._grants(user, "view_child", only=only), emergency.values("child_id")]

    def visible_ids(self, user, *, only=None, now=None):
        """The ids of the children this user may see (`visible_to`'s rule), as a subquery that reads no child: for a
        list of work that needs only to match each row's child against them (records.timeliness). `only` (a child's
        id, or OuterRef("pk") in a query of one child): the same rule asked of that one child (a list on one child's
        record, the door). `now`: the moment emergency access is judged at (a query compiled once is given a
        stand-in for it)."""
        return self._union_of(self.visible_id_sets(user, only=only, now=now))

    def visible_to(self, user, *, now=None) -> "ChildQuerySet":
        """The children this user may see: `view_child` on the child object; superusers see every child."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=self.visible_ids_compiled(user, now=now))

    def visible_ids_compiled(self, user, *, now=None):
        """`visible_ids(user)`, compiled to SQL once per process (access.compiled_query) and given this user and moment:
        for the lists and pages that filter by it, which Django took longer to build with it than PostgreSQL took to
        answer. Superusers and inactive users have no grants to look up: `visible_ids` itself."""
        if not user.is_authenticated or not user.is_active or user.is_superuser:
            return self.visible_ids(user)
        return _VISIBLE_IDS.expression("visible", self._stand_in_visible_ids, user_pk=user.pk, now=now or timezone.now())

    def _stand_in_visible_ids(self, user_pk, now):
        return self.visible_ids(stand_in_user(user_pk), now=now)

    def granted_to(self, user) -> "ChildQuerySet":
        """The children this user sees through a standing grant (`view_child`, directly or through a team), not
        through emergency access alone: who may be told that restricted information exists (§7)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=self._union_of(self._grants(user, "view_child")))

    def restricted_granted_id_sets(self, user, *, only=None) -> list:
        """`restricted_granted_ids` as the subqueries it is the union of (`visible_id_sets`' second form, for §7)."""
        if not user.is_authenticated or not user.is_active:
            return []
        if user.is_superuser:
            return self._everyone(only)
        return self._grants(user, "view_restricted", only=only)

    def restricted_granted_ids(self, user, *, only=None):
        """The ids of the children on which this user holds `view_restricted` (§7), as a subquery, for a page or list
        that has already limited itself to the children the user may see (the record's banner, records.my_work).
        `only`: asked of one child (its id, or OuterRef("pk") in a query of one child), as `visible_ids`."""
        return self._union_of(self.restricted_granted_id_sets(user, only=only))

    def restricted_granted_here(self, user) -> Exists:
        """Whether `user` holds `view_restricted` (§7) on the child of the query this is annotated on (OuterRef("pk")),
        its grants looked up for that child alone: for a query of one child the page has let the user see."""
        granted = self.restricted_granted_ids(user, only=OuterRef("pk"))
        return Exists(self.model.objects.filter(pk=OuterRef("pk")).filter(pk__in=granted))

    def restricted_granted_to(self, user) -> "ChildQuerySet":
        """The children on which this user holds `view_restricted` (§7), for a page that has already checked that
        they may see the child (the record's banner): cheaper to build than `with_restricted_access_for`, which
        also checks that."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=self.restricted_granted_ids(user))

    def with_restricted_access_for(self, user) -> "ChildQuerySet":
        """The visible children whose restricted information (§7) this user may see: `view_restricted` on the child."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=self.restricted_granted_ids(user)).filter(pk__in=self.visible_ids(user))


class Child(models.Model):
    """A child with their own record from referral to closure (§1), identified accurately (§5)."""

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other"
        NOT_KNOWN = "not_known", "Not known or not stated"

    class NameEvidence(models.TextChoices):
        BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
        PASSPORT = "passport", "Passport"
        OTHER_DOCUMENT = "other_document", "Other document"
        NOT_VERIFIED = "not_verified", "Not yet verified"

    local_id = models.CharField("Local child ID", max_length=12, unique=True, editable=False)
    first_name = models.CharField("Legal first name", max_length=100)
    middle_names = models.CharField("Legal middle names", max_length=200, blank=True)
    last_name = models.CharField("Legal last name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    name_evidence = models.CharField(
        "How the spelling of the name was checked",
        max_length=30,
        choices=NameEvidence.choices,
        default=NameEvidence.NOT_VERIFIED,
    )
    is_unborn = models.BooleanField(default=False)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    # The statutory returns' questions (issue 17), in the DfE's codes (casework.returns: the lists, by year).
    ethnicity = models.CharField(max_length=4, default="NOBT", help_text="A code of the DfE's ethnicity list")
    sex = models.CharField(max_length=1, blank=True, db_default="", help_text="A code of the DfE's sex list")
    disabilities = models.JSONField(default=list, blank=True, db_default=Value([], output_field=models.JSONField()),
                                    help_text="Codes of the DfE's disability list; NONE alone for no disability")
    upn = models.CharField("Unique pupil number", max_length=13, blank=True, db_default="")
    upn_unknown_reason = models.CharField("Why the UPN is not known", max_length=3, blank=True, db_default="")
    date_of_death = models.DateField(null=True, blank=True)
    # The children looked after return asks of a looked-after girl or young woman whether she is a mother, and when
    # her first child was born. Empty until asked.
    is_mother = models.BooleanField("Is she a mother?", null=True, blank=True)
    mothers_child_born = models.DateField("Date her first child was born", null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    # §3: information about their records in a form the child and family understand.
    preferred_language = models.CharField(max_length=100, default="English")
    communication_method = models.CharField(max_length=200, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    # §6: support for the child to take part in their recording: an advocate and/or a signer, and who
    # (empty while not yet arranged).
    advocate_needed = models.BooleanField(default=False)
    advocate_name = models.CharField(max_length=200, blank=True)
    signer_needed = models.BooleanField(default=False)
    signer_name = models.CharField(max_length=200, blank=True)
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Normalised names for accent- and case-insensitive partial search; kept by save().
    search_name = models.CharField(max_length=500, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = Historical(excluded_fields=["search_name"])

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "children"
        ordering = ["last_name", "first_name"]
        permissions = [("view_restricted", "Can view information restricted from the child")]
        constraints = [
            models.CheckConstraint(
                name="child_born_has_date_of_birth",
                condition=Q(is_unborn=True) | Q(date_of_birth__isnull=False),
            ),
            models.CheckConstraint(
                name="child_unborn_has_expected_date",
                condition=Q(is_unborn=False) | Q(expected_date_of_birth__isnull=False),
            ),
            models.CheckConstraint(name="child_advocate_only_if_needed", condition=Q(advocate_needed=True) | Q(advocate_name="")),
            models.CheckConstraint(name="child_signer_only_if_needed", condition=Q(signer_needed=True) | Q(signer_name="")),
            models.CheckConstraint(name="child_upn_or_reason_not_both", condition=Q(upn="") | Q(upn_unknown_reason="")),
            models.CheckConstraint(name="child_death_not_before_birth", condition=Q(date_of_death__isnull=True)
                                   | Q(date_of_birth__isnull=True) | Q(date_of_death__gte=models.F("date_of_birth"))),
        ]
        indexes = [
            models.Index(fields=["date_of_birth"], name="child_dob_idx"),
            # §4 (EDT): every way of finding a child is an indexed lookup (the name's trigram index: casework 0011).
            models.Index(fields=["nhs_number"], name="child_nhs_number_idx", condition=~Q(nhs_number="")),
            models.Index(fields=["expected_date_of_birth"], name="child_expected_dob_idx",
                         condition=Q(expected_date_of_birth__isnull=False)),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.local_id})"

    def save(self, *args, **kwargs):
        self.search_name = normalise_for_search(
            " ".join((self.first_name, self.middle_names, self.last_name, self.preferred_name))
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"search_name"}
        super().save(*args, **kwargs)

    @property
    def needs_advocate_or_signer(self) -> bool:
        """§6: the child needs an advocate or a signer to take part; visits record whether one was present."""
        return self.advocate_needed or self.signer_needed

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.middle_names, self.last_name) if part)

    @property
    def display_name(self) -> str:
        """The name to address the child by: preferred name where they have one."""
        if self.preferred_name and self.preferred_name != self.first_name:
            return f"{self.preferred_name} {self.last_name}"
        return f"{self.first_name} {self.last_name}"

    @property
    def birth_date_for_display(self):
        return self.expected_date_of_birth if self.is_unborn else self.date_of_birth


class Case(models.Model):
    """One period of involvement with a child, from referral to closure."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases")
    referral_date = models.DateField()
    # In the DfE's codes (issue 17; casework.returns): the CIN census's source of referral, primary need,
    # whether the referral led to no further action, and the reason the case closed (RC codes).
    referral_source = models.CharField(max_length=30, help_text="A code of the DfE's source of referral list")
    primary_need = models.CharField(max_length=2, blank=True, db_default="", help_text="A code of the DfE's primary need list")
    referral_nfa = models.BooleanField("Referral led to no further action", null=True, blank=True)
    referral_reason = models.TextField()
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=30, blank=True, help_text="A code of the DfE's reason for closure list")
    closure_notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["-referral_date", "-id"]
        constraints = [
            models.CheckConstraint(
                name="case_closure_not_before_referral",
                condition=Q(closure_date__isnull=True) | Q(closure_date__gte=models.F("referral_date")),
            ),
            models.CheckConstraint(
                name="case_closure_has_reason",
                condition=Q(closure_date__isnull=True) | ~Q(closure_reason=""),
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(closure_date__isnull=True), name="one_open_case_per_child"
            ),
        ]

    def __str__(self):
        return f"Case from {self.referral_date:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


class Allocation(models.Model):
    """Who is responsible for a case: a team, and within it a worker (none while awaiting allocation).

    Allocations are never edited away: a reallocation ends the current row and starts a new one,
    so the history of who held the case is the rows themselves.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    sw_change_reason = models.CharField(
        "Reason for the change of social worker (DfE code)", max_length=6, blank=True, default="",
        help_text="The SSDA903 return's social worker episodes ask it (casework.returns.codes.SW_REASON)")
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = Historical()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="one_current_allocation_per_case"
            ),
        ]
        indexes = [
            models.Index(fields=["worker"], condition=Q(ended_at__isnull=True), name="alloc_current_worker_idx"),
            models.Index(fields=["team"], condition=Q(ended_at__isnull=True), name="alloc_current_team_idx"),
        ]

    def __str__(self):
        return f"{self.team} / {self.worker or 'awaiting allocation'}"


# An allocation ended the day it began was a correction, not a worker who held the case.
CORRECTED_ALLOCATION = Q(ended_at__date__lte=F("started_at__date"))


def workers_taken_over_from(child_id, started_at):
    """The allocations to a worker that one beginning at `started_at` on the child took over from: earlier, still
    running when it began, not corrections (values, or OuterRefs in a subquery). Issue 17: a change of social worker
    needs a reason; a first worker, or the first after a time with none, is first contact."""
    return (Allocation.objects.filter(case__child_id=child_id, worker__isnull=False, started_at__lt=started_at)
            .exclude(CORRECTED_ALLOCATION).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=started_at)))

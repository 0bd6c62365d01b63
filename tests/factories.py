"""factory_boy factories for every model the tests build, and a small builder for the standard cast of staff.

Where the product has a service that builds an object with its rules and its audit event, the factory's
`_create` goes through that service, so a test never holds an object the product could not have made.
Those factories need `by=` (someone allowed to make the object). The few made directly are rows a test
needs at a chosen moment in the past (a completed entry, a paper file out on loan), as the database allows.
"""

from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.staff import roles
from access.models import (
    AccessLog, AccessPage, Consent, Disclosure, EmergencyAccess, LossReport, Restriction, StaffProfile,
    SubjectAccessRequest, Team,
)
from casework.children import services as children
from casework.losses import services as losses
from casework.children.identity import generate_local_id
from casework.basic_record import services as basic_record
from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)
from casework.models import Case, CaseTransfer, Child, Household, HouseholdMember, PreTransferAudit
from casework.transfers import services as transfers
from casework.transfers.models import AUDIT_CHECKS
from records.chronology import services as chronology
from records.documents import services as documents
from records.entries import services as entries
from records.models import (
    AuditDeficiency, AuditSample, ChronologyEvent, ClosureDay, CourtOrder, CourtReport, Document, EducationRecord,
    Entry, Flag, FormDesign, FormQuestion, HealthRecord, InterventionOutcome, KeyTask, PaperFileRemoval,
    PaperFileVolume, PdfJob, Plan, PlanOutcome,
)
from records.oversight import audits
from records.plans import services as plans
from records.sharing import services as sharing
from records.sharing.subject_access import create_subject_access_request
from records.statutory_visits import services as statutory_visits

PASSWORD = "Casework-Test-2026"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team group {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    group = factory.SubFactory(GroupFactory, name=factory.SelfAttribute("..name"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    # Fixed names, so that a test asserting a child's name is absent never meets a staff namesake.
    first_name = "Staff"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, **kwargs):
        # set_password before the one INSERT (not a second save): Django still tells the password validators,
        # so the password history starts as it does for a real account.
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        return user


def make_staff(username: str, *, role: str | None, team: Team | None = None, post_title: str = "Social Worker", **extra):
    """A staff member with a role (a group), a team (its group too) and a post title (§9)."""
    if role == roles.ADMINISTRATOR:
        extra["is_staff"] = True
    user = UserFactory(username=username, **extra)
    # get_or_create: a transactional test before this one may have emptied the tables.
    groups = [Group.objects.get_or_create(name=role)[0]] if role else []
    if team is not None:
        groups.append(team.group)
    if groups:
        user.groups.add(*groups)
    StaffProfile.objects.create(user=user, post_title=post_title, team=team)
    return user


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    address_line_1 = factory.Faker("street_address", locale="en_GB")
    town = "Bedford"
    postcode = "MK40 1AA"


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    full_name = factory.Faker("name", locale="en_GB")
    relationship = "Mother"
    has_parental_responsibility = True


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    local_id = factory.LazyFunction(generate_local_id)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(2016, 5, 17)
    gender = Child.Gender.FEMALE


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    child = factory.SubFactory(ChildFactory)
    referral_date = date(2026, 1, 12)
    referral_source = "2A"
    referral_reason = "School concerned about attendance."
    recorded_by = factory.SubFactory(UserFactory)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:  # as the services that open a case do: its statutory visit clock starts
            statutory_visits.refresh_children([instance.child_id])


class ServiceFactory(factory.Factory):
    """A factory whose `_create` calls `_service(**attributes)`: set `_service` on the subclass."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls._service(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Built through a service: use create(), not build().")


def _today():
    return timezone.localdate()


def _an_hour_ago():
    return timezone.now() - timedelta(hours=1)


# --- Basic record (§5.1, §5.3) --------------------------------------------------------------------

BASIC_RECORD_START = date(2025, 6, 2)


class _BasicRecordItemFactory(ServiceFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return basic_record.add_item(model=model_class, **kwargs)


class ClosePersonFactory(_BasicRecordItemFactory):
    class Meta:
        model = ClosePerson

    full_name = "Ruth"
    relationship = "Grandmother"
    contact_frequency = "Weekly"
    how_to_reach = "Phone"
    start_date = BASIC_RECORD_START
    event_date = factory.LazyFunction(_today)  # §10: the date of what it records (today: on time)


class ContactArrangementFactory(_BasicRecordItemFactory):
    class Meta:
        model = ContactArrangement

    with_whom = "Father"
    frequency = "Fortnightly"
    supervised = True
    supervised_by = "Family centre"
    venue = "Centre"
    basis = "court_order"
    basis_detail = "Order"
    start_date = BASIC_RECORD_START


class PlacementFactory(_BasicRecordItemFactory):
    class Meta:
        model = Placement

    placement_type = "foster_ifa"
    carer_or_provider = "Mr Hughes"
    address = "4 Elm Road"
    start_date = BASIC_RECORD_START


class LegalStatusFactory(_BasicRecordItemFactory):
    class Meta:
        model = LegalStatus

    status = "care_order"
    details = "Court"
    start_date = BASIC_RECORD_START


class ProviderArrangementFactory(_BasicRecordItemFactory):
    class Meta:
        model = ProviderArrangement

    provider_name = "Brighter Futures"
    provider_kind = "ifa"
    arrangement = "Fostering"
    contract_reference = "REF"
    start_date = BASIC_RECORD_START


class ChildHouseholdMemberFactory(ServiceFactory):
    """A member of the child's household, added on the child's record (a household opened if none)."""

    class Meta:
        model = HouseholdMember

    _service = staticmethod(basic_record.add_household_member)
    full_name = "Grace Okoye"
    relationship = "Mother"
    joined_on = BASIC_RECORD_START
    has_parental_responsibility = True


class SiblingLinkFactory(ServiceFactory):
    class Meta:
        model = SiblingLink

    _service = staticmethod(basic_record.link_siblings)
    relationship = "half"
    event_date = factory.LazyFunction(_today)


class ItemRestrictionFactory(ServiceFactory):
    """§7: a basic-record `item` placed in 'Restricted from user' on `advised_by`'s advice."""

    class Meta:
        model = Restriction

    _service = staticmethod(basic_record.restrict_item)
    reason = "third_party"
    reason_detail = "Asked"
    review_date = factory.LazyFunction(lambda: _today() + timedelta(days=30))


class RestrictionFactory(factory.django.DjangoModelFactory):
    """A bare restriction (§7) on the child's record, for a test that attaches it itself."""

    class Meta:
        model = Restriction

    reason = "third_party"
    reason_detail = "Neighbour asked"
    review_date = factory.LazyFunction(lambda: _today() + timedelta(days=30))


# --- Plans (§5.4) ---------------------------------------------------------------------------------

class PlanFactory(ServiceFactory):
    """A plan of the child's open case: PlanFactory(child=child, by=user)."""

    class Meta:
        model = Plan

    _service = staticmethod(plans.start_plan)
    purpose = "Help the child attend school every day."
    event_date = factory.LazyFunction(_today)


class PlanOutcomeFactory(ServiceFactory):
    class Meta:
        model = PlanOutcome

    _service = staticmethod(plans.add_outcome)
    text = "Attends school"
    event_date = factory.LazyFunction(_today)  # §10: agreed today (on time)


class KeyTaskFactory(ServiceFactory):
    class Meta:
        model = KeyTask

    _service = staticmethod(plans.add_key_task)
    description = "Meet the school"
    assigned_to_other = "St Mary's Primary School"
    due_on = factory.LazyFunction(lambda: _today() + timedelta(days=14))
    event_date = factory.LazyFunction(_today)  # §10: agreed today (on time)


class OverdueKeyTaskFactory(factory.django.DjangoModelFactory):
    """A task of `outcome` set a fortnight ago and due yesterday (made directly: the service refuses past dates)."""

    class Meta:
        model = KeyTask

    description = "Call the GP"
    assigned_to_other = "Dr Patel"
    due_on = factory.LazyFunction(lambda: _today() - timedelta(days=1))
    created_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=14))


# --- Entries (§5.2) -------------------------------------------------------------------------------

class SummaryEntryFactory(ServiceFactory):
    """A draft assessment, summary or review (a review meeting by default) on its approved design."""

    class Meta:
        model = Entry

    _service = staticmethod(entries.start_summary)
    kind = "review"
    event_at = factory.LazyFunction(_an_hour_ago)


class DraftEntryFactory(factory.django.DjangoModelFactory):
    """A draft entry on the approved design of its kind, with `answers` as stored (made directly: a test of what
    reads an entry's answers needs them as the database holds them, without the service's write-up)."""

    class Meta:
        model = Entry

    child = factory.SubFactory(ChildFactory)
    case = factory.LazyAttribute(lambda e: e.child.cases.get())
    kind = "contact_phone"
    form_design = factory.LazyAttribute(
        lambda e: FormDesign.objects.get(kind=e.kind, status=FormDesign.Status.APPROVED))
    event_at = factory.LazyFunction(_an_hour_ago)


class CompletedEntryFactory(factory.django.DjangoModelFactory):
    """A completed entry by `recorded_by`, as if completed at `completed_at` (made directly: the service signs
    it now, and a test of timeliness needs it signed in the past)."""

    class Meta:
        model = Entry

    class Params:
        late = False

    child = factory.SubFactory(ChildFactory)
    case = factory.LazyAttribute(lambda e: e.child.cases.get())
    kind = "contact_phone"
    form_design = factory.LazyAttribute(
        lambda e: FormDesign.objects.get(kind=e.kind, status=FormDesign.Status.APPROVED))
    status = Entry.Status.COMPLETED
    event_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    created_at = factory.SelfAttribute("event_at")
    completed_at = factory.LazyAttribute(lambda e: e.event_at + timedelta(days=1))
    completed_by = factory.SelfAttribute("recorded_by")
    signed_name = factory.LazyAttribute(lambda e: e.recorded_by.get_full_name())
    signed_post_title = "Social Worker"
    due_at = factory.LazyAttribute(lambda e: e.event_at + timedelta(days=2))
    is_late_entry = factory.SelfAttribute("late")
    late_entry_recorded_at = factory.LazyAttribute(lambda e: e.completed_at if e.late else None)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create and instance.kind == "visit":  # as completing a visit does: the child's visit clock restarts
            statutory_visits.refresh_children([instance.child_id])


class InterventionOutcomeFactory(ServiceFactory):
    """`entry` (a visit, contact or decision) linked by `by` to `outcome` of the child's plan, beside its other links."""

    class Meta:
        model = InterventionOutcome

    @classmethod
    def _create(cls, model_class, *args, entry, by, outcome, **kwargs):
        linked = [link.outcome for link in entry.outcome_links.filter(removed_at__isnull=True)]
        entries.link_outcomes(entry=entry, by=by, outcomes=[*linked, outcome], **kwargs)
        return model_class.objects.get(entry=entry, outcome=outcome, removed_at__isnull=True)


# --- Form designs (§5.2) --------------------------------------------------------------------------

class FormQuestionFactory(factory.django.DjangoModelFactory):
    """A question added to a draft `design`, after its last question (the model refuses one on a design that is
    not a draft or rejected, so a test may ask it for one and see the refusal)."""

    class Meta:
        model = FormQuestion

    key = factory.Sequence(lambda n: f"question_{n}")
    label = factory.LazyAttribute(lambda q: q.key.replace("_", " ").capitalize())
    position = factory.LazyAttribute(
        lambda q: (q.design.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1)


# --- Timeliness (§10) -----------------------------------------------------------------------------

class ClosureDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosureDay
        django_get_or_create = ("day",)

    day = date(2026, 3, 9)
    description = "Council closed: office move"

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:  # as the admin does: visits counted in working days move
            statutory_visits.refresh_all()


class FlagFactory(factory.django.DjangoModelFactory):
    """A flag on `child`'s record (made directly: the flag pass raises flags for a moment it is given, and a test
    of what reads them wants them at chosen moments). Give its subject (`entry=`, `case=`, ...)."""

    class Meta:
        model = Flag

    kind = "write_up_overdue"
    due_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


# --- Case transfers (§15.2) -----------------------------------------------------------------------

class PreTransferAuditFactory(factory.django.DjangoModelFactory):
    """Every check ticked (made directly: the services' own tests cover the summary the service checks for)."""

    class Meta:
        model = PreTransferAudit

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **{**{name: True for name, _ in AUDIT_CHECKS}, **kwargs})


class CaseTransferFactory(ServiceFactory):
    """The case sent by `by` (its team's manager) to `to_team`, awaiting confirmation."""

    class Meta:
        model = CaseTransfer

    _service = staticmethod(transfers.transfer_case)
    transfer_date = factory.LazyFunction(_today)
    reason = "Moving to long-term support"


# --- Documents (§5.4) -----------------------------------------------------------------------------

def pdf_bytes(*extra_objects: bytes, catalog: bytes = b"") -> bytes:
    """A real one-page PDF (objects, cross-reference table, trailer), with `catalog` added to its catalogue and
    `extra_objects` numbered from 4: uploads are parsed as PDFs (issue 18)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", *extra_objects]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_BYTES = pdf_bytes()


class DocumentFactory(ServiceFactory):
    """An uploaded document: `content`, `file_name` and `content_type` make the upload."""

    class Meta:
        model = Document

    class Params:
        content = PDF_BYTES
        file_name = "order.pdf"
        content_type = "application/octet-stream"

    _service = staticmethod(documents.upload_document)
    upload = factory.LazyAttribute(lambda d: SimpleUploadedFile(d.file_name, d.content, content_type=d.content_type))
    title = "Interim care order"
    document_date = date(2026, 2, 3)
    category = "order"
    belongs_to_child = False


class DocumentRestrictionFactory(ServiceFactory):
    """§7: a `document` placed in 'Restricted from user' on `advised_by`'s advice."""

    class Meta:
        model = Restriction

    _service = staticmethod(documents.restrict_document)
    reason = "third_party"
    reason_detail = "The Guardian asked"
    review_date = factory.LazyFunction(lambda: _today() + timedelta(days=30))


class _SectionRecordFactory(ServiceFactory):
    class Meta:
        abstract = True

    document = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        section = {CourtOrder: "court_order", CourtReport: "court_report", EducationRecord: "education",
                   HealthRecord: "health"}[model_class]
        return documents.add_section_record(section=section, **kwargs)


class CourtOrderFactory(_SectionRecordFactory):
    class Meta:
        model = CourtOrder

    order_type = CourtOrder.OrderType.INTERIM_CARE
    court = "Family Court"
    made_on = date(2026, 2, 3)


class CourtReportFactory(_SectionRecordFactory):
    class Meta:
        model = CourtReport

    kind = "childrens_guardian"
    author = "Children's Guardian"
    court = "Family Court"
    report_date = date(2026, 3, 1)


class EducationRecordFactory(_SectionRecordFactory):
    class Meta:
        model = EducationRecord

    school = "Castle Primary School"
    sen_status = EducationRecord.SenStatus.NONE
    event_date = factory.LazyFunction(_today)  # §10: the date of what it records (today: on time)


class HealthRecordFactory(_SectionRecordFactory):
    class Meta:
        model = HealthRecord

    kind = HealthRecord.Kind.HEALTH_PLAN
    carried_out_on = date(2026, 2, 10)
    carried_out_by = "Looked-after children's nurse"


# --- Paper files (§15.1) --------------------------------------------------------------------------

def _case_author(child):
    return child.cases.first().recorded_by


class PaperFileVolumeFactory(factory.django.DjangoModelFactory):
    """Volume 1 of the child's paper file (one per child and number: asked again, the same volume)."""

    class Meta:
        model = PaperFileVolume
        django_get_or_create = ("child", "number")

    child = factory.SubFactory(ChildFactory)
    number = 1
    covers_from = date(2026, 1, 12)
    usual_location = "Cabinet 3, Borough Hall"
    recorded_by = factory.LazyAttribute(lambda v: _case_author(v.child))


class PaperFileRemovalFactory(factory.django.DjangoModelFactory):
    """A removal asked for (approved with `approved_by`), made directly to set who asked and approved and when.
    `volumes=[...]` are the volumes taken."""

    class Meta:
        model = PaperFileRemoval
        skip_postgeneration_save = True

    child = factory.SubFactory(ChildFactory)
    requested_by = factory.LazyAttribute(lambda r: _case_author(r.child))
    destination = "Family court"
    reason = "Hearing"
    security_measures = "Locked case"
    return_by = factory.LazyFunction(lambda: _today() + timedelta(days=3))
    approved_by = None
    approved_at = factory.LazyAttribute(lambda r: timezone.now() if r.approved_by else None)

    @factory.post_generation
    def volumes(removal, create, extracted, **kwargs):
        if create and extracted:
            removal.volumes.add(*extracted)


# --- Information sharing and subject access (§6, §14) ---------------------------------------------

class ConsentFactory(ServiceFactory):
    class Meta:
        model = Consent

    _service = staticmethod(sharing.record_consent)
    person_name = "Grace Okoye"
    relationship = "parent"
    decision = "given"
    agencies = "Castle Primary School"
    purpose = "Support with attendance"
    obtained_on = factory.LazyFunction(_today)
    obtained_how = "in_person"


class DisclosureFactory(ServiceFactory):
    """Information shared; give the basis (`consent=`, or a justification and `decided_by=`)."""

    class Meta:
        model = Disclosure

    _service = staticmethod(sharing.record_disclosure)
    shared_with_person = "Mrs Patel"
    shared_with_agency = "Castle Primary School"
    shared_at = factory.LazyFunction(_an_hour_ago)
    what = "Attendance plan"
    why = "Support at school"
    basis = Disclosure.Basis.CONSENT
    # §7: every disclosure names what it shared: unless entries are given, a document uploaded for it.
    entries = ()
    documents = factory.LazyAttribute(
        lambda d: () if d.entries else (DocumentFactory(child=d.child, by=d.by, title="Attendance plan"),))


class SubjectAccessRequestFactory(ServiceFactory):
    class Meta:
        model = SubjectAccessRequest

    class Params:
        identity_was_checked = factory.Trait(
            identity_checked=True, identity_checked_on=factory.SelfAttribute("received_on"),
            identity_evidence="Passport and council tax bill")

    _service = staticmethod(create_subject_access_request)
    requester_name = "Grace Okoye"
    relationship = "Mother"
    received_on = factory.LazyFunction(_today)


class PdfJobFactory(factory.django.DjangoModelFactory):
    """A PDF job (a subject access bundle by default, done), made directly: the worker is not run."""

    class Meta:
        model = PdfJob

    kind = PdfJob.Kind.SUBJECT_ACCESS
    status = PdfJob.Status.DONE
    file_name = "bundle.pdf"
    finished_at = factory.LazyAttribute(lambda j: timezone.now() if j.status == PdfJob.Status.DONE else None)


# --- Oversight: audits of records (§4, §13) -------------------------------------------------------

class AuditSampleFactory(ServiceFactory):
    """A sample of `team`'s records drawn by its manager `by` over the last 30 days."""

    class Meta:
        model = AuditSample

    _service = staticmethod(audits.draw_sample)
    period_start = factory.LazyFunction(lambda: _today() - timedelta(days=30))
    period_end = factory.LazyFunction(_today)
    per_practitioner = 1
    seed = 7


class AuditDeficiencyFactory(ServiceFactory):
    """A deficiency an `audit` found, assigned to `assigned_to`, to put right within a week. Without an audit,
    give `child=`: it is made directly (a test of the flags and the dashboard needs no sample drawn)."""

    class Meta:
        model = AuditDeficiency

    description = "Record the child's views"
    put_right_by = factory.LazyFunction(lambda: _today() + timedelta(days=7))

    @classmethod
    def _create(cls, model_class, *args, audit=None, by, **kwargs):
        if audit is None:
            return model_class.objects.create(created_by=by, **kwargs)
        return audits.add_deficiency(audit=audit, by=by, **kwargs)


# --- Chronology (§5.5) ----------------------------------------------------------------------------

class ChronologyEventFactory(ServiceFactory):
    class Meta:
        model = ChronologyEvent

    _service = staticmethod(chronology.add_event)
    happened_on = date(2024, 9, 4)
    title = "Started at Priory School"
    description = ""
    category = ChronologyEvent.Category.EDUCATION


# --- Access: the access log, emergency access, two-factor devices, losses (§4, §14, §15.1) ---------

class AccessLogFactory(factory.django.DjangoModelFactory):
    """A view of `child`'s record by `user` (made directly: the product writes the log from a request)."""

    class Meta:
        model = AccessLog

    user = factory.SubFactory(UserFactory)
    child = factory.SubFactory(ChildFactory)
    requested_ref = factory.LazyAttribute(lambda log: log.child.local_id if log.child else "")
    page = AccessPage.CHILD_RECORD
    path = factory.LazyAttribute(lambda log: f"/children/{log.requested_ref}/")
    outcome = AccessLog.Outcome.VIEWED


class EmergencyAccessFactory(ServiceFactory):
    """Emergency duty `user` opening `child`'s record for 24 hours. Given `started_at` and `expires_at` (access in
    the past), it is made directly, as the service always starts it now."""

    class Meta:
        model = EmergencyAccess

    reason = "Police called about the child tonight"

    @classmethod
    def _create(cls, model_class, *args, started_at=None, expires_at=None, **kwargs):
        if started_at is None and expires_at is None:
            return children.grant_emergency_access(**kwargs)
        return model_class.objects.create(started_at=started_at, expires_at=expires_at, **kwargs)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app of `user` (django-otp's own model, so made directly)."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class LossReportFactory(ServiceFactory):
    """A loss reported by `by`, naming `children` (none by default)."""

    class Meta:
        model = LossReport

    _service = staticmethod(losses.report_loss)
    kind = LossReport.Kind.LAPTOP
    what = "Work laptop"
    lost_on = factory.LazyFunction(_today)
    lost_where = "On the train"
    circumstances = "Left in a bag on the luggage rack"

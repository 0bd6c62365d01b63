"""The newer features' demo data, for `seed_demo`: a plan, the rest of the basic record, a court order
with its copy, paper file volumes and a removal, and an audit sample.

Everything goes through the services, acting as the demo user who would do it, so the history and
the audit events name that person. Each part looks its rows up by a natural key first: a second run
adds nothing. Dates are counted from today, because most services refuse future (or past) dates.
"""

import os
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from access.audit.history import acting_as
from casework.basic_record import services as basic_record
from records.plans import services as plan_services
from casework.basic_record.models import (
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)
from casework.models import Child
from records.plans.models import Plan
from casework.children.authorisation import may
from records.oversight import audits
from records.documents import services as documents
from records.paper_files import services as paper_files
from records.documents.models import CourtOrder, Document
from records.models import PaperFileVolume
from records.oversight.models import AuditSample

IFA = "Horizon Fostering Ltd"
IFA_URN = "SC402113"  # made up, in the Ofsted register's form
ORDER_TITLE = "Interim care order"
ORDER_COURT = "Family Court at Luton"
AUDIT_SEED = 2026  # a fixed seed: the demo sample is the same on every fresh database


def caseload(worker):
    """The worker's allocated children, in the order the demo always picks them."""
    return Child.objects.filter(
        cases__allocations__worker=worker, cases__allocations__ended_at__isnull=True
    ).order_by("last_name", "first_name")


# --- Plan (§5.4) ------------------------------------------------------------------------------------

def seed_plan(worker) -> Plan | None:
    """A plan for the first child on the worker's caseload: two intended outcomes with key tasks."""
    child = caseload(worker).first()
    if child is None or Plan.objects.filter(child=child).exists():
        return None
    today = timezone.localdate()
    with acting_as(worker):
        plan = plan_services.start_plan(
            child=child, by=worker, purpose=f"Keep {child.first_name} safe and well at home, and in school every day.",
            event_date=today)
        school = plan_services.add_outcome(
            plan=plan, by=worker, text=f"{child.first_name} goes to school every day, having had breakfast.", event_date=today)
        plan_services.add_key_task(outcome=school, by=worker, description="Refer the family to the school's breakfast club",
                                   due_on=today + timedelta(days=14), event_date=today, assigned_to_other="Head of Year, Riverside Academy")
        plan_services.add_key_task(outcome=school, by=worker, description="Visit at home every two weeks to check the morning routine",
                                   due_on=today + timedelta(days=28), event_date=today, assigned_to=worker)
        support = plan_services.add_outcome(
            plan=plan, by=worker, text=f"{child.first_name}'s mother gets the support she asked for with the home and money.",
            event_date=today)
        plan_services.add_key_task(outcome=support, by=worker, description="Refer the mother to the Family Support Service",
                                   due_on=today + timedelta(days=7), event_date=today, assigned_to=worker)
        plan_services.add_key_task(outcome=support, by=worker, description="Arrange a benefits check",
                                   due_on=today + timedelta(days=21), event_date=today, assigned_to_other="Citizens Advice Bedford")
    return plan


def first_outcome(child):
    """The outcome the demo's completed visit served, if the child has a plan (§5.4)."""
    plan = Plan.objects.filter(child=child).first()
    return plan.outcomes.order_by("created_at", "id").first() if plan else None


# --- Basic record (§5.1, §5.3) ----------------------------------------------------------------------

def _add(model, child, by, lookup: dict, **fields) -> None:
    if not model.objects.filter(child=child, **lookup).exists():
        basic_record.add_item(model=model, child=child, by=by, **lookup, **fields)


def seed_basic_record(practitioner, in_care_worker) -> None:
    """People close to the child and contact arrangements for a few children; a placement, legal
    status and independent fostering agency for one child in care; one sibling link.

    Every demo household already has a mother with parental responsibility (seed_demo's demo_plan)."""
    today = timezone.localdate()
    for child in caseload(practitioner)[:2]:
        _add(ClosePerson, child, practitioner, {"full_name": f"Margaret {child.last_name}"},
             relationship="Maternal grandmother", contact_frequency="Most weekends; collects from school on Fridays",
             how_to_reach="Lives two streets away; her phone number is on the school's contact list", event_date=today)
        _add(ContactArrangement, child, practitioner, {"with_whom": "Father, who lives apart from the family"},
             frequency="Every other Saturday, 10am to 4pm", supervised=False, venue="Father's flat in Kempston",
             basis=ContactArrangement.Basis.FAMILY_AGREEMENT, start_date=today - timedelta(days=90),
             basis_detail="Agreed by both parents at the first home visit")
    child = caseload(in_care_worker).first()
    if child is not None:
        placed_on = today - timedelta(days=76)  # the day the interim care order was made (seed_documents)
        # Issue 17: with the SSDA903 return's codes (foster care through a private agency, Horizon's Ofsted URN); the
        # order and the placement begin the same day, so that no day of care is without a placement.
        _add(Placement, child, in_care_worker, {"carer_or_provider": "Mr and Mrs Adeyemi (Horizon Fostering)"},
             placement_type=Placement.Type.FOSTER_IFA, address="12 Orchard Close\nSandy\nSG19 1AB", start_date=placed_on,
             place_code="U6", provider_code="PR4", postcode="SG19 1AB", ofsted_urn=IFA_URN)
        _add(LegalStatus, child, in_care_worker, {"status": LegalStatus.Status.INTERIM_CARE_ORDER},
             details=f"{ORDER_COURT}, case number LU26C00412", start_date=placed_on, category_of_need="N1")
        _add(ProviderArrangement, child, in_care_worker, {"provider_name": IFA},
             provider_kind=ProviderArrangement.Kind.IFA, contract_reference="IFA-2026-0173", start_date=placed_on,
             arrangement="Foster placement with Mr and Mrs Adeyemi; the agency's supervising social worker visits monthly")
        _add(ContactArrangement, child, in_care_worker, {"with_whom": "Mother"},
             frequency="Twice a week, 90 minutes", supervised=True, supervised_by="Family Time Service",
             venue="Bedford Family Centre", basis=ContactArrangement.Basis.COURT_ORDER, start_date=placed_on,
             basis_detail="As the interim care order directs")
        _add(ClosePerson, child, in_care_worker, {"full_name": f"Jordan {child.last_name}"},
             relationship="Older cousin", contact_frequency="Phone calls most evenings",
             how_to_reach="Through the mother", event_date=today)
    _link_siblings(practitioner)


def _link_siblings(worker) -> None:
    """Link the first two children of the first household on the worker's caseload that has two."""
    for child in caseload(worker).exclude(household=None):
        others = [other for other in child.household.children.exclude(pk=child.pk).order_by("pk")
                  if may(worker, other)]
        if not others:
            continue
        first, second = sorted((child.pk, others[0].pk))
        if not SiblingLink.objects.filter(child_a_id=first, child_b_id=second).exists():
            with acting_as(worker):
                basic_record.link_siblings(child=child, sibling=others[0], by=worker,
                                           relationship=SiblingLink.Relationship.FULL,
                                           event_date=child.cases.order_by("referral_date").values_list(
                                               "referral_date", flat=True).first() or timezone.localdate())
        return


# --- Documents (§5.1) -------------------------------------------------------------------------------

def _order_pdf(child, made_on: date) -> bytes:
    from weasyprint import HTML

    from records.pdfs.build import PDF_ORIGIN, StaticFilesOnly

    name = escape(child.full_name)
    html = f"""<html><body style="font-family: sans-serif">
      <h1>{ORDER_COURT}</h1><h2>Interim care order (section 38, Children Act 1989)</h2>
      <p>Case number LU26C00412. Made on {made_on:%d %B %Y}.</p>
      <p>The court orders that {name} be placed in the care of Bedford Borough Council until the final
      hearing or further order.</p><p>Demo document: not a real order.</p></body></html>"""
    return HTML(string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=StaticFilesOnly()).write_pdf()


def _storage_writable() -> bool:
    try:
        documents.documents_dir().mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(documents.documents_dir(), os.W_OK)


def seed_documents(in_care_worker) -> str:
    """A copy of the interim care order of the child in care, and the order in the Orders section.
    Returns a warning when the file storage cannot be written (the rest of the demo still loads)."""
    child = caseload(in_care_worker).first()
    if child is None:
        return ""
    made_on = timezone.localdate() - timedelta(days=76)
    document = Document.objects.filter(child=child, title=ORDER_TITLE, uploaded_by=in_care_worker).first()
    if document is None:
        if not _storage_writable():
            return f"Skipped the demo document: {documents.documents_dir()} cannot be written."
        upload = SimpleUploadedFile("interim-care-order.pdf", _order_pdf(child, made_on), content_type="application/pdf")
        try:
            with acting_as(in_care_worker):
                document = documents.upload_document(
                    child=child, by=in_care_worker, upload=upload, title=ORDER_TITLE, document_date=made_on,
                    category=Document.Category.ORDER, description="Sealed copy from the court")
        except OSError as error:
            return f"Skipped the demo document: {error}"
    if not CourtOrder.objects.filter(child=child, order_type=CourtOrder.OrderType.INTERIM_CARE, court=ORDER_COURT).exists():
        with acting_as(in_care_worker):
            documents.add_section_record(section="court_order", child=child, by=in_care_worker, document=document,
                                         order_type=CourtOrder.OrderType.INTERIM_CARE, court=ORDER_COURT,
                                         made_on=document.document_date)
    return ""


# --- Paper files (§1, §15) --------------------------------------------------------------------------

def seed_paper_files(worker, manager) -> None:
    """Two volumes for the worker's first child, from earlier involvement; volume 1 is out at court."""
    child = caseload(worker).first()
    if child is None or PaperFileVolume.objects.filter(child=child).exists():
        return
    with acting_as(worker):
        old = paper_files.add_volume(child=child, by=worker, number=1, covers_from=date(2019, 3, 4),
                                     covers_to=date(2022, 7, 29), usual_location="Records store, Borough Hall basement, bay 14",
                                     notes="Earlier involvement with the family, before the electronic record")
        paper_files.add_volume(child=child, by=worker, number=2, covers_from=date(2022, 8, 1), covers_to=None,
                               usual_location="Assessment Team office, cabinet 3, drawer 2")
        removal = paper_files.request_removal(
            child=child, by=worker, volumes=[old], destination=ORDER_COURT,
            reason="The court asked for the history of the earlier involvement with the family.",
            security_measures="Carried in a locked document bag and kept with me; back in the office the same evening.",
            return_by=timezone.localdate() + timedelta(days=10))
    with acting_as(manager):
        paper_files.approve_removal(removal=removal, by=manager)


# --- Oversight (§4, §13) ----------------------------------------------------------------------------

def seed_audit_sample(manager, team) -> None:
    """One sample of the team's last four weeks, drawn by its manager with a fixed seed."""
    if AuditSample.objects.filter(team=team).exists():
        return
    today = timezone.localdate()
    try:
        with acting_as(manager):
            audits.draw_sample(team=team, by=manager, period_start=today - timedelta(days=27), period_end=today,
                               per_practitioner=2, seed=AUDIT_SEED)
    except ValidationError:
        pass  # nothing recorded in the period (a demo database seeded long ago): no sample to draw

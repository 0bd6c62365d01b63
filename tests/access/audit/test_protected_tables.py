"""The one list of protected tables (access.audit.protected), enforced by PostgreSQL for every route.

Each test is parametrised over the list, so a table added to it later is tested here with no new
test: it needs only a way to make one of its rows (`ROWS`), and its migration.
"""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from access.audit.protected import APPEND_ONLY, BY_TABLE, NEVER_DELETED, PROTECTED
from records.designs import services as designs
from records.models import FormDesign
from tests.casework.basic_record.basic_record_builders import basic_record_items, link_as_siblings
from tests.factories import (
    AccessLogFactory, AuditDeficiencyFactory, ChronologyEventFactory, CourtOrderFactory, CourtReportFactory,
    DisclosureFactory, DraftEntryFactory, EducationRecordFactory, EmergencyAccessFactory, FlagFactory,
    HealthRecordFactory, InterventionOutcomeFactory, KeyTaskFactory, PlanFactory, PreTransferAuditFactory,
)
from tests.records.documents.document_builders import make_document
from tests.records.oversight.oversight_builders import completed_entry
from tests.records.paper_files.paper_builders import paper_removal, paper_volume
from casework.banner.services import add_alert
from casework.cin.models import ProtectionPlanReview
from casework.cin.services import KINDS

# --- One row of each protected model, with nothing pointing at it (a PROTECT reference would stop
# Django before the database is asked). History rows come from their model's first row.

TODAY = date(2026, 3, 2)


def _draft_entry(w):
    w.policy_designs
    design = FormDesign.objects.get(kind="contact_phone", status=FormDesign.Status.APPROVED)
    return DraftEntryFactory(child=w.child, case=w.case, kind="contact_phone", form_design=design,
                             event_at=timezone.now() - timedelta(hours=1), recorded_by=w.practitioner)


def _completed_entry(w):
    w.policy_designs
    now = timezone.now()
    return completed_entry(w.child, w.practitioner, event_at=now - timedelta(days=2), completed_at=now)


def _loss(w):
    from access.losses.models import LossReport

    return LossReport.objects.create(reported_by=w.practitioner, kind="laptop", what="Work laptop", lost_on=TODAY,
                                     lost_where="On the train", circumstances="Left on the luggage rack")


def _plan(w):
    return PlanFactory(child=w.child, by=w.practitioner, purpose="Attend school every day")


def _outcome(w):
    from records.plans.models import PlanOutcome

    return PlanOutcome.objects.create(plan=_plan(w), text="Attends school", created_by=w.practitioner)


def _basic_record_item(section):
    def make(w):
        return basic_record_items(w.child, w.practitioner)[section]
    return make


def _audit_sample(w):
    from records.oversight.models import AuditSample

    return AuditSample.objects.create(team=w.team, drawn_by=w.manager, period_start=TODAY - timedelta(days=30),
                                      period_end=TODAY, per_practitioner=1, seed=7)


def _case_item(w, kind, **fields):
    """A row made directly: the services' rules about dates are tested in tests/casework/cin."""
    return KINDS[kind].model.objects.create(case=w.case, recorded_by=w.practitioner, **fields)


def _pre_transfer_audit(w):
    return PreTransferAuditFactory(case=w.case, audited_by=w.manager)


def _section(section_factory, **fields):
    def make(w):
        return section_factory(child=w.child, by=w.practitioner, **fields)
    return make


def _fixed_form():
    return apps.get_model("records.FixedForm").objects.create(key="a-test-form", name="A test form")


ROWS = {
    # access
    "access.AccessLog": lambda w: AccessLogFactory(
        user=w.practitioner, child=w.child, requested_ref=w.child.local_id, page="casework:child_record",
        path="/", outcome="viewed"),
    "access.AuditEvent": lambda w: apps.get_model("access.AuditEvent").objects.create(
        actor=w.manager, action="allocated case", child=w.child),
    # Made directly, as a subject access release makes it: one that names what it shared (§7) is kept by those
    # items too (PROTECT), and this test is about the database's own refusal.
    "access.Disclosure": lambda w: apps.get_model("access.Disclosure").objects.create(
        child=w.child, shared_with_person="Dr Patel", what="The health plan", why="Treatment", shared_by=w.manager,
        shared_at=timezone.now(), basis="public_interest", public_interest_justification="Risk of harm",
        decided_by=w.manager),
    "access.EmergencyAccess": lambda w: EmergencyAccessFactory(
        user=w.practitioner, child=w.child, reason="Out of hours call", started_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=24)),
    "access.LossReport": _loss,
    "access.LossAffectedChild": lambda w: apps.get_model("access.LossAffectedChild").objects.create(
        loss=_loss(w), child=w.child),
    "access.LossNotification": lambda w: apps.get_model("access.LossNotification").objects.create(
        loss=_loss(w), user=w.manager),
    "access.LossRecoveryAction": lambda w: apps.get_model("access.LossRecoveryAction").objects.create(
        loss=_loss(w), taken_on=TODAY, action="Called lost property", recorded_by=w.practitioner),
    # casework: the basic record
    "casework.HouseholdMember": _basic_record_item("household"),
    "casework.ClosePerson": _basic_record_item("people"),
    "casework.ContactArrangement": _basic_record_item("contact"),
    "casework.Placement": _basic_record_item("placements"),
    "casework.LegalStatus": _basic_record_item("legal-status"),
    "casework.ProviderArrangement": _basic_record_item("providers"),
    "casework.SiblingLink": lambda w: link_as_siblings(w.child, w.other_child, w.practitioner),
    "casework.Alert": lambda w: add_alert(child=w.child, by=w.practitioner, kind="worker_safety",
                                          wording="Do not visit alone"),
    # casework: the plan
    "records.Plan": _plan,
    "records.PlanOutcome": _outcome,
    "records.OutcomeChange": lambda w: apps.get_model("records.OutcomeChange").objects.create(
        outcome=_outcome(w), action="added", changed_by=w.practitioner),
    "records.KeyTask": lambda w: KeyTaskFactory(
        outcome=_outcome(w), description="Meet the school", assigned_to_other="St Mary's", by=w.practitioner),
    "records.InterventionOutcome": lambda w: InterventionOutcomeFactory(
        entry=_draft_entry(w), outcome=_outcome(w), by=w.practitioner),
    # casework: transfers
    "casework.PreTransferAudit": _pre_transfer_audit,
    "casework.CaseTransfer": lambda w: apps.get_model("casework.CaseTransfer").objects.create(
        case=w.case, audit=_pre_transfer_audit(w), from_team=w.team, to_team=w.other_team, transfer_date=TODAY,
        reason="Long-term support", transferred_by=w.manager),
    # casework: the DfE code lists
    "casework.Assessment": lambda w: _case_item(w, "assessment", start_date=TODAY),
    "casework.Section47Enquiry": lambda w: _case_item(w, "section-47", start_date=TODAY, icpc_needed=False),
    "casework.ChildProtectionPlan": lambda w: _case_item(w, "protection-plan", start_date=TODAY,
                                                         initial_category="NEG"),
    "casework.CinPlan": lambda w: _case_item(w, "cin-plan", start_date=TODAY),
    "casework.AdoptionDecision": lambda w: apps.get_model("casework.AdoptionDecision").objects.create(
        child=w.child, decided_on=TODAY, recorded_by=w.practitioner),
    "casework.FrontDoorContact": lambda w: apps.get_model("casework.FrontDoorContact").objects.create(
        child=w.child, received_on=TODAY, source="2A", request="The school is worried", decision="advice",
        recorded_by=w.practitioner),
    "casework.AdoptionSiblingGroup": lambda w: apps.get_model("casework.AdoptionSiblingGroup").objects.create(
        created_by=w.practitioner),
    "casework.PreviousPermanence": lambda w: apps.get_model("casework.PreviousPermanence").objects.create(
        child=w.child, option="Z1", recorded_by=w.practitioner),
    # casework: care leavers (OC3) and the outcomes of children looked after (OC2), made directly: the services'
    # rules are tested in tests/casework/care_leavers
    "casework.CareLeaverContact": lambda w: apps.get_model("casework.CareLeaverContact").objects.create(
        child=w.child, birthday=19, in_touch="NO", recorded_by=w.practitioner),
    "casework.LookedAfterOutcomes": lambda w: apps.get_model("casework.LookedAfterOutcomes").objects.create(
        child=w.child, year=2025, immunisations=True, recorded_by=w.practitioner),
    "casework.PathwayPlanReview": lambda w: apps.get_model("casework.PathwayPlanReview").objects.create(
        child=w.child, reviewed_on=TODAY, eligibility="qualifying", recorded_by=w.practitioner),
    "casework.EarlyHelpAssessment": lambda w: apps.get_model("casework.EarlyHelpAssessment").objects.create(
        child=w.child, started_on=TODAY, organisation="school", recorded_by=w.practitioner),
    "casework.ProtectionPlanReview": lambda w: ProtectionPlanReview.objects.create(
        plan=_case_item(w, "protection-plan", start_date=TODAY, initial_category="NEG"), review_date=TODAY,
        recorded_by=w.practitioner),
    # casework: a looked-after child's reviews, missing episodes and UASC status (rules: tests/casework/looked_after)
    "casework.LookedAfterReview": lambda w: apps.get_model("casework.LookedAfterReview").objects.create(
        child=w.child, review_date=TODAY, participation="PN1", recorded_by=w.practitioner),
    "casework.MissingEpisode": lambda w: apps.get_model("casework.MissingEpisode").objects.create(
        child=w.child, kind="M", start_date=TODAY, recorded_by=w.practitioner),
    "casework.UascStatus": lambda w: apps.get_model("casework.UascStatus").objects.create(
        child=w.child, is_uasc=True, recorded_by=w.practitioner),
    "casework.CodeList": lambda w: apps.get_model("casework.CodeList").objects.create(
        key="a-test-list", name="A test list", used_in="No return"),
    "casework.Code": lambda w: apps.get_model("casework.Code").objects.create(
        code_list=apps.get_model("casework.CodeList").objects.create(key="a-test-list", name="A test list"),
        code="ZZ", meaning="A test code", valid_from_year=2025),
    # records
    "records.FormDesign": lambda w: designs.create_draft(kind="visit", by=w.admin_user),
    "records.Entry": _draft_entry,
    "records.EntryAmendment": lambda w: apps.get_model("records.EntryAmendment").objects.create(
        entry=_completed_entry(w), amended_by=w.practitioner, reason="Wrong date", previous_answers={}),
    "records.EntryDateChange": lambda w: apps.get_model("records.EntryDateChange").objects.create(
        entry=_draft_entry(w), previous_event_at=timezone.now() - timedelta(days=1),
        new_event_at=timezone.now() - timedelta(hours=1), reason="The family asked to move it",
        changed_by=w.practitioner),
    "records.Flag": lambda w: FlagFactory(kind="test", child=w.child, case=w.case, due_at=timezone.now()),
    "records.ChronologyEvent": lambda w: ChronologyEventFactory(
        child=w.child, happened_on=TODAY, title="Moved school", category="education", by=w.practitioner),
    "records.AuditSample": _audit_sample,
    "records.RecordAudit": lambda w: apps.get_model("records.RecordAudit").objects.create(
        sample=_audit_sample(w), child=w.child, practitioner=w.practitioner, position=1),
    "records.AuditDeficiency": lambda w: AuditDeficiencyFactory(
        child=w.child, description="Record the child's views", assigned_to=w.practitioner, put_right_by=TODAY,
        by=w.manager),
    "records.Document": lambda w: make_document(w.child, w.practitioner),
    "records.CourtOrder": _section(CourtOrderFactory, order_type="care", court="Family Court", made_on=TODAY),
    "records.CourtReport": _section(CourtReportFactory, kind="local_authority", author="Priya Shah",
                                    court="Family Court", report_date=TODAY),
    "records.EducationRecord": _section(EducationRecordFactory, school="St Mary's", sen_status="none"),
    "records.HealthRecord": _section(HealthRecordFactory, kind="health_plan", carried_out_on=TODAY,
                                     carried_out_by="LAC nurse"),
    "records.PaperFileVolume": lambda w: paper_volume(w.child),
    "records.PaperFileMove": lambda w: apps.get_model("records.PaperFileMove").objects.create(
        volume=paper_volume(w.child), moved_on=TODAY, from_location="Cabinet 3", to_location="Cabinet 4",
        recorded_by=w.practitioner),
    "records.PaperFileRemoval": lambda w: paper_removal(w.child, "requested"),
    "records.PaperFileArrival": lambda w: apps.get_model("records.PaperFileArrival").objects.create(
        move=apps.get_model("records.PaperFileMove").objects.create(
            volume=paper_volume(w.child), moved_on=TODAY, from_location="Cabinet 4", to_location="Cabinet 5",
            recorded_by=w.manager, to_team=w.team, arrival_due_on=TODAY),
        confirmed_by=w.practitioner),
    "records.FixedForm": lambda w: _fixed_form(),
    "records.FixedFormVersion": lambda w: apps.get_model("records.FixedFormVersion").objects.create(
        form=_fixed_form(), version=1, fields=[], fingerprint="0" * 64),
    "records.DisclosedItem": lambda w: apps.get_model("records.DisclosedItem").objects.create(
        disclosure=DisclosureFactory(
            child=w.child, shared_with_person="Grace", what="The visit", why="She asked", by=w.practitioner,
            basis="routine", entries=[_completed_entry(w)]).items.get().disclosure,
        document=make_document(w.child, w.practitioner)),
    "records.AuditSchedule": lambda w: apps.get_model("records.AuditSchedule").objects.create(
        team=w.team, records_per_month=2, starts_on=TODAY.replace(day=1)),
    "records.AuditDelegation": lambda w: apps.get_model("records.AuditDelegation").objects.create(
        team=w.team, delegate=w.practitioner, delegated_by=w.manager, starts_on=TODAY, ends_on=TODAY),
    "records.OutcomeProgress": lambda w: apps.get_model("records.OutcomeProgress").objects.create(
        entry=_draft_entry(w), outcome=_outcome(w), progress="Attends most days", written_by=w.practitioner),
    # statutory returns (issue 17)
    "casework.ReturnBuild": lambda w: apps.get_model("casework.ReturnBuild").objects.create(
        kind="cin_census", year=2025, la_number="822", requested_by=w.manager),
    # retention (issue 18)
    "records.RetentionRule": lambda w: _retention_rule(),
    "records.ErasedRecord": lambda w: apps.get_model("records.ErasedRecord").objects.create(
        local_id="X00000001", case_dates=[], rule_applied="Every other record", proposed_by=w.practitioner,
        proposed_at=timezone.now(), approved_by=w.manager, approved_at=timezone.now()),
}


def _retention_rule():
    """A rule saved through the model, so that it has a history row."""
    rule, _ = apps.get_model("records.RetentionRule").objects.get_or_create(
        code="other", defaults={"name": "Every other record", "regulation": "The council's schedule",
                                "years_from_birth": 25, "years_after_closure": 6})
    rule.save()
    return rule

# Models with a history table that the list leaves out, and why. A new model with history must be
# either listed as protected or named here.
NOT_PROTECTED = {
    "access.Team": "teams are renamed and retired in the admin",
    "access.StaffProfile": "staff details change; leavers are deactivated",
    "access.ChildUserObjectPermission": "a grant of access is withdrawn by deleting it (with an audit event)",
    "access.ChildGroupObjectPermission": "a grant of access is withdrawn by deleting it (with an audit event)",
    "access.Restriction": "no never-deleted rule yet: lifted, not deleted, by the services",
    "access.Consent": "no never-deleted rule yet: withdrawn, not deleted, by the services",
    "access.RecordsInformation": "no never-deleted rule yet",
    "access.SubjectAccessRequest": "no never-deleted rule yet",
    "casework.Household": "no never-deleted rule yet",
    "records.VisitRule": "a council's statutory visit rule is changed in the admin, never added or deleted there",
    "casework.Child": "no never-deleted rule yet (its rows are held by PROTECT references)",
    "casework.Case": "no never-deleted rule yet (its rows are held by PROTECT references)",
    "casework.Allocation": "no never-deleted rule yet: ended, not deleted, by the services",
    "records.FormQuestion": "deleted while its design is a draft (records 0003 guards the rest)",
    "records.GlossaryTerm": "a guidance list, edited in the admin",
    "records.PhraseToAvoid": "a guidance list, edited in the admin",
    "records.ClosureDay": "a calendar, edited in the admin",
    "records.ClosedCaseRecordingPermission": "no never-deleted rule yet",
    "records.PdfJob": "no never-deleted rule yet",
}

# The models whose own delete() refused before the list existed: each must stay protected.
OLD_DELETE_OVERRIDES = {
    "records.ChronologyEvent", "records.FormDesign", "records.PaperFileVolume", "records.PaperFileMove",
    "records.PaperFileRemoval", "records.Entry", "records.AuditSample", "records.RecordAudit",
    "records.AuditDeficiency", "records.Document", "records.CourtOrder", "records.CourtReport",
    "records.EducationRecord", "records.HealthRecord", "records.Plan", "records.PlanOutcome",
    "records.OutcomeChange", "records.KeyTask", "records.InterventionOutcome", "casework.HouseholdMember",
    "casework.ClosePerson", "casework.ContactArrangement", "casework.Placement", "casework.LegalStatus",
    "casework.ProviderArrangement", "casework.SiblingLink", "casework.PreTransferAudit", "casework.CaseTransfer",
    "access.LossReport", "access.LossAffectedChild", "access.LossNotification", "access.LossRecoveryAction",
}


def _models_by_table():
    return {model._meta.db_table: model for model in apps.get_models()}


def _is_history(model) -> bool:
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def _project_models():
    return [m for m in apps.get_models() if m._meta.app_label in ("access", "casework", "records") and not _is_history(m)]


class _Fixtures:
    """The test's fixtures, each made only when a builder first asks for it (most tables need few)."""

    NAMES = {"team": "assessment_team", "other_team": "care_team"}

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        if name == "case":
            value = self.child.cases.get()
        else:
            value = self._request.getfixturevalue(self.NAMES.get(name, name))
        setattr(self, name, value)
        return value


@pytest.fixture
def w(request, db):
    return _Fixtures(request)


def a_row_of(table: str, w):
    model = _models_by_table()[table]
    if _is_history(model):
        base = ROWS[model.instance_type._meta.label](w)
        return model.objects.filter(history_relation_id=base.pk).first() if hasattr(model, "history_relation") \
            else model.objects.filter(id=base.pk).order_by("history_id").first()
    return ROWS[model._meta.label](w)


def refusal(action) -> str:
    """Run `action` in a savepoint; return the database's refusal (the test fails if there is none)."""
    with pytest.raises(DatabaseError) as refused:
        with transaction.atomic():
            action()
    return str(refused.value)


def _a_column(row):
    field = next(f for f in row._meta.concrete_fields if not f.primary_key)
    return {field.attname: getattr(row, field.attname)}


@pytest.mark.parametrize("protected", PROTECTED, ids=lambda p: p.table)
def test_the_database_refuses_what_the_tables_rule_forbids(protected, w):
    row = a_row_of(protected.table, w)
    assert row is not None
    model, words = type(row), ("never deleted" if protected.rule == NEVER_DELETED else "append-only")
    rows = model._base_manager.filter(pk=row.pk)

    for delete in (row.delete, rows.delete):
        message = refusal(delete)
        assert words in message.lower()
        if not protected.enforced_by:  # the list's own triggers name the table and the rule
            assert protected.table in message and protected.rule in message
    if protected.rule == APPEND_ONLY:
        assert words in refusal(lambda: rows.update(**_a_column(row))).lower()
    elif not protected.enforced_by:
        rows.update(**_a_column(row))  # never deleted, but changed through the services: an UPDATE passes
    assert rows.exists()


def test_every_listed_table_is_a_table_of_the_project():
    by_table = _models_by_table()
    assert [t for t in BY_TABLE if t not in by_table] == []


def test_every_model_that_is_never_deleted_is_listed():
    tables = {label: apps.get_model(label)._meta.db_table for label in OLD_DELETE_OVERRIDES}
    assert [label for label, table in tables.items() if table not in BY_TABLE] == []
    for model in _project_models():
        history = getattr(model, "history", None)
        if history is None:
            continue
        label = model._meta.label
        if model._meta.db_table in BY_TABLE:
            history_table = history.model._meta.db_table
            assert BY_TABLE.get(history_table) and BY_TABLE[history_table].rule == APPEND_ONLY, (
                f"{label}: its history rows ({history_table}) must be listed as append-only")
        else:
            assert label in NOT_PROTECTED, f"{label} has history: list it in access.audit.protected, or say why not"


def test_every_protected_model_can_be_built_for_the_tests():
    by_table = _models_by_table()
    labels = {(m.instance_type if _is_history(m) else m)._meta.label for m in (by_table[t] for t in BY_TABLE)}
    assert sorted(labels - set(ROWS)) == []


def test_the_database_is_the_one_place_that_refuses_a_delete():
    """No protected model has a delete() of its own: the rule is the database's, whatever the route."""
    by_table = _models_by_table()
    own_delete = [
        model._meta.label for model in (by_table[t] for t in BY_TABLE)
        if any("delete" in vars(cls) for cls in model.__mro__ if cls is not models.Model
               and cls.__module__.split(".")[0] in ("access", "casework", "records"))
    ]
    assert own_delete == []

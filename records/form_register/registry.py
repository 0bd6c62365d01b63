"""The fixed forms in the register (§2): every form users fill in to record something, named in words.

An explicit list, so that a form is in the register because someone put it there
(tests/records/form_register/test_registry.py fails when a form class in a forms module is missing).
Not listed: forms that only find, choose or sign in (sign-in, two-step code, password change, the
PDF request, the choice of outcomes a record serves), and the record forms built from approved designs
(records.designs, approved there).

`build` gives the arguments a form needs to be made without a particular child; a form whose
fields depend on a particular child, entry or request has build=None, and its fields are read from
the class (the fields it declares, the same for every child).
"""

from dataclasses import dataclass, field

from casework.banner import forms as banner
from casework.basic_record import forms as basic_record
from casework.care_leavers import forms as care_leavers
from casework.early_help import forms as early_help
from casework.children import forms as children
from casework.cin import forms as cin
from casework.contacts import forms as contacts
from casework.looked_after import forms as looked_after
from casework.adoption import forms as adoption
from casework.losses import forms as losses
from casework.transfers import forms as transfers
from records.chronology.views import ChronologyEventForm
from records.designs import forms as designs
from records.documents import forms as documents
from records.entries import forms as entries
from records.oversight import forms as oversight
from records.paper_files import forms as paper_files
from records.plans import forms as plans
from records.retention import forms as retention
from records.sharing import forms as sharing


@dataclass(frozen=True)
class RegisteredForm:
    key: str  # stays the same when the class is renamed or moved
    name: str  # in words, as senior leaders see it
    form_class: type
    build: dict | None = field(default_factory=dict)  # None: read the declared fields only


REGISTER: tuple[RegisteredForm, ...] = (
    # Referral and the child's case
    RegisteredForm("referral", "Referral of a child", children.ChildReferralForm),
    RegisteredForm("allocation", "Allocating a case", children.AllocationForm, None),
    RegisteredForm("worker-change-reason", "The reason a social worker changed", children.SwChangeReasonForm, None),
    RegisteredForm("case-closure", "Closing a case", children.CloseCaseForm, None),
    RegisteredForm("new-referral", "A new referral of a child known before", children.NewReferralForm),
    RegisteredForm("contact-received", "A contact received about a child", contacts.ContactForm),
    RegisteredForm("contact-received-correction", "Correcting a contact received about a child",
                   contacts.CorrectContactForm),
    RegisteredForm("emergency-access", "Emergency access to a record", children.EmergencyAccessForm),
    RegisteredForm("alert", "An alert on the child's record", banner.AlertForm),
    RegisteredForm("alert-end", "Ending an alert", banner.EndAlertForm),
    RegisteredForm("restriction", "Restricting a record", children.RestrictForm),
    RegisteredForm("restricted-access", "Giving access to a restricted record", children.GrantRestrictedAccessForm),
    RegisteredForm("communication-needs", "The child's communication needs", children.CommunicationNeedsForm),
    RegisteredForm("identity-details", "The child's sex, ethnicity, disability and school details",
                   children.IdentityDetailsForm, None),
    RegisteredForm("case-referral-and-need", "A case's referral source, primary need and outcome",
                   children.CaseReturnDetailsForm),
    # What the children in need census asks of a case (issue 17)
    RegisteredForm("assessment", "An assessment", cin.AssessmentForm),
    RegisteredForm("section-47", "A section 47 enquiry", cin.Section47Form),
    RegisteredForm("protection-plan", "A child protection plan", cin.ProtectionPlanForm),
    RegisteredForm("cin-plan", "A child in need plan", cin.CinPlanForm),
    RegisteredForm("protection-plan-review", "A review of a child protection plan", cin.ReviewForm),
    # What the SSDA903 return asks of a looked-after child beyond placements and legal status (issue 17)
    RegisteredForm("looked-after-review", "A looked-after review", looked_after.ReviewForm),
    RegisteredForm("missing-episode", "A missing or away from placement episode", looked_after.MissingForm),
    RegisteredForm("uasc-status", "Whether a child is or was an unaccompanied asylum-seeking child",
                   looked_after.UascForm),
    RegisteredForm("adoption-decision", "A decision to place a child for adoption", adoption.DecisionForm),
    RegisteredForm("adoption-match", "A match with adopters", adoption.MatchForm),
    RegisteredForm("adoption-reversal", "A decision that a child should no longer be placed for adoption",
                   adoption.ReversalForm),
    RegisteredForm("adoption-siblings", "Brothers and sisters to be placed for adoption together",
                   adoption.PlacedWithForm),
    RegisteredForm("previous-permanence", "A child's previous permanence option", adoption.PreviousPermanenceForm),
    # What the SSDA903 return asks about care leavers and children looked after for 12 months (issue 17)
    RegisteredForm("care-leaver", "Care leaver information at a birthday", care_leavers.CareLeaverContactForm),
    RegisteredForm("looked-after-outcomes", "A looked-after child's outcomes for a year", care_leavers.OutcomesForm),
    RegisteredForm("pathway-plan-review", "A care leaver's pathway plan review", care_leavers.PathwayPlanReviewForm),
    # What Ofsted's Annex A asks about early help (list 2)
    RegisteredForm("early-help-assessment", "An early help assessment", early_help.EarlyHelpAssessmentForm),
    # The basic record (§5.1)
    RegisteredForm("household-member", "Someone in the household", basic_record.HouseholdMemberForm),
    RegisteredForm("household-member-left", "Someone leaving the household", basic_record.MemberLeftForm, None),
    RegisteredForm("close-person", "Someone close to the child", basic_record.ClosePersonForm),
    RegisteredForm("contact-arrangement", "Contact arrangements", basic_record.ContactArrangementForm),
    RegisteredForm("placement", "Placement", basic_record.PlacementForm),
    RegisteredForm("legal-status", "Legal status", basic_record.LegalStatusForm),
    RegisteredForm("provider-arrangement", "Arrangement with a private provider", basic_record.ProviderArrangementForm),
    RegisteredForm("end-item", "Ending an item of the basic record", basic_record.EndItemForm, None),
    RegisteredForm("sibling-link", "Link to a brother or sister", basic_record.SiblingLinkForm),
    RegisteredForm("end-sibling-link", "Ending a link to a brother or sister", basic_record.EndSiblingLinkForm),
    RegisteredForm("court-order", "Court order", documents.CourtOrderForm, None),
    RegisteredForm("court-report", "Court report", documents.CourtReportForm, None),
    RegisteredForm("education", "Education", documents.EducationForm, None),
    RegisteredForm("health", "Health", documents.HealthForm, None),
    RegisteredForm("document-upload", "Adding a document", documents.DocumentUploadForm),
    RegisteredForm("document-withdrawal", "Withdrawing a document", documents.WithdrawDocumentForm),
    RegisteredForm("return-to-child", "Returning material to the child", documents.ReturnToChildForm),
    RegisteredForm("chronology-event", "Chronology event", ChronologyEventForm),
    # Recording visits, contacts and decisions: the fixed parts around the approved designs
    RegisteredForm("visit-planned", "Planning a visit", entries.PlanVisitForm),
    RegisteredForm("contact-start", "Starting a contact record", entries.ContactStartForm),
    RegisteredForm("decision-start", "Starting a decision record", entries.DecisionStartForm),
    RegisteredForm("visit-basic-details", "Basic details of a visit", entries.VisitBasicDetailsForm),
    RegisteredForm("visit-failed", "A failed visit", entries.FailedVisitForm),
    RegisteredForm("same-day", "Recording the same day", entries.SameDayForm),
    RegisteredForm("authorship", "Who provided the information, and sign-off", entries.AuthorshipForm, None),
    RegisteredForm("amendment", "Amending a completed record", entries.AmendmentForm),
    RegisteredForm("closed-case-permission", "Permission to record on a closed case", entries.ClosedCasePermissionForm),
    RegisteredForm("restriction-review", "Reviewing a restriction", entries.ReviewRestrictionForm),
    # Plans and reviews (§5.4)
    RegisteredForm("plan", "Starting a plan", plans.PlanStartForm),
    RegisteredForm("plan-type", "Changing the type of plan", plans.PlanTypeForm, None),
    RegisteredForm("plan-outcome", "An outcome of the plan", plans.OutcomeForm, None),
    RegisteredForm("plan-outcome-change", "Changing an outcome of the plan", plans.OutcomeChangeForm, None),
    RegisteredForm("key-task", "A key task", plans.KeyTaskForm),
    RegisteredForm("key-task-done", "A key task done", plans.KeyTaskDoneForm, None),
    RegisteredForm("review-decisions", "The review's decisions on the outcomes", plans.ReviewDecisionsForm, None),
    # Consent, disclosure and subject access (§3, §7)
    RegisteredForm("consent", "Consent to share information", sharing.ConsentForm),
    RegisteredForm("consent-withdrawal", "Withdrawing consent", sharing.WithdrawConsentForm, None),
    RegisteredForm("disclosure", "Disclosure of information", sharing.DisclosureForm, None),
    RegisteredForm("records-information", "Telling the family about their records", sharing.RecordsInformationForm, None),
    RegisteredForm("subject-access-request", "Subject access request", sharing.SubjectAccessRequestForm),
    RegisteredForm("subject-access-extension", "Extending a subject access request", sharing.ExtensionForm, None),
    RegisteredForm("subject-access-status", "Progress of a subject access request", sharing.StatusForm, None),
    # Paper files (§1, §15)
    RegisteredForm("paper-file-volume", "A paper file volume", paper_files.VolumeForm, None),
    RegisteredForm("paper-file-move", "Moving a paper file volume", paper_files.MoveVolumeForm, None),
    RegisteredForm("paper-file-arrival", "Confirming a paper file volume arrived", paper_files.ConfirmArrivalForm, None),
    RegisteredForm("paper-file-removal", "Asking to remove a paper file", paper_files.RemovalRequestForm, None),
    RegisteredForm("paper-file-removal-decision", "Deciding on removing a paper file", paper_files.DecideRemovalForm),
    RegisteredForm("paper-file-return", "Returning a paper file", paper_files.ReturnForm, None),
    # Transfers (§15.2)
    RegisteredForm("pre-transfer-audit", "Audit before a transfer", transfers.PreTransferAuditForm),
    RegisteredForm("transfer", "Transferring a case", transfers.TransferForm, None),
    RegisteredForm("transfer-confirmation", "Confirming a transfer", transfers.ConfirmTransferForm, None),
    # Losses (§15.1, §16)
    RegisteredForm("loss-report", "Reporting a lost record", losses.LossReportForm, None),
    RegisteredForm("loss-recovery", "Action to recover a lost record", losses.RecoveryActionForm, None),
    RegisteredForm("loss-family-told", "Telling the family about a loss", losses.FamilyToldForm, None),
    RegisteredForm("loss-closure", "Closing a loss report", losses.CloseLossForm),
    # Audits (§13)
    RegisteredForm("audit-sample", "Choosing records to audit", oversight.SampleForm, None),
    RegisteredForm("audit-delegation", "Delegating the audit of a team's records", oversight.DelegationForm, None),
    RegisteredForm("record-audit", "Auditing a record", oversight.AuditForm),
    RegisteredForm("audit-deficiency", "A deficiency found by an audit", oversight.DeficiencyForm, None),
    RegisteredForm("audit-deficiency-done", "A deficiency put right", oversight.DoneForm),
    RegisteredForm("audit-deficiency-review", "Checking a deficiency was put right", oversight.ReviewDoneForm),
    # Retention (issue 18): the data protection officer's and senior leadership's decisions
    RegisteredForm("retention-keep-longer", "Keeping a record longer", retention.KeepLongerForm),
    RegisteredForm("retention-hold", "Placing a legal hold on a record", retention.PlaceHoldForm),
    RegisteredForm("retention-lift-hold", "Lifting a legal hold", retention.LiftHoldForm),
    RegisteredForm("erasure-proposal", "Proposing to erase a record", retention.ProposeErasureForm),
    RegisteredForm("erasure-decision", "Deciding on erasing a record", retention.ErasureDecisionForm),
    # Form designs (§2): senior leadership's decision on a design submitted for approval
    RegisteredForm("design-decision", "Deciding on a form design", designs.DecisionForm),
)

BY_KEY = {entry.key: entry for entry in REGISTER}
assert len(BY_KEY) == len(REGISTER), "a form is registered twice"


def field_list(entry: RegisteredForm) -> list[dict]:
    """The form's fields as users see them, read from the form class itself."""
    if entry.build is None:
        fields = entry.form_class.base_fields
    else:
        fields = entry.form_class(**entry.build).fields
    return [
        {
            "name": name,
            "label": str(form_field.label if form_field.label is not None else name.replace("_", " ").capitalize()),
            "help_text": str(form_field.help_text or ""),
            "required": bool(form_field.required),
        }
        for name, form_field in fields.items()
    ]

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone


class AccessPage(models.TextChoices):
    """Every page of a child's record whose views and refusals are logged: the stored code is the page's
    URL name, and people are shown its words. A new page on a child's record needs a member here."""

    CHILD_RECORD = "casework:child_record", "Child's record"
    ALLOCATE = "casework:allocate", "Allocate the case"
    ALLOCATION_REASON = "casework:allocation_reason", "Give the reason a social worker changed"
    COMMUNICATION = "casework:communication", "Communication needs"
    IDENTITY_DETAILS = "casework:identity_details", "Sex, ethnicity, disability and school details"
    CASE_RETURN_DETAILS = "casework:case_return_details", "A case's referral and need"
    NEW_REFERRAL = "casework:new_referral", "Record a new referral"
    CLOSE_CASE = "casework:close_case", "Close the case"
    ACCESS_LOG = "casework:access_log", "Who has viewed the record"
    ACCESS_LOG_CSV = "casework:access_log_csv", "Export of who has viewed the record"
    GRANT_RESTRICTED_ACCESS = "casework:grant_restricted_access", "Give access to restricted information"
    PLAN = "records:plan", "Plan"
    PLAN_START = "records:plan_start", "Start the plan"
    PLAN_TYPE_CHANGE = "records:plan_type_change", "Change the type of plan"
    OUTCOME_ADD = "records:outcome_add", "Add an outcome to the plan"
    OUTCOME_CHANGE = "records:outcome_change", "Change an outcome of the plan"
    TASK_ADD = "records:task_add", "Add a task to the plan"
    TASK_DONE = "records:task_done", "Mark a plan task done"
    PLAN_REVIEW = "records:plan_review", "Plan review"
    HOUSEHOLD_MEMBER_ADD = "casework:household_member_add", "Add a household member"
    HOUSEHOLD_MEMBER_LEFT = "casework:household_member_left", "Record a household member leaving"
    BASIC_RECORD_ADD = "casework:basic_record_add", "Add to the basic record"
    BASIC_RECORD_CORRECT = "casework:basic_record_correct", "Correct the basic record"
    BASIC_RECORD_END = "casework:basic_record_end", "End an item on the basic record"
    BASIC_RECORD_RESTRICT = "casework:basic_record_restrict", "Restrict an item on the basic record"
    SIBLING_LINK_ADD = "casework:sibling_link_add", "Link a brother or sister"
    SIBLING_LINK_END = "casework:sibling_link_end", "End a brother or sister link"
    TRANSFER = "casework:transfer", "Case transfer"
    TRANSFER_AUDIT = "casework:transfer_audit", "Pre-transfer audit"
    TRANSFER_NEW = "casework:transfer_new", "Transfer the case"
    TRANSFER_CONFIRM = "casework:transfer_confirm", "Confirm the transferred record arrived"
    # The record page's less used sections, on their own tabs, and the banner's alerts (issue 16).
    CHILD_FAMILY = "casework:child_family", "Family, placements and legal status"
    CHILD_ORDERS = "casework:child_orders", "Orders, court reports, education and health"
    CHILD_CASES = "casework:child_cases", "Cases and allocation history"
    ALERTS = "casework:alerts", "Alerts"
    ALERT_ADD = "casework:alert_add", "Add an alert"
    ALERT_END = "casework:alert_end", "End an alert"
    # A case's assessments, section 47 enquiries, child protection plans and child in need plans (issue 17).
    CIN_ITEM_ADD = "casework:cin_item_add", "Add an assessment, enquiry or plan to a case"
    CIN_ITEM_CHANGE = "casework:cin_item_change", "Change an assessment, enquiry or plan of a case"
    CP_REVIEW_ADD = "casework:cp_review_add", "Record a child protection plan review"
    # A looked-after child's reviews, missing episodes and UASC status (issue 17).
    LAC_REVIEW_ADD = "casework:lac_review_add", "Record a looked-after review"
    LAC_REVIEW_CHANGE = "casework:lac_review_change", "Change a looked-after review"
    LAC_MISSING_ADD = "casework:lac_missing_add", "Record a missing or away from placement episode"
    LAC_MISSING_CHANGE = "casework:lac_missing_change", "Change a missing or away from placement episode"
    LAC_UASC = "casework:lac_uasc", "Unaccompanied asylum-seeking child status"
    ADOPTION = "casework:adoption", "Adoption and permanence"
    ADOPTION_RECORD = "casework:adoption_record", "Record a decision to place for adoption, or previous permanence"
    ADOPTION_UPDATE = "casework:adoption_update", ("Record a match with adopters, the brothers and sisters to be placed "
                                                   "with, or a decision reversed")
    FRONT_DOOR_CONTACT_ADD = "casework:front_door_contact_add", "Record a contact received about the child"
    FRONT_DOOR_CONTACT_CORRECT = "casework:front_door_contact_correct", "Correct a contact received about the child"
    CARE_LEAVER_CONTACT = "casework:care_leaver_contact", "Care leaver information at a birthday"
    LOOKED_AFTER_OUTCOMES = "casework:looked_after_outcomes", "A looked-after child's outcomes for a year"
    PATHWAY_PLAN_REVIEW = "casework:pathway_plan_review", "Record a pathway plan review"
    EARLY_HELP_ADD = "casework:early_help_add", "Record an early help assessment"
    EARLY_HELP_CHANGE = "casework:early_help_change", "Change an early help assessment"

    SUMMARY_NEW = "records:summary_new", "Start a summary"
    CHRONOLOGY = "records:chronology", "Chronology"
    CHRONOLOGY_ADD = "records:chronology_add", "Add to the chronology"
    ENTRY_LIST = "records:entry_list", "Case records"
    VISIT_NEW = "records:visit_new", "Start a visit record"
    CONTACT_NEW = "records:contact_new", "Start a contact record"
    DECISION_NEW = "records:decision_new", "Start a decision record"
    ENTRY_DETAIL = "records:entry_detail", "Case record"
    BASIC_DETAILS = "records:basic_details", "Case record details"
    FAILED_VISIT = "records:failed_visit", "Record a visit that did not happen"
    SAME_DAY = "records:same_day", "Mark a case record to be recorded the same day"
    WRITE_UP = "records:write_up", "Write up a case record"
    AUTOSAVE = "records:autosave", "Write up a case record (saved automatically)"
    CHECK_AND_SIGN = "records:check_and_sign", "Check and sign a case record"
    PLAIN_ENGLISH = "records:plain_english", "Write up a case record (plain English advice)"
    AMEND = "records:amend", "Amend a case record"
    ENDORSE = "records:endorse", "Endorse a case record"
    RESTRICT = "records:restrict", "Restrict a case record"
    RESTRICTED_SECTION = "records:restricted_section", "Restricted section"
    REVIEW_RESTRICTION = "records:review_restriction", "Review a restriction"
    ALLOW_CLOSED_CASE_RECORDING = "records:allow_closed_case_recording", "Allow recording on a closed case"
    SHARING = "records:sharing", "Sharing"
    RECORDS_INFORMATION_NEW = "records:records_information_new", "Record telling them about their records"
    CONSENT_NEW = "records:consent_new", "Record consent"
    CONSENT_WITHDRAW = "records:consent_withdraw", "Record consent withdrawn"
    DISCLOSURE_NEW = "records:disclosure_new", "Record information shared"
    SAR_NEW = "records:sar_new", "Record a subject access request"
    SAR_DETAIL = "records:sar_detail", "Subject access request"
    SAR_EXTEND = "records:sar_extend", "Extend a subject access request"
    SAR_STATUS = "records:sar_status", "Update a subject access request"
    PDF_REQUEST = "records:pdf_request", "Ask for a PDF of the record"
    PDF_STATUS = "records:pdf_status", "PDF of the record"
    PDF_PROGRESS = "records:pdf_progress", "PDF of the record (progress check)"
    PDF_DOWNLOAD = "records:pdf_download", "Download a PDF of the record"
    SAR_BUNDLE = "records:sar_bundle", "Subject access bundle"
    SAR_RELEASE = "records:sar_release", "Release a subject access bundle"
    DOCUMENTS = "records:documents", "Documents"
    DOCUMENT_UPLOAD = "records:document_upload", "Upload a document"
    DOCUMENT_DETAIL = "records:document_detail", "Document"
    DOCUMENT_DOWNLOAD = "records:document_download", "Download a document"
    DOCUMENT_WITHDRAW = "records:document_withdraw", "Withdraw a document"
    DOCUMENT_RETURN = "records:document_return", "Return the child's own material"
    DOCUMENT_RESTRICT = "records:document_restrict", "Restrict a document"
    COURT_ORDER_ADD = "records:court_order_add", "Record a court order"
    COURT_REPORT_ADD = "records:court_report_add", "Record a court report"
    EDUCATION_ADD = "records:education_add", "Record education details"
    HEALTH_ADD = "records:health_add", "Record health details"
    SECTION_CORRECT = "records:section_correct", "Correct an order, court report, education or health details"
    PAPER_FILES = "records:paper_files", "Paper files"
    PAPER_VOLUME_NEW = "records:paper_volume_new", "Record a paper file volume"
    PAPER_VOLUME_MOVE = "records:paper_volume_move", "Move a paper file volume"
    PAPER_REMOVAL_NEW = "records:paper_removal_new", "Ask to take a paper file out"
    PAPER_REMOVAL_DECIDE = "records:paper_removal_decide", "Decide on taking a paper file out"
    PAPER_REMOVAL_RETURN = "records:paper_removal_return", "Record a paper file coming back"
    PAPER_MOVE_CONFIRM = "records:paper_move_confirm", "Confirm a paper file volume arrived"
    # §4 (EDT): not a page of one record, but the children it lists are logged (outcome "listed").
    EMERGENCY_SEARCH = "casework:emergency_access", "Emergency duty search"
    RECORD_AUDIT = "records:record_audit", "Case file audit"
    DEFICIENCY_NEW = "records:deficiency_new", "Record an audit action"
    DEFICIENCY = "records:deficiency", "Audit action"
    CHILD_HISTORY = "records:child_history", "History of the record"
    ENTRY_HISTORY = "records:entry_history", "History of a case record"
    # Retention (issue 18): the data protection officer's decisions on a record past its retention date.
    RETENTION_KEEP_LONGER = "records:retention_keep_longer", "Keep a record longer (retention)"
    RETENTION_PLACE_HOLD = "records:retention_place_hold", "Place a legal hold"
    RETENTION_LIFT_HOLD = "records:retention_lift_hold", "Lift a legal hold"
    RETENTION_PROPOSE_ERASURE = "records:retention_propose_erasure", "Propose erasing a record"
    # The plan's pages were casework's until plans moved to records: older rows keep their code and words.
    OLD_PLAN = "casework:plan", "Plan"
    OLD_PLAN_START = "casework:plan_start", "Start the plan"
    OLD_OUTCOME_ADD = "casework:outcome_add", "Add an outcome to the plan"
    OLD_OUTCOME_CHANGE = "casework:outcome_change", "Change an outcome of the plan"
    OLD_TASK_ADD = "casework:task_add", "Add a task to the plan"
    OLD_TASK_DONE = "casework:task_done", "Mark a plan task done"
    OLD_PLAN_REVIEW = "casework:plan_review", "Plan review"


class AccessLog(models.Model):
    """Append-only: every view of a child's record, and every refused attempt (who, when, which page).

    Rows are never changed, so there is no history table; a database trigger rejects UPDATE and DELETE.
    Written only by access.audit.access_log.
    """

    class Outcome(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        DENIED = "denied", "Refused"
        LISTED = "listed", "Shown in search results (name, date of birth, team)"

    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("casework.Child", null=True, on_delete=models.PROTECT, related_name="+")
    requested_ref = models.CharField(max_length=64, blank=True, help_text="The child reference in the address")
    page = models.CharField(max_length=100, choices=AccessPage.choices)
    path = models.CharField(max_length=500)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        indexes = [
            models.Index(fields=["child", "at"], name="accesslog_child_at_idx"),
            models.Index(fields=["user", "at"], name="accesslog_user_at_idx"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)


class AuditAction(models.TextChoices):
    """Every kind of audit event the product writes: the stored code (unchanged since it was free text) and
    what people are shown. Add a member here before writing a new kind of event."""

    # Signing in and staff accounts
    SIGNED_IN = "signed in", "Signed in"
    SIGNED_OUT = "signed out", "Signed out"
    SIGN_IN_FAILED = "failed sign-in", "Failed to sign in"
    LOCKED_OUT = "locked out", "Locked out after too many failed sign-ins"
    SET_UP_TWO_STEP = "set up two-step verification", "Set up two-step verification"
    VERIFIED_TWO_STEP = "verified two-step", "Passed two-step verification"
    FAILED_TWO_STEP = "failed two-step verification", "Failed two-step verification"
    ISSUED_ENROLMENT_CODE = "issued enrolment code", "Issued a two-step enrolment code"
    USED_ENROLMENT_CODE = "used enrolment code", "Used a two-step enrolment code"
    FAILED_ENROLMENT_CODE = "failed enrolment code", "Entered a wrong two-step enrolment code"
    MADE_RECOVERY_CODES = "made recovery codes", "Made a new set of two-step recovery codes"
    USED_RECOVERY_CODE = "used recovery code", "Signed in with a two-step recovery code"
    FAILED_RECOVERY_CODE = "failed recovery code", "Entered a wrong two-step recovery code"
    RESET_TWO_STEP = "reset two-step verification", "Reset a person's two-step verification"
    CHANGED_PASSWORD = "changed password", "Changed their password"
    CREATED_STAFF_ACCOUNT = "created staff account", "Created a staff account"
    CHANGED_ACCOUNT = "changed account", "Changed a staff account's status"
    ADDED_TO_GROUP = "added to group", "Added to a team or role"
    REMOVED_FROM_GROUP = "removed from group", "Removed from a team or role"
    GRANTED_PERMISSION = "granted permission", "Gave a staff permission"
    WITHDREW_PERMISSION = "withdrew permission", "Took away a staff permission"

    # Who may see a child's record
    GRANTED_VIEW_CHILD = "granted view_child", "Gave access to the child's record"
    WITHDREW_VIEW_CHILD = "withdrew view_child", "Removed access to the child's record"
    GRANTED_VIEW_RESTRICTED = "granted view_restricted", "Gave access to restricted information"
    WITHDREW_VIEW_RESTRICTED = "withdrew view_restricted", "Removed access to restricted information"
    EMERGENCY_ACCESS = "emergency access", "Used emergency access to the record"
    EMERGENCY_DUTY_SEARCH = "emergency duty search", "Searched for a child (emergency duty)"
    EXPORTED_ACCESS_LOG = "exported access log", "Exported who has viewed the record"

    # The case
    RECORDED_CONTACT = "recorded contact", "Recorded a contact received about the child"  # issue 17, Annex A list 1
    CORRECTED_CONTACT = "corrected contact", "Corrected a contact received about the child"
    RECORDED_REFERRAL = "recorded referral", "Recorded a referral"
    ALLOCATED_CASE = "allocated case", "Allocated the case"
    GAVE_WORKER_CHANGE_REASON = "gave worker change reason", "Gave the reason a social worker changed"
    CLOSED_CASE = "closed case", "Closed the case"
    PRE_TRANSFER_AUDIT = "pre-transfer audit", "Completed the pre-transfer audit"
    TRANSFERRED_CASE = "transferred case", "Transferred the case to another team"
    CONFIRMED_CASE_TRANSFER = "confirmed case transfer", "Confirmed the transferred record arrived"
    ADDED_TO_CASE = "added to case", "Added an assessment, enquiry, plan or plan review to a case"
    CHANGED_ON_CASE = "changed on case", "Changed an assessment, enquiry or plan of a case"
    # A looked-after child's reviews, missing episodes and UASC status (issue 17)
    RECORDED_LOOKED_AFTER = "recorded looked-after detail", "Recorded a looked-after review, missing episode or UASC status"
    CHANGED_LOOKED_AFTER = "changed looked-after detail", "Changed a looked-after review, missing episode or UASC status"
    RECORDED_CARE_LEAVER = "recorded care leaver", "Recorded care leaver information at a birthday"
    RECORDED_OUTCOMES = "recorded outcomes", "Recorded a looked-after child's outcomes for a year"
    RECORDED_PATHWAY_REVIEW = "recorded pathway plan review", "Recorded a pathway plan review"
    RECORDED_EARLY_HELP = "recorded early help assessment", "Recorded an early help assessment"
    CHANGED_EARLY_HELP = "changed early help assessment", "Changed an early help assessment"

    # The basic record, brothers and sisters, the chronology
    ADDED_HOUSEHOLD_MEMBER = "added household member", "Added a household member"
    HOUSEHOLD_MEMBER_LEFT = "household member left", "Recorded a household member leaving"
    ADDED_TO_BASIC_RECORD = "added to basic record", "Added to the basic record"
    CORRECTED_BASIC_RECORD = "corrected basic record", "Corrected the basic record"
    ENDED_ON_BASIC_RECORD = "ended on basic record", "Ended an item on the basic record"
    LINKED_SIBLING = "linked sibling", "Linked a brother or sister"
    ENDED_SIBLING_LINK = "ended sibling link", "Ended a brother or sister link"
    ADDED_CHRONOLOGY_EVENT = "added chronology event", "Added an event to the chronology"
    ADDED_ALERT = "added alert", "Added an alert to the record"
    ENDED_ALERT = "ended alert", "Ended an alert on the record"
    RECORDED_ADOPTION = "recorded adoption", "Recorded a decision to place for adoption, a match or previous permanence"
    CHANGED_ADOPTION = "changed adoption", ("Changed a decision to place for adoption (or the brothers and sisters "
                                            "to be placed with) or previous permanence")

    # Information restricted from the child (§7, §8)
    RESTRICTED = "restricted", "Restricted information from the child"
    KEPT_RESTRICTION = "kept restriction", "Reviewed a restriction and kept it"
    LIFTED_RESTRICTION = "lifted restriction", "Lifted a restriction"

    # Documents and basic record sections
    UPLOADED_DOCUMENT = "uploaded document", "Uploaded a document"
    DOWNLOADED_DOCUMENT = "downloaded document", "Downloaded a document"
    WITHDREW_DOCUMENT = "withdrew document", "Withdrew a document"
    RETURNED_CHILDS_MATERIAL = "returned child's material", "Returned the child's own material"
    RECORDED_COURT_ORDER = "recorded court order", "Recorded a court order"
    RECORDED_COURT_REPORT = "recorded court report", "Recorded a court report"
    RECORDED_EDUCATION_RECORD = "recorded education record", "Recorded education details"
    RECORDED_HEALTH_RECORD = "recorded health record", "Recorded health details"

    # Paper files
    RECORDED_PAPER_FILE_VOLUME = "recorded paper file volume", "Recorded a paper file volume"
    MOVED_PAPER_FILE_VOLUME = "moved paper file volume", "Moved a paper file volume"
    ASKED_TO_REMOVE_PAPER_FILE = "asked to remove paper file", "Asked to take a paper file out"
    APPROVED_PAPER_FILE_REMOVAL = "approved paper file removal", "Agreed a paper file could be taken out"
    REFUSED_PAPER_FILE_REMOVAL = "refused paper file removal", "Refused to let a paper file be taken out"
    RECORDED_PAPER_FILE_RETURN = "recorded paper file return", "Recorded a paper file coming back"
    CONFIRMED_PAPER_FILE_ARRIVAL = "confirmed paper file arrival", "Confirmed a paper file volume arrived"

    # PDFs, sharing and subject access
    REQUESTED_PDF = "requested PDF", "Asked for a PDF of the record"
    DOWNLOADED_PDF = "downloaded PDF", "Downloaded a PDF of the record"
    RECORDED_CONSENT = "recorded consent", "Recorded consent to share"
    WITHDREW_CONSENT = "withdrew consent", "Recorded consent withdrawn"
    SHARED_INFORMATION = "shared information", "Shared information"
    RECORDED_RECORDS_INFORMATION = "recorded records information", "Recorded telling them about their records and rights"
    RECEIVED_SUBJECT_ACCESS_REQUEST = "received subject access request", "Recorded a subject access request"
    EXTENDED_SUBJECT_ACCESS_REQUEST = "extended subject access request", "Extended a subject access request"
    CHANGED_SUBJECT_ACCESS_REQUEST = "changed subject access request", "Updated a subject access request"
    RELEASED_SUBJECT_ACCESS_REQUEST = "released subject access request", "Released a subject access request"

    # Managers' oversight
    DELEGATED_RECORD_AUDITS = "delegated record audits", "Delegated record audits to a senior practitioner"
    ENDED_AUDIT_DELEGATION = "ended audit delegation", "Ended a delegation of record audits"

    # Form designs (§2): senior leadership's decisions
    APPROVED_FORM_DESIGN = "approved form design", "Approved a form design"
    SENT_BACK_FORM_DESIGN = "sent back form design", "Sent a form design back for changes"

    # Losses of information (§14)
    REPORTED_LOSS = "reported a loss", "Reported a loss of information"
    RECORDED_LOSS_RECOVERY_ACTION = "recorded loss recovery action", "Recorded action to recover lost information"
    RECORDED_FAMILY_TOLD_OF_LOSS = "recorded family told of loss", "Recorded the family was told of a loss"
    CLOSED_LOSS_REPORT = "closed loss report", "Closed a loss report"
    # Retention (issue 18): the data protection officer's decisions and senior leadership's approval
    KEPT_RECORD_LONGER = "kept record longer", "Kept a record longer than its retention date"
    PLACED_LEGAL_HOLD = "placed legal hold", "Placed a legal hold on a record"
    LIFTED_LEGAL_HOLD = "lifted legal hold", "Lifted a legal hold on a record"
    PROPOSED_ERASURE = "proposed erasure", "Proposed erasing a record"
    WITHDREW_ERASURE_PROPOSAL = "withdrew erasure proposal", "Withdrew a proposal to erase a record"
    ERASED_RECORD = "erased record", "Erased a record at the end of its retention"
    LISTED_RECORDS_FOR_RETENTION_REVIEW = "listed records for retention review", "Listed records due for review under retention"
    # Statutory returns (issue 17): performance and information staff and senior leadership
    BUILT_RETURN = "built return", "Asked for a statutory return to be built"
    DOWNLOADED_RETURN = "downloaded return", "Downloaded a statutory return"


class AuditEvent(models.Model):
    """Append-only events that matter for accountability: allocations, grants and withdrawals of access.

    Written by the service that causes the event, in the same transaction, through
    access.audit.services.record_event (the only writer).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=60, choices=AuditAction.choices)
    child = models.ForeignKey("casework.Child", null=True, on_delete=models.PROTECT, related_name="+")
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_group = models.ForeignKey(Group, null=True, on_delete=models.PROTECT, related_name="+")
    detail = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "at"], name="auditevent_child_at_idx")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The audit trail is append-only.")
        super().save(*args, **kwargs)

"""The records app's models. Each lives in its feature package; Django finds them all through this module."""

from records.designs.models import AnswerKind, FormDesign, FormQuestion, GlossaryTerm, PhraseToAvoid, RecordKind  # noqa: F401
from records.entries.models import ClosedCaseRecordingPermission, DraftAutosave, Entry, EntryAmendment  # noqa: F401
from records.entries.models import EntryDateChange, SameDayReason  # noqa: F401  §4 timescales
from records.calendar.models import ClosureDay  # noqa: F401
from records.timeliness.models import DigestSent, FLAG_SUBJECTS, Flag  # noqa: F401
from records.pdfs.models import PdfJob  # noqa: F401
from records.chronology.models import ChronologyEvent  # noqa: F401
from records.oversight.models import (  # noqa: E402,F401
    AuditDeficiency, AuditDelegation, AuditSample, AuditSchedule, RecordAudit,
)
from records.paper_files.models import (  # noqa: E402,F401
    PaperFileArrival, PaperFileMove, PaperFileRemoval, PaperFileVolume,
)
from records.documents.models import CourtOrder, CourtReport, Document, EducationRecord, HealthRecord  # noqa: E402,F401
from records.plans.models import (  # noqa: F401
    InterventionOutcome, KeyTask, OutcomeChange, OutcomeProgress, Plan, PlanOutcome,
)
from records.form_register.models import FixedForm, FixedFormVersion  # noqa: F401
from records.sharing.models import DisclosedItem  # noqa: F401
from records.statutory_visits.models import NextVisit, VisitRule  # noqa: E402,F401
from records.retention.models import (  # noqa: F401
    ChildRetention, ErasedRecord, ErasureProposal, LegalHold, RetentionExtension, RetentionRule,
)

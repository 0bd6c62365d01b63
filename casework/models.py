"""The casework app's models. Each lives in its feature package; Django finds them all through this module."""

from casework.children.models import Allocation, Case, Child, Household, HouseholdMember  # noqa: F401
from casework.basic_record.models import (  # noqa: E402,F401
    ClosePerson, ContactArrangement, LegalStatus, Placement, ProviderArrangement, SiblingLink,
)
from casework.transfers.models import CaseTransfer, PreTransferAudit  # noqa: E402,F401
from casework.banner.models import Alert  # noqa: E402,F401
from casework.returns.models import Code, CodeList, ReturnBuild  # noqa: E402,F401
from casework.cin.models import (  # noqa: E402,F401
    Assessment, ChildProtectionPlan, CinPlan, ProtectionPlanReview, Section47Enquiry,
)
from casework.looked_after.models import LookedAfterReview, MissingEpisode, UascStatus  # noqa: E402,F401
from casework.adoption.models import AdoptionDecision, AdoptionSiblingGroup, PreviousPermanence  # noqa: E402,F401
from casework.care_leavers.models import CareLeaverContact, LookedAfterOutcomes, PathwayPlanReview  # noqa: E402,F401
from casework.contacts.models import FrontDoorContact  # noqa: E402,F401
from casework.early_help.models import EarlyHelpAssessment  # noqa: E402,F401

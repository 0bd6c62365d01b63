"""The access app's models. Each lives in its feature package; Django finds them all through this module."""

from access.staff.models import StaffProfile, Team  # noqa: F401
from access.permissions.models import ChildGroupObjectPermission, ChildUserObjectPermission, EmergencyAccess, GrantSource  # noqa: F401
from access.audit.models import AccessLog, AccessPage, AuditAction, AuditEvent  # noqa: F401
from access.data_protection.models import Consent, Disclosure, RecordsInformation, Restriction, SubjectAccessRequest  # noqa: F401
from access.sign_in.models import EnrolmentCode, PasswordHistory, RecoveryCode  # noqa: F401
from access.losses.models import LossAffectedChild, LossNotification, LossRecoveryAction, LossReport  # noqa: E402,F401

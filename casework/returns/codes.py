"""Reading the DfE code lists (casework.returns.models): which codes a field may take in a collection
year, what a code means in plain words, and the checks every service makes before saving a code."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Min, Q
from django.utils import timezone

from casework.returns.models import Code

# The code lists the child and the case record (keys of CodeList).
SEX = "sex"
ETHNICITY = "ethnicity"
DISABILITY = "disability"
UPN_UNKNOWN = "upn_unknown"
REFERRAL_SOURCE = "cin_referral_source"
PRIMARY_NEED = "cin_primary_need"
CLOSURE_REASON = "cin_closure_reason"
ASSESSMENT_FACTOR = "cin_assessment_factor"
CATEGORY_OF_ABUSE = "cin_category_of_abuse"

NO_DISABILITY = "NONE"
NO_FACTORS = "21"  # "No factors identified": on its own
# Closed after assessment (no further action, or early help): such a case had no section 47 enquiry and no plan
# (the DfE's rule 2990).
CLOSED_AFTER_ASSESSMENT = ("RC8", "RC9")


def collection_year(on: date | None = None) -> int:
    """The collection year a date falls in, named by the year it starts (1 April to 31 March)."""
    on = on or timezone.localdate()
    return on.year if on.month >= 4 else on.year - 1


def valid_codes(list_key: str, year: int | None = None):
    """The codes of a list valid in a collection year (the current one by default), in list order."""
    year = collection_year() if year is None else year
    return (Code.objects.filter(code_list__key=list_key, valid_from_year__lte=year)
            .filter(Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=year)).order_by("position", "code"))


def choices(list_key: str, year: int | None = None) -> list[tuple[str, str]]:
    """(code, meaning) pairs for a form field: the meaning is what the practitioner reads."""
    return [(code.code, code.meaning) for code in valid_codes(list_key, year)]


def lazy_choices(list_key: str, *, blank: str = ""):
    """A callable for a ChoiceField: read from the table when the form is made, not at import."""
    def read():
        return ([("", blank)] if blank else []) + choices(list_key)
    return read


def check(list_key: str, code: str, *, what: str, year: int | None = None) -> None:
    """Refuse a code that is not on the list for the collection year (services call this before saving)."""
    if not _valid(list_key, code, year):
        raise ValidationError(f"Select {what} from the list")


def meanings(*list_keys: str) -> dict[str, dict[str, str]]:
    """Every code's meaning in these lists, current or withdrawn, in one query: {list key: {code: meaning}}."""
    found: dict[str, dict[str, str]] = {key: {} for key in list_keys}
    for key, code, meaning in Code.objects.filter(code_list__key__in=list_keys).values_list(
            "code_list__key", "code", "meaning"):
        found[key][code] = meaning
    return found


# --- The unique pupil number (UPN): the DfE's check letter -------------------------------------------
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S


def upn_problem(upn: str) -> str:
    """What is wrong with a UPN, in words for the person typing it; "" when it is valid.

    13 characters: a check letter, the 3-digit local authority number, 8 more digits (the school and a
    serial number), and a last character that is a digit, or a letter for a temporary UPN. The check
    letter is the weighted sum of characters 2 to 13 (weights 2 to 13; a letter in place 13 counts as
    its place in the letter list) modulo 23, as a letter of the list."""
    if len(upn) != 13:
        return f"A UPN has 13 characters. This one has {len(upn)}"
    if not upn[1:12].isdigit():
        return "Characters 2 to 12 of a UPN are numbers"
    last = upn[12]
    if not (last.isdigit() or last in UPN_LETTERS):
        return "The last character of a UPN is a number, or for a temporary UPN a letter other than I, O or S"
    if upn[0] != upn_check_letter(upn[1:]):
        return "The UPN's first letter does not match the rest of the number. Check it was copied correctly"
    return ""


def upn_check_letter(rest: str) -> str:
    """The check letter of characters 2 to 13 of a UPN (digits, the last possibly a letter)."""
    values = [int(c) if c.isdigit() else UPN_LETTERS.index(c) for c in rest]
    return UPN_LETTERS[sum(value * weight for value, weight in zip(values, range(2, 14))) % 23]


def normalise_upn(raw: str) -> str:
    return "".join(raw.split()).upper()


# --- What the record pages show: each code with its meaning, in plain words ---------------------------------
def _words(found: dict[str, str], code: str) -> str:
    return found.get(code, code) if code else ""


def describe_child(child) -> dict:
    """The child's return details as the record page and PDF show them (one query)."""
    found = meanings(SEX, ETHNICITY, DISABILITY, UPN_UNKNOWN)
    return {
        "sex": _words(found[SEX], child.sex),
        "ethnicity": _words(found[ETHNICITY], child.ethnicity),
        "disabilities": [_words(found[DISABILITY], code) for code in child.disabilities],
        "upn_unknown_reason": _words(found[UPN_UNKNOWN], child.upn_unknown_reason),
    }


def describe_cases(cases) -> list:
    """The cases, each given its referral source, primary need and closure reason in words, and each of its
    allocations (prefetched) the reason for a change of social worker (one query)."""
    cases = list(cases)
    found = meanings(REFERRAL_SOURCE, PRIMARY_NEED, CLOSURE_REASON, SW_REASON)
    for case in cases:
        case.referral_source_words = _words(found[REFERRAL_SOURCE], case.referral_source)
        case.primary_need_words = _words(found[PRIMARY_NEED], case.primary_need)
        case.closure_reason_words = _words(found[CLOSURE_REASON], case.closure_reason)
        for allocation in case.allocations.all():
            allocation.sw_change_reason_words = _words(found[SW_REASON], allocation.sw_change_reason)
    return cases


# --- Children looked after (the SSDA903 return): the codes on the basic record's placements and legal statuses ---
PLACEMENT_TYPE = "lac_placement_type"
PLACEMENT_PROVIDER = "lac_placement_provider"
PLACEMENT_CHANGE_REASON = "lac_reason_place_change"
LEGAL_STATUS = "lac_legal_status"
CATEGORY_OF_NEED = "lac_category_of_need"
REASON_CEASED = "lac_reason_ceased"
REASON_NEW_EPISODE = "lac_reason_new_episode"
PLACEMENT_LA = "la_number"  # the local authority whose area the placement is in (Annex A)

# The return's legal status codes (LS) each legal status of the basic record may have: the first is the one it is
# given when none is chosen. A status missing here (a supervision order, a child arrangements order, a special
# guardianship order) does not make the child looked after and has none; "other" may have any.
LS_FOR_STATUS = {
    "s20": ("V2", "V3", "V4"), "police_protection": ("L1",), "epo": ("L2",), "interim_care_order": ("C1",),
    "care_order": ("C2",), "placement_order": ("E1", "D1"), "remand": ("J1", "J2", "J3"),
}
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")
# Placements Ofsted does not register (the DfE's rule 222): no URN is recorded for them.
NOT_REGISTERED = ("H5", "P1", "P2", "P3", "R1", "R2", "R5", "Z1") + TEMPORARY_PLACEMENTS
UNREGISTERED_URN = "XXXXXXX"  # the DfE's URN for a regional adoption agency's placement
URN_FORMAT = re.compile(r"^(SC\d{6}|\d{6,7}|XXXXXXX)$")
POSTCODE_FORMAT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$")


def normalise_postcode(raw: str) -> str:
    """A postcode in capitals with one space before its last three characters ("ls14ap" is "LS1 4AP")."""
    packed = "".join(raw.split()).upper()
    return f"{packed[:-3]} {packed[-3:]}" if len(packed) > 3 else packed


def placement_problems(placement) -> dict[str, str]:
    """What is wrong with a placement's return codes, by field, in words for the person recording it; {} when
    nothing is. Codes are checked against the lists of the collection year of the placement's start (its change
    reason, of its end)."""
    problems = {}
    year = collection_year(placement.start_date) if placement.start_date else None
    if placement.place_code and not _valid(PLACEMENT_TYPE, placement.place_code, year):
        problems["place_code"] = "Select the placement type from the list for the year the placement started"
    if placement.provider_code and not _valid(PLACEMENT_PROVIDER, placement.provider_code, year):
        problems["provider_code"] = "Select the placement provider from the list"
    if placement.place_code and not placement.provider_code:
        problems["provider_code"] = "Select the placement provider"
    if placement.provider_code == "PR0" and placement.place_code and placement.place_code != "P1":
        problems["provider_code"] = "Parents can be the provider only of a placement with parents (P1)"
    if placement.la_code and not _valid(PLACEMENT_LA, placement.la_code, year):
        problems["la_code"] = "Select the local authority the placement is in from the list"
    if placement.postcode and not POSTCODE_FORMAT.match(placement.postcode):
        problems["postcode"] = "Enter the placement's postcode in full, like LS1 4AP"
    if placement.ofsted_urn:
        if not URN_FORMAT.match(placement.ofsted_urn):
            problems["ofsted_urn"] = "Enter the Ofsted URN as it is on the Ofsted register, like SC123456"
        elif placement.place_code in NOT_REGISTERED and placement.ofsted_urn != UNREGISTERED_URN:
            problems["ofsted_urn"] = "Leave the Ofsted URN empty: Ofsted does not register this type of placement"
    if placement.change_reason:
        if placement.end_date is None:
            problems["change_reason"] = "Enter the end date, or leave the reason for the change of placement empty"
        elif placement.place_code in TEMPORARY_PLACEMENTS:
            problems["change_reason"] = "Leave the reason for the change of placement empty for a temporary placement"
        elif not _valid(PLACEMENT_CHANGE_REASON, placement.change_reason, collection_year(placement.end_date)):
            problems["change_reason"] = "Select the reason for the change of placement from the list"
    return problems


def legal_status_problems(status) -> dict[str, str]:
    """The same for a legal status: its code (LS) fits the status, the category of need is given with it, and the
    reason the child stopped being looked after only with an end. Fills the code when the status has only one
    (or a first) code and none was chosen."""
    problems = {}
    allowed = LS_FOR_STATUS.get(status.status)
    if not status.ls_code and allowed:
        status.ls_code = allowed[0]
    year = collection_year(status.start_date) if status.start_date else None
    if status.ls_code:
        if status.status != "other" and not allowed:
            problems["ls_code"] = (f"A {status.get_status_display().lower()} does not make the child looked after: "
                                   "leave the legal status code empty")
        elif allowed and status.ls_code not in allowed:
            problems["ls_code"] = f"For this legal status, select {' or '.join(allowed)}"
        elif not _valid(LEGAL_STATUS, status.ls_code, year):
            problems["ls_code"] = "Select the legal status code from the list for the year it started"
    if status.category_of_need:
        if not status.ls_code:
            problems["category_of_need"] = "Leave the category of need empty: the child is not looked after under it"
        elif not _valid(CATEGORY_OF_NEED, status.category_of_need, year):
            problems["category_of_need"] = "Select the category of need from the list"
    if status.reason_ceased:
        if status.end_date is None:
            problems["reason_ceased"] = ("Enter the end date, or leave the reason the child stopped being looked "
                                         "after empty")
        elif not status.ls_code:
            problems["reason_ceased"] = "Leave the reason empty: the child was not looked after under this status"
        elif not _valid(REASON_CEASED, status.reason_ceased, collection_year(status.end_date)):
            problems["reason_ceased"] = "Select the reason the child stopped being looked after from the list"
    return problems


def _valid(list_key: str, code: str, year: int | None) -> bool:
    """Whether the code is on the list for the year. A year before the first the list holds (a placement recorded
    now that began years ago) is checked against that first year's list."""
    if valid_codes(list_key, year).filter(code=code).exists():
        return True
    first = Code.objects.filter(code_list__key=list_key).aggregate(first=Min("valid_from_year"))["first"]
    return year is not None and first is not None and year < first and valid_codes(list_key, first).filter(
        code=code).exists()


# --- The SSDA903 return's social worker episodes, care leavers (OC3) and children looked after 12 months (OC2) ---
SW_REASON = "lac_sw_reason"
FIRST_CONTACT = "FCONTA"  # a first social worker, or the first after a time without one (the DfE's rule SW10b)
IN_TOUCH = "lac_oc3_in_touch"
ACTIVITY = "lac_oc3_activity"
ACCOMMODATION = "lac_oc3_accommodation"
SDQ_REASON = "lac_sdq_reason"
NOT_APPLICABLE = "0"  # the return's activity and accommodation of a care leaver who died or returned home

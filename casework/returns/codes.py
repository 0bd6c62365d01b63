"""Reading the DfE code lists (casework.returns.models): which codes a field may take in a collection
year, what a code means in plain words, and the checks every service makes before saving a code."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
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
    if not valid_codes(list_key, year).filter(code=code).exists():
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
    """The cases, each given its referral source, primary need and closure reason in words (one query)."""
    cases = list(cases)
    found = meanings(REFERRAL_SOURCE, PRIMARY_NEED, CLOSURE_REASON)
    for case in cases:
        case.referral_source_words = _words(found[REFERRAL_SOURCE], case.referral_source)
        case.primary_need_words = _words(found[PRIMARY_NEED], case.primary_need)
        case.closure_reason_words = _words(found[CLOSURE_REASON], case.closure_reason)
    return cases

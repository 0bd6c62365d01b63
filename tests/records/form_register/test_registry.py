"""The form register lists every fixed form users fill in, named in words, with fields read from the class (§2)."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms

from records.form_register.registry import BY_KEY, REGISTER, field_list

ROOT = Path(__file__).resolve().parents[3]
# Forms that are not records: base classes of registered forms, and forms that only sign in or choose.
NOT_REGISTERED = {
    "access.sign_in.forms.SignInForm", "access.sign_in.forms.ChangePasswordForm",
    "access.sign_in.forms.TwoFactorCodeForm", "access.sign_in.forms.EnrolmentCodeForm",
    "access.sign_in.forms.RecoveryCodeForm",
    "casework.cin.forms.CaseItemForm",  # the base of a case's assessments, enquiries and plans, each registered
    "casework.basic_record.forms.ItemForm",  # the base of the basic record sections, each registered
    "records.entries.forms.WhenForm",  # the base of the start pages, each registered
    "records.entries.forms.StartForm",  # the base of the pages that plan or start an entry, each registered
    "records.entries.forms.OutcomeLinksForm",  # its choices are the child's own outcomes
    "records.entries.forms.OutcomeProgressForm",  # its fields are the plan's own outcomes
}


def form_classes_in_forms_modules():
    found = set()
    for path in [*ROOT.glob("access/*/forms.py"), *ROOT.glob("casework/*/forms.py"), *ROOT.glob("records/*/forms.py")]:
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{cls.__module__}.{cls.__qualname__}")
    return found


def test_every_form_users_fill_in_is_in_the_register():
    registered = {f"{e.form_class.__module__}.{e.form_class.__qualname__}" for e in REGISTER}

    missing = form_classes_in_forms_modules() - registered - NOT_REGISTERED

    assert not missing, f"add these forms to records/form_register/registry.py: {sorted(missing)}"


def test_the_policys_forms_are_in_the_register():
    names = {entry.name for entry in REGISTER}

    assert {"Referral of a child", "Placement", "A key task", "Consent to share information", "Disclosure of information",
            "Subject access request", "A paper file volume", "Transferring a case", "Reporting a lost record",
            "Auditing a record"} <= names


@pytest.mark.parametrize("entry", REGISTER, ids=lambda e: e.key)
def test_each_form_is_named_in_words_and_has_its_fields(entry):
    assert "Form" not in entry.name and "_" not in entry.name and entry.name[0].isupper()
    fields = field_list(entry)
    assert fields
    assert all(set(field) == {"name", "label", "help_text", "required"} for field in fields)
    assert all(field["label"] for field in fields)


def test_the_field_list_is_read_from_the_form_class():
    referral = {field["name"]: field for field in field_list(BY_KEY["referral"])}
    declared = BY_KEY["referral"].form_class.base_fields["referral_reason"]

    assert referral["referral_reason"]["label"] == str(declared.label)
    assert referral["referral_reason"]["required"] is declared.required
    assert list(referral)[:3] == ["first_name", "middle_names", "last_name"]


def test_the_field_list_is_the_same_every_time_it_is_read():
    assert [field_list(e) for e in REGISTER] == [field_list(e) for e in REGISTER]

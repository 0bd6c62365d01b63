"""The form of a contact received about a child (issue 17). Each field's own errors are here; the rules between the
date, the code list and the child are the service's."""

from django import forms

from casework.children.forms import GovDateField
from casework.cin.forms import CaseItemForm
from casework.contacts.models import FrontDoorContact
from casework.contacts.services import MAX_REQUEST
from casework.returns import codes


class ContactForm(CaseItemForm):
    received_on = GovDateField(name="date the contact was received", label="Date the contact was received")
    source = forms.ChoiceField(
        label="Who did the contact come from?", choices=codes.lazy_choices(codes.REFERRAL_SOURCE, blank="Select"),
        error_messages={"required": "Select who the contact came from",
                        "invalid_choice": "Select the source of the contact from the list"})
    request = forms.CharField(
        label="What was asked", widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_REQUEST,
        help_text="The worry or the help asked for, in the words of the person who got in touch where you can",
        error_messages={"required": "Enter what was asked",
                        "max_length": f"What was asked must be {MAX_REQUEST:,} characters or fewer"})
    decision = forms.ChoiceField(
        label="What was decided?", widget=forms.RadioSelect, choices=FrontDoorContact.Decision.choices,
        help_text="A contact that progressed to a referral is recorded as a referral too, on the cases page",
        error_messages={"required": "Select the decision on the contact",
                        "invalid_choice": "Select the decision on the contact"})


class CorrectContactForm(ContactForm):
    reason = forms.CharField(label="Why are you correcting this?", max_length=200,
                             error_messages={"required": "Enter why you are correcting the contact"})

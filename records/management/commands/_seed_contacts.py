"""The demo's contacts received at the front door (issue 17, Ofsted's Annex A list 1), recorded through the service
as the duty worker would: for each child of Priya's caseload whose case came from a referral, the contact that
became it (received that day, from the referral's source); for the first, an earlier contact a month before, from
the same source, answered with information and advice. Once: a child with a contact recorded is left as it is."""

from datetime import timedelta

from casework.contacts.models import FrontDoorContact
from casework.contacts.services import record_contact
from records.management.commands._seed_features import caseload

ASKED = "Worried about {name}: asked whether children's social care could help the family."
ADVICE = "Asked where the family could get help with {name}'s sleep and behaviour at home."


def seed_contacts(staff) -> None:
    duty = staff["practitioner"]
    for number, child in enumerate(caseload(duty)[:3]):
        case = child.cases.order_by("referral_date").first()
        if case is None or not case.referral_source or child.front_door_contacts.exists():
            continue
        name = child.preferred_name or child.first_name
        if number == 0 and (child.date_of_birth is None or case.referral_date - timedelta(days=30) >= child.date_of_birth):
            record_contact(child=child, by=duty, received_on=case.referral_date - timedelta(days=30),
                           source=case.referral_source, request=ADVICE.format(name=name),
                           decision=FrontDoorContact.Decision.ADVICE)
        record_contact(child=child, by=duty, received_on=case.referral_date, source=case.referral_source,
                       request=ASKED.format(name=name), decision=FrontDoorContact.Decision.REFERRAL)

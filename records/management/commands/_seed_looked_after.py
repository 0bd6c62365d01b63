"""The demo's children looked after (issue 17), for `seed_demo`: each allocated child of the Children in Care Team
gets the legal statuses and placements a social worker records on the basic record, with the SSDA903 return's codes
(legal status, category of need, placement type, provider, postcode, Ofsted URN, the reason a placement changed or
care ended), so that the demo produces a return the Department's validator accepts.

Recorded through the basic record's services as the allocated worker (Hannah Lewis). Dates are counted back from
seed_demo's fixed anchor (1 November 2026), after each child's referral: the same on every run, all in the past.
Postcodes are real ones in Bedford (the demo council, DfE number 822) and Luton, as the validator looks them up.
Laura Campbell's interim care order and foster placement are `_seed_features`'s; Patricia Griffiths, waiting for a
worker, is not looked after. Each child's previous permanence option is recorded (the return's PrevPerm), and Chloé's
decision to place for adoption and her match with her adopters (PlacedAdoption). A child with any legal status already recorded is left alone: a second run adds nothing.
"""

from datetime import date, timedelta

from access.audit.history import acting_as
from casework.adoption import services as adoption
from casework.basic_record import services as basic_record
from casework.basic_record.models import LegalStatus, Placement
from records.management.commands._seed_features import IFA_URN, caseload

COUNCIL_FOSTERING_URN = "SC482201"  # the council's fostering service (made up, in the register's form)
CHILDRENS_HOME_URN = "SC517730"  # Oakfield House, a private children's home in Luton
ADOPTION_URN = "XXXXXXX"  # the DfE's URN for a placement made through a regional adoption agency

COUNCIL_CARERS = dict(placement_type=Placement.Type.FOSTER_LA, provider_code="PR1", ofsted_urn=COUNCIL_FOSTERING_URN)

# (first name, last name): steps in order. ("status", days before the anchor, status, fields), ("placement", days,
# carer, fields), ("end_status", days, end reason, fields), ("end_placement", days, end reason, fields).
STORIES = {
    # Placed for adoption: an interim care order, then care and placement orders, then the adopters (issue 17's AD1
    # and placed-for-adoption files).
    ("Chloé", "Smith"): [
        ("status", 300, LegalStatus.Status.INTERIM_CARE_ORDER, {"category_of_need": "N1"}),
        ("placement", 300, "Mr and Mrs Okonjo", dict(COUNCIL_CARERS, place_code="U6", postcode="MK41 7DD",
                                                     address="4 Linden Road\nBedford\nMK41 7DD")),
        ("end_status", 130, "Care and placement orders made at the final hearing", {}),
        ("status", 130, LegalStatus.Status.PLACEMENT_ORDER, {"ls_code": "E1", "category_of_need": "N1"}),
        ("end_placement", 40, "Placed with her adopters", {"change_reason": "CARPL"}),
        ("placement", 40, "Her prospective adopters", dict(placement_type=Placement.Type.ADOPTION, place_code="A6",
                                                           provider_code="PR1", ofsted_urn=ADOPTION_URN,
                                                           postcode="MK43 8LP", address="Kept by the adoption team")),
    ],
    # Accommodated with her parents' agreement, with the council's foster carers.
    ("Saoirse", "Griffiths"): [
        ("status", 78, LegalStatus.Status.SECTION_20, {"category_of_need": "N1"}),
        ("placement", 78, "Ms Hughes", dict(COUNCIL_CARERS, place_code="U6", postcode="MK42 8QN",
                                            address="17 Ashburnham Road\nBedford\nMK42 8QN")),
    ],
    # Looked after from the year before; went home in this one as his plan said (E4A).
    ("Callum", "Moore"): [
        ("status", 220, LegalStatus.Status.SECTION_20, {"category_of_need": "N4"}),
        ("placement", 220, "Mr and Mrs Patel", dict(COUNCIL_CARERS, place_code="U6", postcode="MK42 9XA",
                                                    address="9 Cardington Road\nBedford\nMK42 9XA")),
        ("end_placement", 115, "Returned home to his mother", {}),
        ("end_status", 115, "Returned home to his mother as his plan said", {"reason_ceased": "E4A"}),
    ],
    # A children's home, then foster carers through an agency; the interim care order became a care order.
    ("Ann", "Smith"): [
        ("status", 165, LegalStatus.Status.INTERIM_CARE_ORDER, {"category_of_need": "N1"}),
        ("placement", 165, "Oakfield House", dict(placement_type=Placement.Type.CHILDRENS_HOME, place_code="K2",
                                                  provider_code="PR4", ofsted_urn=CHILDRENS_HOME_URN,
                                                  postcode="LU3 2AA", address="Oakfield House\nLuton\nLU3 2AA")),
        ("end_placement", 120, "Moved to a foster family, as her plan said", {"change_reason": "CARPL"}),
        ("placement", 120, "Mr and Mrs Clarke (Horizon Fostering)", dict(
            placement_type=Placement.Type.FOSTER_IFA, place_code="U6", provider_code="PR4", ofsted_urn=IFA_URN,
            postcode="MK44 2EY", address="2 Mill Lane\nBedford\nMK44 2EY")),
        ("end_status", 60, "Care order made", {}),
        ("status", 60, LegalStatus.Status.CARE_ORDER, {"category_of_need": "N1"}),
    ],
    # Sisters accommodated with their aunt, approved as their foster carer (kinship care), the elder from last year.
    ("Jean", "Ní Bhriain"): [
        ("status", 228, LegalStatus.Status.SECTION_20, {"category_of_need": "N5"}),
        ("placement", 228, "Their aunt, Mrs Byrne", dict(COUNCIL_CARERS, placement_type=Placement.Type.FAMILY_FRIENDS,
                                                        place_code="U3", postcode="MK41 5DD",
                                                        address="31 Brickhill Drive\nBedford\nMK41 5DD")),
    ],
    ("Tracy", "Ní Bhriain"): [
        ("status", 25, LegalStatus.Status.SECTION_20, {"category_of_need": "N5"}),
        ("placement", 25, "Their aunt, Mrs Byrne", dict(COUNCIL_CARERS, placement_type=Placement.Type.FAMILY_FRIENDS,
                                                       place_code="U3", postcode="MK41 5DD",
                                                       address="31 Brickhill Drive\nBedford\nMK41 5DD")),
    ],
}


# What each child had before coming into care (the return's PrevPerm): none, but for Ann, whose special guardianship
# order (made to her aunt by the demo council, Bedford, 822) broke down.
PREVIOUS_PERMANENCE = {("Ann", "Smith"): {"option": "P2", "arranged_by": "822", "order_date": date(2019, 9, 16)}}
# Chloé's adoption: the agency decision maker's decision, before the placement order; the match before she moved in.
ADOPTION = {"decided": 200, "matched": 55}


def seed_looked_after(worker, anchor) -> None:
    for (first_name, last_name), steps in STORIES.items():
        child = caseload(worker).filter(first_name=first_name, last_name=last_name).first()
        if child is None or LegalStatus.objects.filter(child=child).exists():
            continue
        with acting_as(worker):
            _record(child, worker, anchor, steps)
            if (first_name, last_name) == ("Chloé", "Smith"):
                decision = adoption.record_decision(child=child, by=worker,
                                                    decided_on=anchor - timedelta(days=ADOPTION["decided"]))
                adoption.record_match(decision=decision, by=worker,
                                      matched_on=anchor - timedelta(days=ADOPTION["matched"]), adopters_sex="MF",
                                      adopters_legal_status="L11", by_foster_carers=False)
    # Asked of every child who comes into care: Laura's (from _seed_features) too.
    looked_after = LegalStatus.objects.exclude(ls_code="").values("child")
    for child in caseload(worker).filter(pk__in=looked_after, previous_permanence__isnull=True):
        fields = PREVIOUS_PERMANENCE.get((child.first_name, child.last_name), {"option": "Z1"})
        adoption.record_previous_permanence(child=child, by=worker, **fields)


def _record(child, by, anchor, steps) -> None:
    current = {"status": None, "placement": None}
    for kind, days, what, fields in steps:
        on = anchor - timedelta(days=days)
        if kind == "status":
            current["status"] = basic_record.add_item(model=LegalStatus, child=child, by=by, status=what,
                                                      start_date=on, **fields)
        elif kind == "placement":
            current["placement"] = basic_record.add_item(model=Placement, child=child, by=by, carer_or_provider=what,
                                                         start_date=on, **fields)
        else:
            item = current["status" if kind == "end_status" else "placement"]
            basic_record.end_item(item=item, by=by, end_date=on, end_reason=what, **fields)

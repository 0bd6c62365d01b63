"""The sheets of Ofsted's Annex A workbook (casework.returns.annex_a): each list's name and column headings, in the
template's order, and for a list the record has no source for, the note its sheet carries instead of rows."""

from dataclasses import dataclass

WITHHELD = "Restricted"  # in a cell whose value an item in the 'Restricted from user' section holds (§7)

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ["Allocated Team", "Allocated Worker"]


@dataclass(frozen=True)
class ListSpec:
    title: str  # the sheet's name (at most 31 characters)
    headings: list[str]
    note: str = ""  # for a list nothing in the record sources: said on the row under the headings


LISTS: dict[str, ListSpec] = {
    "contacts": ListSpec("List 1 Contacts", CHILD + ["Date of Contact", "Contact Source"]),
    "early_help": ListSpec("List 2 Early help", CHILD + [
        "Assessment start date", "Assessment completion date", "Organisation completing assessment"]),
    "referrals": ListSpec("List 3 Referrals", CHILD + [
        "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", *ALLOCATED]),
    "assessments": ListSpec("List 4 Assessments", CHILD + [
        DISABILITY, "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?", *ALLOCATED]),
    "section47": ListSpec("List 5 Section 47", CHILD + [
        DISABILITY, "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months", *ALLOCATED]),
    "in_need": ListSpec("List 6 Children in need", CHILD + [
        DISABILITY, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
        "Reason for Closure", "Case Status", *ALLOCATED]),
    "protection": ListSpec("List 7 Child protection", CHILD + [
        DISABILITY, "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
        "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans", *ALLOCATED]),
    "in_care": ListSpec("List 8 Children in care", CHILD + [
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", DISABILITY,
        "Date Started to be Looked After", "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
        "Date of Last Social Work Visit", "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment", "Date of Last Dental Check",
        "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type",
        "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?", *ALLOCATED]),
    "care_leavers": ListSpec("List 9 Care leavers", CHILD + [
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", DISABILITY, *ALLOCATED,
        "Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch",
        "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation", "Activity Status"]),
    "adoption": ListSpec("List 10 Adoption", ["Child Unique ID", "Family identifier", *CHILD[1:], DISABILITY,
        "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order", "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
        "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement"]),
    "adopters": ListSpec("List 11 Adopters", [
        "Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
        "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
        "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
        "Date application approved", "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
        "Date of leaving adoption process", "Reason for leaving adoption process"], note=(
        "Not recorded in casework: prospective adopters are recruited and assessed by the adoption agency (for most "
        "councils the regional adoption agency), whose own records give this list.")),
}

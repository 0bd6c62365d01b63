"""Demo data for `make run`: two teams, the demo log-ins, about 30 children with households, and a
small caseload written as a social worker would (`_seed_caseload`, the words in `_seed_stories`):
visits (one seen alone, one failed appointment, late ones), contacts of several kinds, decisions,
a single assessment, a case summary, a restriction, consents and a disclosure, a completed transfer
and a closed case with its closing summary.

The newer features get a little data each (`_seed_features`), made through their services as the
demo user who would do it: a plan with two outcomes and key tasks (one served by a completed
visit), people close to the child and contact arrangements, a placement, legal status and
independent fostering agency for a child in care with a copy of the interim care order (a small
PDF under PRIVATE_MEDIA_ROOT, skipped with a warning if that cannot be written), a sibling link,
the other children in care's legal statuses and placements with the SSDA903 return's codes (`_seed_looked_after`),
two paper file volumes with one approved removal, and an audit sample drawn by the manager.

It lives in `records` because it writes entries too (records depends on casework, not the reverse).

Idempotent: everything is looked up by a natural key first, so a second run changes nothing.
Refuses to run with DEBUG off (a production database) unless --force is given.
"""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from faker import Faker

from access.staff import roles
from access.audit.history import acting_as, system_user
from access.staff.services import ensure_staff_member, ensure_team, set_team_manager
from casework.models import Case, Child, Household, HouseholdMember
from casework.children.services import (
    allocate_case, create_child_with_referral, update_case_return_details, update_identity_details,
)
from casework.returns import codes
from records.designs.services import approve_latest_submitted
from records.form_register.services import approve_all_awaiting
from records.management.commands import _seed_care_leavers as care_leavers
from records.management.commands import _seed_caseload as caseload
from records.management.commands import _seed_features as features
from records.management.commands import _seed_looked_after as looked_after
from records.management.commands._seed_contacts import seed_contacts
from records.management.commands._seed_early_help import seed_early_help
from records.management.commands._seed_reviews_missing import seed_reviews_missing
from records.statutory_visits.services import refresh_all as refresh_visit_clocks

DEMO_PASSWORD = "Casework-Demo-2026"
ASSESSMENT = "Assessment Team"
CHILDREN_IN_CARE = "Children in Care Team"

# username, first, last, post title, role, team
DEMO_STAFF = [
    ("practitioner", "Priya", "Shah", "Social Worker", roles.PRACTITIONER, ASSESSMENT),
    ("practitioner3", "Tom", "Okafor", "Senior Social Worker", roles.PRACTITIONER, ASSESSMENT),
    ("practitioner2", "Hannah", "Lewis", "Social Worker", roles.PRACTITIONER, CHILDREN_IN_CARE),
    ("manager", "Marcus", "Bennett", "Team Manager", roles.TEAM_MANAGER, ASSESSMENT),
    ("manager2", "Aisha", "Rahman", "Team Manager", roles.TEAM_MANAGER, CHILDREN_IN_CARE),
    ("slt", "Gillian", "Carter", "Head of Service", roles.SENIOR_LEADERSHIP, None),
    ("edt", "Daniel", "Morris", "Emergency Duty Social Worker", roles.EMERGENCY_DUTY, None),
    ("admin", "Sam", "Fletcher", "Systems Administrator", roles.ADMINISTRATOR, None),
    ("dpo", "Ruth", "Adeyemi", "Data Protection Officer", roles.DATA_PROTECTION_OFFICER, None),
    ("performance", "Imran", "Qureshi", "Performance and Information Officer", roles.PERFORMANCE_AND_INFORMATION, None),
]

# Some names with accents and apostrophes, so that search can be tried on them.
FIXED_FIRST_NAMES = ["Zoë", "Siân", "Chloé", "Rónán", "Saoirse", "Oluwaseun"]
FIXED_LAST_NAMES = ["O'Brien", "Nowak", "Kowalczyk", "Ní Bhriain"]

REFERRAL_REASONS = [
    "School raised concerns about attendance and the child arriving hungry.",
    "Police attended a domestic incident at the home; the child was present.",
    "Health visitor concerned about the home conditions and the baby's weight.",
    "Parent asked for support: struggling to manage the child's behaviour.",
    "Neighbour reported the children being left alone in the evenings.",
]

# Issue 17: the DfE's codes. Drawn from lists as long as the ones drawn from before the codes came, so that the
# random sequence, and so every child's name and dates, stay the same (OOTH twice: the census's Arab group).
DEMO_ETHNICITIES = ("WBRI", "WIRI", "WIRT", "WROM", "WOTH", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
                    "CHNE", "AOTH", "BCRB", "BAFR", "BOTH", "OOTH", "OOTH", "REFU", "NOBT")
DEMO_REFERRAL_SOURCES = ("1D", "2A", "3F", "6", "4", "5B", "7", "9", "8")
DEMO_PRIMARY_NEEDS = ("N1", "N4", "N5", "N2", "N3")
DEMO_DISABILITIES = {3: ["COMM", "LD"], 7: ["AUT"], 9: []}  # by the child's number mod 10; otherwise none

CHILDREN = 30
# Real postcodes in Bedford (the demo council): the SSDA903 validator looks a looked-after child's home postcode up
# (its rule 392c refuses one that does not exist) to find how far away the child is placed.
DEMO_POSTCODES = ("MK43 9FG", "MK44 2EW", "MK44 1JP", "MK42 0DS", "MK43 8TP", "MK40 4GA", "MK43 9EW", "MK40 1NY",
                  "MK40 1QH", "MK42 0YY", "MK43 8LR", "MK43 9ET", "MK42 8WZ", "MK44 2HX", "MK40 2ZG", "MK44 2LB",
                  "MK42 7HN", "MK41 6GF", "MK41 9YZ", "MK43 8PH", "MK43 7BA", "MK40 4UG", "MK41 0NT", "MK40 3UB",
                  "MK41 0GL", "MK42 0GX", "MK43 8JG", "MK40 4AB", "MK44 3ST", "MK42 0XD")
# Dates are counted back from a fixed day, so that a run on another day finds the same children.
DEMO_ANCHOR_DATE = date(2026, 11, 1)


def quiet_email():
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")


class Command(BaseCommand):
    help = "Load demo teams, log-ins and children (idempotent). Refuses with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo adds demo accounts with a published password. It refuses to run with DEBUG off; use --force if you mean it.")
        with acting_as(system_user()) as system, transaction.atomic():
            staff = self._staff(system)
            # §2: the demo senior leader approves the submitted record designs and the fixed forms in use.
            approve_latest_submitted(by=staff["slt"], comment="Approved for the demo")
            approve_all_awaiting(by=staff["slt"])
            created = self._children(staff)
            features.seed_plan(staff["practitioner"])  # before the visits, so that one can serve an outcome
            with quiet_email():  # a transfer e-mails both managers at example.org: not printed in `make run`
                caseload.seed_caseload(staff)
            caseload._same_day_entries(staff)  # SAME-DAY: the integrator fills it in after merging W1
            features.seed_basic_record(staff["practitioner"], staff["practitioner2"])
            looked_after.seed_looked_after(staff["practitioner2"], DEMO_ANCHOR_DATE)  # issue 17: the SSDA903 return
            care_leavers.seed_care_leavers(staff["practitioner2"])  # issue 17: OC2 and OC3, for those they ask about
            seed_early_help(staff["practitioner"])  # issue 17: early help assessments (Annex A, list 2)
            features.seed_paper_files(staff["practitioner"], staff["manager"])
            features.seed_audit_sample(staff["manager"], staff["teams"][ASSESSMENT])
            seed_reviews_missing(staff)  # issue 17: the looked-after children's reviews, missing episodes, UASC status
            seed_contacts(staff)  # issue 17: the contacts received at the front door (Annex A list 1)
            warning = features.seed_documents(staff["practitioner2"])  # last: it writes a file
            refresh_visit_clocks()  # as the hourly pass would: every demo case's next statutory visit, checked
        if warning:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} children added)."))

    def _staff(self, system):
        teams = {name: ensure_team(name=name) for name in (ASSESSMENT, CHILDREN_IN_CARE)}
        staff = {}
        for username, first, last, post, role, team_name in DEMO_STAFF:
            staff[username] = ensure_staff_member(
                username=username, first_name=first, last_name=last, post_title=post, role=role,
                team=teams.get(team_name), password=DEMO_PASSWORD, by=system,
                is_superuser=(username == "admin"),
            )
        set_team_manager(team=teams[ASSESSMENT], manager=staff["manager"])
        set_team_manager(team=teams[CHILDREN_IN_CARE], manager=staff["manager2"])
        staff["teams"] = teams
        return staff

    def _children(self, staff) -> int:
        created = 0
        for plan in demo_plan(DEMO_ANCHOR_DATE):
            household = self._household(plan)
            for index, child_plan in plan["children"]:
                if self._add_child(staff, index, household, child_plan, plan["in_care"]):
                    created += 1
                self._answer_the_returns(staff, index, child_plan, plan["in_care"])
        return created

    def _answer_the_returns(self, staff, index, plan, in_care) -> None:
        """Issue 17: the questions the statutory returns ask, answered through the services as the team's
        manager would (once: a child whose sex is recorded has been answered)."""
        child = Child.objects.filter(first_name=plan["first_name"], last_name=plan["last_name"],
                                     date_of_birth=plan["date_of_birth"], sex="").first()
        if child is None:
            return
        manager = staff["manager2" if in_care else "manager"]
        at_school = plan["date_of_birth"] <= DEMO_ANCHOR_DATE - timedelta(days=5 * 365)
        update_identity_details(
            child=child, by=manager, sex="F" if plan["gender"] == Child.Gender.FEMALE else "M",
            ethnicity=plan["ethnicity"], disabilities=DEMO_DISABILITIES.get(index % 10, ["NONE"]),
            upn=demo_upn(index) if at_school else "", upn_unknown_reason="" if at_school else "UN1",
            date_of_death=None,
            # The SSDA903 return asks whether a looked-after girl is a mother: none of the demo's is.
            is_mother=False if in_care and plan["gender"] == Child.Gender.FEMALE else None,
        )
        case = child.cases.order_by("referral_date").first()
        update_case_return_details(case=case, by=manager, referral_source=case.referral_source,
                                   primary_need="N1" if in_care else DEMO_PRIMARY_NEEDS[index % len(DEMO_PRIMARY_NEEDS)],
                                   referral_nfa=False)

    def _household(self, plan):
        household, made = Household.objects.get_or_create(
            address_line_1=plan["address"], postcode=plan["postcode"], defaults={"town": "Bedford"}
        )
        if made:
            for member in plan["members"]:
                HouseholdMember.objects.create(household=household, **member)
        return household

    def _add_child(self, staff, index, household, plan, in_care) -> bool:
        if Child.objects.filter(
            first_name=plan["first_name"], last_name=plan["last_name"], date_of_birth=plan["date_of_birth"]
        ).exists():
            return False
        team = staff["teams"][CHILDREN_IN_CARE if in_care else ASSESSMENT]
        manager = staff["manager2" if in_care else "manager"]
        child = Child(household=household, **{k: v for k, v in plan.items() if k not in ("referral",)})
        case = Case(**plan["referral"])
        child = create_child_with_referral(by=manager, team=team, child=child, case=case)
        # Most cases get a worker; a few wait for the manager, to show the 'awaiting allocation' list.
        if index % 6 != 5:
            if in_care:
                worker = staff["practitioner2"]
            else:
                worker = staff["practitioner"] if index % 3 else staff["practitioner3"]
            allocate_case(case=child.cases.get(), team=team, worker=worker, by=manager, reason="Allocated at triage")
        return True


FIXED_FEMALE_NAMES = {"Zoë", "Siân", "Chloé", "Saoirse"}


def _gender(fake, first_name: str, drawn: str) -> str:
    """The gender a reader expects from the first name, so the demo's 'she' and 'he' read true.
    (`drawn` is still drawn, so the random sequence, and so every child's name and dates, stay the same.)"""
    names = next(p for p in fake.providers if hasattr(p, "first_names_female"))
    if first_name in FIXED_FEMALE_NAMES or first_name in names.first_names_female:
        return Child.Gender.FEMALE
    if first_name in FIXED_FIRST_NAMES or first_name in names.first_names_male:
        return Child.Gender.MALE
    return drawn


def demo_upn(index: int) -> str:
    """A valid unique pupil number for demo child `index`: Bedford's number (822), then made-up digits."""
    rest = f"822{2000 + index:04d}{index:04d}{index % 10}"
    return codes.upn_check_letter(rest) + rest


def demo_plan(today):
    """The demo households and children as plain data, the same on every run whatever is in the database."""
    fake = Faker("en_GB")
    fake.seed_instance(2026)
    rng = random.Random(2026)
    plans = []
    index = 0
    number = 0
    while index < CHILDREN:
        number += 1
        last_name = FIXED_LAST_NAMES[number % len(FIXED_LAST_NAMES)] if number % 5 == 0 else fake.last_name()
        members = [{"full_name": f"{fake.first_name_female()} {last_name}", "relationship": "Mother",
                    "has_parental_responsibility": True}]
        other_adult = rng.random()
        if other_adult < 0.6:
            members.append({"full_name": f"{fake.first_name_male()} {last_name}", "relationship": "Father",
                            "has_parental_responsibility": True})
        elif other_adult < 0.8:
            members.append({"full_name": fake.name(), "relationship": "Mother's partner",
                            "has_parental_responsibility": False})
        plan = {
            "address": f"{(number * 7) % 140 + 1} {fake.street_name()}",
            "postcode": DEMO_POSTCODES[(number - 1) % len(DEMO_POSTCODES)],
            "members": members,
            "in_care": number % 3 == 0,
            "children": [],
        }
        for _ in range(min(rng.choice([1, 1, 2, 2, 3]), CHILDREN - index)):
            first_name = FIXED_FIRST_NAMES[index % len(FIXED_FIRST_NAMES)] if index % 4 == 0 else fake.first_name()
            plan["children"].append((index, {
                "first_name": first_name,
                "last_name": last_name,
                "date_of_birth": today - timedelta(days=rng.randint(200, 16 * 365)),
                "gender": _gender(fake, first_name, rng.choice([Child.Gender.FEMALE, Child.Gender.MALE])),
                "ethnicity": rng.choice(DEMO_ETHNICITIES),
                "name_evidence": rng.choice(list(Child.NameEvidence.values)),
                "preferred_language": "English" if index % 7 else "Polish",
                "interpreter_needed": index % 7 == 0,
                "referral": {
                    "referral_date": today - timedelta(days=rng.randint(10, 400)),
                    "referral_source": rng.choice(DEMO_REFERRAL_SOURCES),
                    "referral_reason": REFERRAL_REASONS[index % len(REFERRAL_REASONS)],
                },
            }))
            index += 1
        plans.append(plan)
    return plans

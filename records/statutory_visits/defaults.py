"""The visit rules a council starts with (records 0028 seeds them; the admin changes them), each with where it
comes from: (code, interval, unit, child must be seen alone, source). Plain data, read by the migration."""

REGULATIONS = "The Care Planning, Placement and Case Review (England) Regulations 2010"
PRIVATE = " The same regulations ask the visitor to speak to the child in private, unless they refuse or it is not appropriate."
DEFAULTS = [
    ("child_in_need", 4, "weeks", False,
     "The council's default: every four weeks. Working Together to Safeguard Children (2023) leaves how often a "
     "child in need is seen to their plan; the plan may ask for more."),
    ("child_protection", 10, "working_days", True,
     "Common local practice: every ten working days (about two weeks), the child seen alone. Working Together "
     "to Safeguard Children (2023) leaves how often the child is seen to the child protection plan."),
    ("new_placement", 1, "weeks", False,
     f"{REGULATIONS}, regulation 28: a visit within one week of the start of any placement."),
    ("looked_after_first_year", 6, "weeks", True,
     f"{REGULATIONS}, regulation 28: visits at intervals of not more than six weeks for the first year of the "
     f"placement.{PRIVATE}"),
    ("looked_after", 3, "months", True,
     f"{REGULATIONS}, regulation 28: after the first year, visits at intervals of not more than three months where "
     f"the placement is intended to last until the child is 18 (otherwise six weeks).{PRIVATE}"),
    ("care_leaver", 8, "weeks", False,
     "The council's default: every eight weeks. The pathway plan may ask for more."),
]

"""The retention rules a new installation starts with (the retention migration loads them; administrators change
the periods in the admin). Each cites where it comes from."""

LOOKED_AFTER = "looked_after"
ADOPTION = "adoption"
OTHER = "other"

# code, name, regulation, years from birth, years after the last case closed, years from the adoption order,
# years after death (a child who died before 18)
DEFAULTS = (
    (ADOPTION, "Adoption record", "The Adoption Agencies Regulations 2005, regulation 42: 100 years from the "
     "adoption order", None, None, 100, None),
    (LOOKED_AFTER, "Ever looked after", "The Arrangements for Placement of Children (General) Regulations 1991, "
     "regulation 9, and the Care Planning, Placement and Case Review (England) Regulations 2010, regulation 50: "
     "until the 75th birthday, or 15 years after death if the child died before 18", 75, None, None, 15),
    (OTHER, "Every other record", "The council's retention schedule (UK GDPR article 5(1)(e): kept no longer than "
     "necessary): to the 25th birthday, or 6 years after the last case closed if that is later", 25, 6, None, None),
)

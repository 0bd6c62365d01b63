"""How often a child with an open case is visited (§5.2 records each visit; the frequencies are the law's
and the council's own): one rule per kind of case, kept as data that senior leaders and administrators
change in the admin. One deployment serves one council, so these rows are that council's rules.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from access.audit.history import Historical


class VisitRule(models.Model):
    class Code(models.TextChoices):
        CHILD_IN_NEED = "child_in_need", "Child in need"
        CHILD_PROTECTION = "child_protection", "Child protection plan"
        NEW_PLACEMENT = "new_placement", "Looked after: first visit in a new placement"
        LOOKED_AFTER_FIRST_YEAR = "looked_after_first_year", "Looked after: the first year of a placement"
        LOOKED_AFTER = "looked_after", "Looked after: after the first year of a placement"
        CARE_LEAVER = "care_leaver", "Care leaver"

    class Unit(models.TextChoices):
        DAYS = "days", "Days"
        WORKING_DAYS = "working_days", "Working days (not weekends, bank holidays or closure days)"
        WEEKS = "weeks", "Weeks"
        MONTHS = "months", "Months"

    code = models.CharField("Kind of case", max_length=30, choices=Code.choices, unique=True)
    interval = models.PositiveSmallIntegerField(
        "Visit at least every", validators=[MinValueValidator(1)],
        help_text="Counted from the day of the last visit in which the child was seen (the new placement rule: "
                  "from the day the placement started)",
    )
    unit = models.CharField(max_length=20, choices=Unit.choices)
    child_seen_alone = models.BooleanField("The child must be seen alone", default=False)
    source = models.TextField("Where the rule comes from")
    history = Historical()

    class Meta:
        ordering = ["id"]
        verbose_name = "statutory visit rule"
        constraints = [models.CheckConstraint(name="visit_rule_interval_positive", condition=Q(interval__gte=1))]

    def __str__(self):
        return self.get_code_display()

    @property
    def frequency(self) -> str:
        unit = self.get_unit_display().split(" (")[0].lower()
        return f"every {self.interval} {unit if self.interval != 1 else unit.rstrip('s')}"

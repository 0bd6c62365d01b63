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


class NextVisit(models.Model):
    """The next statutory visit due of one open case, worked out by `records.statutory_visits.services` whenever
    what it is worked out from changes (a visit completed, a placement or legal status started, corrected or
    ended, the plan's type changed, the case opened or closed, a rule or a closure day changed in the admin),
    and checked again by the hourly timeliness pass. Pages read it with an index instead of working every clock
    out again. Derived data, rebuilt from the record at any time: not a record itself, so it has no history."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, primary_key=True, related_name="next_visit")
    child = models.ForeignKey("casework.Child", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    rule_code = models.CharField(max_length=30, choices=VisitRule.Code.choices)
    status = models.CharField(max_length=60)  # the kind of case, in words ("Looked after, child protection plan")
    last_seen_on = models.DateField(null=True)
    plan_type = models.CharField(max_length=30)
    worked_out_at = models.DateTimeField()

    class Meta:
        verbose_name = "next statutory visit"
        indexes = [models.Index(fields=["due_on", "case"], name="next_visit_due_idx"),
                   models.Index(fields=["child", "due_on"], name="next_visit_child_idx")]

    def __str__(self):
        return f"Next statutory visit due {self.due_on:%-d %B %Y}"

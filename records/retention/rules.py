"""Which retention rule applies to a child, and the date it gives (issue 18).

An adoption record is kept 100 years from the adoption order; a child who was ever looked after (a placement,
or a legal status under which the council looks after them) to their 75th birthday, or 15 years after death if
they died before 18; every other record for the council's period (to the 25th birthday, or 6 years after the last
case closed if later). The periods are the rows of `RetentionRule`, changed by administrators.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from records.retention import defaults
from records.retention.models import RetentionRule

PRECEDENCE = (defaults.ADOPTION, defaults.LOOKED_AFTER, defaults.OTHER)


@dataclass(frozen=True)
class Facts:
    """What the rules read of one child whose cases are all closed."""

    born: date | None
    died: date | None
    last_closed: date
    adoption_order: date | None
    looked_after: bool


def rules_by_code() -> dict[str, RetentionRule]:
    """The council's rules; one missing from the table (a test that emptied it) is read from the defaults."""
    rules = {rule.code: rule for rule in RetentionRule.objects.all()}
    for code, name, regulation, birth, closure, order, death in defaults.DEFAULTS:
        rules.setdefault(code, RetentionRule(code=code, name=name, regulation=regulation, years_from_birth=birth,
                                             years_after_closure=closure, years_from_adoption_order=order,
                                             years_after_death_under_18=death))
    return rules


def rule_for(facts: Facts) -> str:
    if facts.adoption_order is not None:
        return defaults.ADOPTION
    if facts.looked_after:
        return defaults.LOOKED_AFTER
    return defaults.OTHER


def _plus(start: date | None, years: int | None) -> date | None:
    return start + relativedelta(years=years) if start is not None and years else None


def retain_until(rule: RetentionRule, facts: Facts) -> date:
    """The latest of the dates the rule gives (the closure date itself if it gives none)."""
    died_young = facts.died is not None and facts.born is not None and facts.died < _plus(facts.born, 18)
    from_life = (_plus(facts.died, rule.years_after_death_under_18) if died_young and rule.years_after_death_under_18
                 else _plus(facts.born, rule.years_from_birth))
    dates = [from_life, _plus(facts.last_closed, rule.years_after_closure),
             _plus(facts.adoption_order, rule.years_from_adoption_order)]
    return max([d for d in dates if d is not None] or [facts.last_closed])

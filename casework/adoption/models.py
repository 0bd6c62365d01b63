"""Adoption and permanence (issue 17), as the SSDA903 return asks and as part of the child's record: the decision that
a looked-after child should be placed for adoption, the match with adopters (who they are, as the return counts
them), the decision reversed when it is; and the child's previous permanence option before coming into care
(adopted, a special guardianship order, a child arrangements order, or none). Codes are the DfE's lists
(casework.returns); simple-history keeps every earlier version; nothing is deleted (access.audit.protected).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from access.audit.history import Historical

SINGLE_ADOPTER = ("M1", "F1")  # the adopters' sex codes of a single adopter (the return's NB_ADOPTR is 1)
# The letters and digits of a family identifier: none that is easily misread for another (0 and O, 1 and I).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_family_reference() -> str:
    """A family identifier: F and seven random letters or digits (about 34 billion), never a database id."""
    return "F" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))


class AdoptionSiblingGroup(models.Model):
    """Brothers and sisters who are to be placed for adoption together: their decisions to place for adoption name
    the same group. Its reference is the family identifier of Ofsted's Annex A (list 10), the same for each of them
    and never changed; it says nothing about the children. A group is never deleted: a child taken out of it has
    their decision's group cleared, with the history kept on the decision."""

    reference = models.CharField("Family identifier", max_length=8, unique=True, editable=False,
                                 default=new_family_reference)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        verbose_name = "brothers and sisters to be placed for adoption together"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"Brothers and sisters to be placed together, {self.reference}"


class AdoptionDecision(models.Model):
    """The agency decision maker's decision that the child should be placed for adoption (the return's DATE_PLACED
    and DATE_INT), the match with the adopters (DATE_MATCH, with the adopters' details AD1 asks), or the decision that
    the child should no longer be placed for adoption (DATE_PLACED_CEASED, REASON_PLACED_CEASED). A child has at most
    one decision not reversed."""

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="adoption_decisions")
    decided_on = models.DateField("Date of the decision that the child should be placed for adoption")
    matched_on = models.DateField("Date the child was matched with the adopters", null=True, blank=True)
    adopters_sex = models.CharField("The adopters (DfE code)", max_length=2, blank=True, default="")
    adopters_legal_status = models.CharField("The adopters' legal status (DfE code)", max_length=3, blank=True,
                                             default="")
    by_foster_carers = models.BooleanField("Adopted by the child's foster carers", null=True, blank=True)
    reversed_on = models.DateField("Date of the decision that the child should no longer be placed for adoption",
                                   null=True, blank=True)
    reversal_reason = models.CharField("Why the child should no longer be placed for adoption (DfE code)",
                                       max_length=3, blank=True, default="")
    # The brothers and sisters the child is to be placed with: the other decisions of the same group. Kept when the
    # decision is reversed (what it was then); only open decisions count as the group's children now.
    sibling_group = models.ForeignKey(AdoptionSiblingGroup, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="decisions", verbose_name="Brothers and sisters to be placed with")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = "decision to place for adoption"
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(reversed_on__isnull=True),
                                    name="adoption_one_open_decision"),
            models.CheckConstraint(name="adoption_matched_after_decision",
                                   condition=Q(matched_on__isnull=True) | Q(matched_on__gte=F("decided_on"))),
            models.CheckConstraint(name="adoption_reversed_after_decision",
                                   condition=Q(reversed_on__isnull=True) | Q(reversed_on__gte=F("decided_on"))),
            models.CheckConstraint(name="adoption_reversed_with_reason",
                                   condition=Q(reversed_on__isnull=True, reversal_reason="")
                                   | (Q(reversed_on__isnull=False) & ~Q(reversal_reason=""))),
        ]

    def __str__(self):
        return f"Decision to place for adoption, {self.decided_on:%-d %B %Y}"

    @property
    def number_of_adopters(self) -> str:
        """The return's NB_ADOPTR, from the adopters' sex code: 1 for a single adopter, 2 for a couple."""
        if not self.adopters_sex:
            return ""
        return "1" if self.adopters_sex in SINGLE_ADOPTER else "2"


class PreviousPermanence(models.Model):
    """What the child had before their latest period of care (the return's PrevPerm): the option (PREV_PERM), the
    council that arranged it (LA_PERM: its DfE number, or WAL, SCO, NIR, NUK) and the date of the order (DATE_PERM).
    One per child, corrected in place with its history kept."""

    child = models.OneToOneField("casework.Child", on_delete=models.PROTECT, related_name="previous_permanence")
    option = models.CharField("Previous permanence option (DfE code)", max_length=2)
    arranged_by = models.CharField("Council that arranged it (DfE number)", max_length=3, blank=True, default="")
    order_date = models.DateField("Date of the order", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        verbose_name = "previous permanence option"
        verbose_name_plural = "previous permanence options"

    def __str__(self):
        return f"Previous permanence: {self.option}"

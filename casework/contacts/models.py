"""Contacts received about a child (issue 17, Ofsted's Annex A list 1): a request for help or a worry about a child
that reaches the front door (the multi-agency safeguarding hub), whoever it comes from, with what was asked and what
was decided. A contact may or may not become a referral: one that does is then recorded as a referral on the child's
record (a case), as before. simple-history keeps every earlier version; nothing is deleted (access.audit.protected).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.audit.history import Historical


class FrontDoorContact(models.Model):
    """One contact about the child: the day it was received, who it came from (the DfE's referral source codes,
    casework.returns), what was asked and the decision on it."""

    class Decision(models.TextChoices):
        REFERRAL = "referral", "Progressed to a referral"
        NO_FURTHER_ACTION = "nfa", "No further action"
        ADVICE = "advice", "Information and advice given"
        EARLY_HELP = "early_help", "Passed to early help"

    child = models.ForeignKey("casework.Child", on_delete=models.PROTECT, related_name="front_door_contacts")
    received_on = models.DateField("Date the contact was received")
    source = models.CharField("Who the contact came from (DfE code)", max_length=3)
    request = models.TextField("What was asked")
    decision = models.CharField("Decision", max_length=20, choices=Decision.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = Historical()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "contact received"
        verbose_name_plural = "contacts received"
        indexes = [models.Index(fields=["received_on", "child"], name="contact_received_child")]
        constraints = [
            models.CheckConstraint(name="contact_decision_known",
                                   condition=Q(decision__in=["referral", "nfa", "advice", "early_help"])),
            models.CheckConstraint(name="contact_says_what_was_asked", condition=~Q(request="")),
        ]

    def __str__(self):
        return f"Contact received {self.received_on:%-d %B %Y}"

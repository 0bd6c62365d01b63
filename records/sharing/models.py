"""§7: what a disclosure shared, named: the child's own entries and documents, one row each.

The disclosure itself is in the access app's log (access.Disclosure); these rows point at it from
records, the app that knows entries and documents. Append-only in the database, like the log.
"""

from django.db import models
from django.db.models import Q


class DisclosedItem(models.Model):
    disclosure = models.ForeignKey("access.Disclosure", on_delete=models.PROTECT, related_name="items")
    entry = models.ForeignKey("records.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("records.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    # §7, §8: it was in 'Restricted from user' when shared; someone who may see it shared it, and why.
    was_restricted = models.BooleanField(default=False)
    restricted_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["disclosure", "id"]
        constraints = [
            models.CheckConstraint(name="discloseditem_entry_or_document",
                                   condition=Q(entry__isnull=False, document__isnull=True)
                                   | Q(entry__isnull=True, document__isnull=False)),
            models.CheckConstraint(name="discloseditem_restricted_has_reason",
                                   condition=Q(was_restricted=False) | ~Q(restricted_reason="")),
            models.UniqueConstraint(fields=["disclosure", "entry"], name="discloseditem_entry_once"),
            models.UniqueConstraint(fields=["disclosure", "document"], name="discloseditem_document_once"),
        ]

    def __str__(self):
        return f"Item {self.pk} of disclosure {self.disclosure_id}"  # titles may be restricted (§7)

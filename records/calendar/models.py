
from django.db import models

from access.audit.history import Historical


class ClosureDay(models.Model):
    """A day the council is closed (beyond weekends and bank holidays): not a working day (§4, §10)."""

    day = models.DateField(unique=True)
    description = models.CharField(max_length=200)
    history = Historical()

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d %B %Y}: {self.description}"

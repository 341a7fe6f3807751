"""Monthly snapshots of the gap engine, so the trend over time is a cheap read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.competences.models import Requirement
from stegvis.organisations.models import Municipality, Region, Unit


class GapSnapshot(models.Model):
    """One requirement in one unit as it stood at the end of a month (``as_of``).

    Written by ``manage.py gaps_snapshot`` (``snapshots.take_month``): the current month is
    taken again every day until it ends, earlier months once (or again with ``--refresh``).
    The competence, its kind and its criticality are kept beside the requirement, so the trend
    can still be grouped after a requirement is revised.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    as_of = models.DateField(_("as of"))
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    requirement = models.ForeignKey(
        Requirement, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_identifier = models.UUIDField()
    applies_to = models.CharField(max_length=10, choices=Requirement.AppliesTo)
    criticality = models.PositiveSmallIntegerField(choices=Requirement.Criticality)
    applicable = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    expiring = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    needed = models.PositiveIntegerField(default=0)
    shortfall = models.PositiveIntegerField(default=0)
    taken_at = models.DateTimeField(_("taken"), auto_now=True)

    class Meta:
        verbose_name = _("gap snapshot")
        verbose_name_plural = _("gap snapshots")
        ordering = ["month", "unit_id", "requirement_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "unit", "requirement"], name="gap_snapshot_once_per_month"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "month"]),
            models.Index(fields=["region", "month"]),
            models.Index(fields=["unit", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} unit {self.unit_id} requirement {self.requirement_id}"

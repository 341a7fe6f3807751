"""Requirements: general base knowledge for all, specific knowledge for some."""

from __future__ import annotations

import math
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import OperatingArea, Unit
from stegvis.people.models import JobTitle

from .frameworks import Item, Layer, Source


class Requirement(Layer):
    """A competence that staff must have.

    It applies to everyone in an operating area (``AREA``), to everyone with a job title
    (``TITLE``), or to a number or share of one unit's staff (``UNIT``: "at least 2 trained in
    dementia care"), or to every unit of a kind (``unit_kind``: "every care home"). Within the
    owner's part of the tree. Versions share ``lineage``; a change
    is a new row from a new ``valid_from`` with the old one given a ``valid_to``.
    """

    class AppliesTo(models.TextChoices):
        AREA = "area", _("Everyone in an operating area")
        TITLE = "title", _("Everyone with a job title")
        UNIT = "unit", _("Some of a unit's staff")

    class Reason(models.TextChoices):
        USERS_NEEDS = "users_needs", _("The needs of the people we support")
        LAW = "law", _("Law or regulation")
        QUALITY = "quality", _("Quality standard")
        LOCAL = "local", _("Local decision")

    class Criticality(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)
    item = models.ForeignKey(
        Item, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="requirements"
    )
    item_identifier = models.UUIDField(db_index=True)
    applies_to = models.CharField(_("applies to"), max_length=10, choices=AppliesTo)
    area_kind = models.CharField(
        _("operating area"), max_length=30, choices=OperatingArea.Kind, blank=True
    )
    job_title = models.ForeignKey(
        JobTitle,
        verbose_name=_("job title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    target_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    unit_kind = models.CharField(
        _("every unit of the kind"),
        max_length=30,
        choices=Unit.Kind,
        blank=True,
        help_text=_(
            "Instead of one unit: every unit of this kind in the layer's part of the tree."
        ),
    )
    min_count = models.PositiveIntegerField(_("at least (people)"), null=True, blank=True)
    min_share = models.PositiveSmallIntegerField(_("at least (% of staff)"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    reason_text = models.TextField(_("why"), blank=True)
    criticality = models.PositiveSmallIntegerField(
        _("criticality"), choices=Criticality, default=Criticality.MEDIUM
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["criticality", "id"]
        constraints = [
            Layer.one_owner("requirement_has_one_owner"),
            models.CheckConstraint(
                condition=(
                    Q(applies_to="area", area_kind__gt="")
                    | Q(applies_to="title", job_title__isnull=False)
                    | (
                        Q(applies_to="unit")
                        & (Q(target_unit__isnull=False) | Q(unit_kind__gt=""))
                        & (Q(min_count__isnull=False) | Q(min_share__isnull=False))
                    )
                ),
                name="requirement_target_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.title} ({self.get_applies_to_display()})"

    def needed(self, applicable: int) -> int:
        """How many of the ``applicable`` staff must hold it (see ``needed_count``)."""
        return needed_count(self.applies_to, applicable, self.min_count, self.min_share)


def needed_count(
    applies_to: str, applicable: int, min_count: int | None, min_share: int | None
) -> int:
    """How many must hold a requirement: everyone it applies to, or for a unit requirement its
    count or share of the staff (rounded up), whichever is more."""
    if applies_to != Requirement.AppliesTo.UNIT:
        return applicable
    by_share = math.ceil(applicable * min_share / 100) if min_share else 0
    return max(min_count or 0, by_share)

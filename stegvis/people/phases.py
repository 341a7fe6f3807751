"""Experience phase from years in the profession: new, experienced, senior (sv Ny, Van, Erfaren)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    NEW = "new", _("New")
    EXPERIENCED = "experienced", _("Experienced")
    SENIOR = "senior", _("Senior")


def full_years(start: datetime.date, on: datetime.date) -> int:
    """Completed years from ``start`` to ``on``: the count goes up on each anniversary."""
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


def experience_phase(
    profession_start: datetime.date | None,
    on: datetime.date | None = None,
    boundaries: tuple[int, int] | None = None,
) -> Phase | None:
    """The phase on ``on``: under the first boundary new, under the second experienced, else senior.

    With the default boundaries (2, 5): fewer than 2 completed years new, 2 to 4 experienced,
    5 or more senior.
    ``None`` when the start in the profession is not known.
    """
    if profession_start is None:
        return None
    on = on or timezone.localdate()
    first, second = boundaries or settings.STEGVIS_PHASE_BOUNDARIES
    years = full_years(profession_start, on)
    if years < first:
        return Phase.NEW
    if years < second:
        return Phase.EXPERIENCED
    return Phase.SENIOR

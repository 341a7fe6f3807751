"""Which area a request asks for, checked against the actor's ANALYSE_GAPS scope.

An area outside the scope answers 404, like a missing one. The whole installation is for
those whose scope is everything (superusers): a regional administrator sees their region.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import Scope, scope_for
from stegvis.organisations.selectors import (
    get_municipality_for,
    get_region_for,
    get_unit_for,
)

from .counts import Area

ANALYSE = Capability.ANALYSE_GAPS


@dataclass
class Place:
    """An area with what the page says about it."""

    area: Area
    name: str
    kind: str  # "Unit", "Municipality"... in words
    up: list[tuple[str, str]]  # (name, url) of the wider areas the actor may open
    obj: object = None

    @property
    def url(self) -> str:
        return area_url(self.area)


def area_url(area: Area, suffix: str = "") -> str:
    if area.level == "installation":
        return reverse("gaps:installation") + suffix
    return reverse(f"gaps:{area.level}", args=[area.pk]) + suffix


def _up(scope: Scope, region=None, municipality=None) -> list[tuple[str, str]]:
    links = []
    if scope.everything:
        links.append((_("All regions"), reverse("gaps:installation")))
    if region is not None and scope.contains(region):
        links.append((region.name, area_url(Area("region", region.pk))))
    if municipality is not None and scope.contains_municipality(municipality):
        links.append((municipality.name, area_url(Area("municipality", municipality.pk))))
    return links


def place_for(user, level: str, pk: int | None) -> Place:
    """The area ``level``/``pk`` if ``user`` may analyse it, else 404."""
    scope = scope_for(user, ANALYSE)
    if level == "installation":
        if not scope.everything:
            raise Http404
        return Place(Area("installation"), _("All regions"), _("Installation"), [])
    if level == "region":
        region = get_region_for(user, pk, ANALYSE)
        return Place(Area("region", pk), region.name, _("Region"), _up(scope), region)
    if level == "municipality":
        municipality = get_municipality_for(user, pk, ANALYSE)
        up = _up(scope, region=municipality.region)
        name = municipality.name
        return Place(Area("municipality", pk), name, _("Municipality"), up, municipality)
    unit = get_unit_for(user, pk, ANALYSE)
    up = _up(scope, region=unit.municipality.region, municipality=unit.municipality)
    return Place(Area("unit", pk), unit.name, _("Unit"), up, unit)


def as_of(request) -> tuple[datetime.date, bool]:
    """The date of ``?on=YYYY-MM-DD`` (and True), or today (and False)."""
    try:
        on = parse_date(request.GET.get("on") or "")
    except ValueError:  # well formed but impossible, e.g. 2025-02-30
        on = None
    return (on, True) if on else (timezone.localdate(), False)

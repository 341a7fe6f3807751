"""The gap analysis pages: the choice of area and the area's report."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from stegvis.organisations.permissions import capability_required
from stegvis.organisations.scope import scope_for
from stegvis.organisations.selectors import (
    municipalities_visible_to,
    regions_visible_to,
    units_visible_to,
)

from .areas import ANALYSE, area_url, as_of, place_for
from .charts import coverage_bars, trend_lines
from .counts import Area
from .report import RequirementLine, gap_report
from .snapshots import trend

TREND_MONTHS = 12
PLACEHOLDER = 2_147_483_647  # an id no area has, replaced by each child's


def bar_words(line: RequirementLine) -> str:
    figures = line.figures
    if not figures.needed:
        return _("nobody needed")
    text = _("%(covered)s of %(needed)s (%(share)s %%)") % {
        "covered": figures.covered,
        "needed": figures.needed,
        "share": figures.coverage,
    }
    if figures.shortfall:
        text += ", " + _("%(short)s short") % {"short": figures.shortfall}
    return text


@require_GET
@capability_required(ANALYSE)
def index(request):
    """Straight to the one area the actor analyses; a list when there are several."""
    scope = scope_for(request.user, ANALYSE)
    areas: list[tuple[str, str]] = []
    if scope.everything:
        areas.append((_("All regions"), area_url(Area("installation"))))
    regions = list(regions_visible_to(request.user, ANALYSE).order_by("name"))
    areas += [(r.name, area_url(Area("region", r.pk))) for r in regions]
    if not scope.everything:
        areas += [
            (m.name, area_url(Area("municipality", m.pk)))
            for m in municipalities_visible_to(request.user, ANALYSE)
            .filter(pk__in=scope.municipality_ids)
            .order_by("name")
        ]
        areas += [
            (u.name, area_url(Area("unit", u.pk)))
            for u in units_visible_to(request.user, ANALYSE)
            .filter(pk__in=scope.unit_ids, closed_on__isnull=True)
            .order_by("name")
        ]
    if len(areas) == 1:
        return redirect(areas[0][1])
    return render(request, "gaps/index.html", {"areas": areas})


def _link_children(report) -> None:
    """The children lie inside the area, so whoever sees the area may open each of them."""
    if not report.children:
        return
    pattern = area_url(Area(report.child_level, PLACEHOLDER))  # one reverse for every child
    for child in report.children:
        child.url = pattern.replace(str(PLACEHOLDER), str(child.pk))


def _area_page(request, level: str, pk: int | None = None):
    place = place_for(request.user, level, pk)
    on, chosen = as_of(request)
    report = gap_report(place.area, on)
    _link_children(report)
    points = trend(place.area, on, TREND_MONTHS)
    on_query = "?" + urlencode({"on": on.isoformat()}) if chosen else ""
    return render(
        request,
        "gaps/area.html",
        {
            "place": place,
            "report": report,
            "on": on,
            "chosen": chosen,
            "on_query": on_query,
            "bars": coverage_bars(report.requirements, bar_words),
            "trend": points,
            "trend_chart": trend_lines(points),
        },
    )


@require_GET
@capability_required(ANALYSE)
def unit(request, pk: int):
    return _area_page(request, "unit", pk)


@require_GET
@capability_required(ANALYSE)
def municipality(request, pk: int):
    return _area_page(request, "municipality", pk)


@require_GET
@capability_required(ANALYSE)
def region(request, pk: int):
    return _area_page(request, "region", pk)


@require_GET
@capability_required(ANALYSE)
def installation(request):
    return _area_page(request, "installation")

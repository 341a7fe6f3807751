"""Who lacks what: the unit's people per requirement, the municipality's list (paginated).

Names are shown only here and only to those with ANALYSE_GAPS over the place (managers of the
unit, HR of the municipality, the region's coordinators and administrators); statistics
readers hold no such scope and get 404.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from stegvis.organisations.permissions import capability_required

from .areas import ANALYSE, as_of, place_for
from .counts import coverage
from .lacking import municipality_lacking, unit_lacking


@require_GET
@capability_required(ANALYSE)
def unit_lacking_view(request, pk: int):
    place = place_for(request.user, "unit", pk)
    on, chosen = as_of(request)
    return render(
        request,
        "gaps/unit_lacking.html",
        {
            "place": place,
            "on": on,
            "chosen": chosen,
            "lacks": unit_lacking(place.obj, on),
        },
    )


@require_GET
@capability_required(ANALYSE)
def municipality_lacking_view(request, pk: int):
    place = place_for(request.user, "municipality", pk)
    on, chosen = as_of(request)
    page, people = municipality_lacking(coverage(place.area, on), on, request.GET.get("page"))
    keep = {"on": on.isoformat()} if chosen else {}
    return render(
        request,
        "gaps/municipality_lacking.html",
        {
            "place": place,
            "on": on,
            "chosen": chosen,
            "page": page,
            "people": people,
            "page_query": "&" + urlencode(keep) if keep else "",
        },
    )

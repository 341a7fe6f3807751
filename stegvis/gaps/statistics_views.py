"""Gap statistics for read-only roles: aggregates with small groups suppressed, no names."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from .areas import as_of
from .statistics import gap_statistics, term_labels

STATISTICS = Capability.VIEW_STATISTICS


def term_name(year: int, half: int) -> str:
    if half == 1:
        return _("Spring %(year)s") % {"year": year}
    return _("Autumn %(year)s") % {"year": year}


@require_GET
@capability_required(STATISTICS)
def statistics(request):
    on, chosen = as_of(request)
    data = gap_statistics(scope_for(request.user, STATISTICS), on)
    return render(
        request,
        "gaps/statistics.html",
        {
            "stats": data,
            "on": on,
            "chosen": chosen,
            "terms": [term_name(y, h) for y, h in term_labels(on)],
        },
    )

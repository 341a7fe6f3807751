"""The employee's journey: the route map of their suitcase, stop states and next actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from stegvis.people.selectors import own_person

from .context import journey_context
from .selectors import get_journey_for


@login_required
def mine(request):
    person = own_person(request.user)
    context = journey_context(person, suitcase_id=request.GET.get("suitcase"))
    context["person"] = person
    return render(request, "journeys/mine.html", context)


@login_required
def journey(request, pk: int):
    """Any journey one may see, with one's own stop states on it."""
    chosen = get_journey_for(request.user, pk)
    person = own_person(request.user)
    context = journey_context(person, chosen, request.GET.get("suitcase")) if person else {}
    if not context.get("journey_view"):
        suitcases = list(chosen.suitcases.prefetch_related("stops__course"))
        context = {"browse": chosen, "suitcases": suitcases}
    context["journey"] = chosen
    context["person"] = person
    return render(request, "journeys/journey.html", context)

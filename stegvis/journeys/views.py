"""The employee's journey: the route map of their suitcase, stop states and next actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from stegvis.people.selectors import own_person

from .next_actions import load_registrations, next_actions
from .route_map import route_map
from .selectors import get_journey_for, journey_views, journeys_for_people


def journey_context(person, journey=None, suitcase_id: str | None = None) -> dict:
    """The map, the list and the next actions for ``person`` (used by the start page too)."""
    if person is None:
        return {"journey_view": None}
    journeys = {person.pk: journey} if journey is not None else None
    if journeys is None:
        journeys = journeys_for_people([person])
    loaded = load_registrations(person)
    view = journey_views([person], timezone.localdate(), journeys, loaded).get(person.pk)
    if view is None:
        return {"journey_view": None, "actions": next_actions(person, loaded=loaded)}
    shown = view.current
    if suitcase_id and suitcase_id.isdigit():
        shown = next((s for s in view.journey.suitcases.all() if s.pk == int(suitcase_id)), shown)
    stops = view.stops.get(shown.pk, []) if shown else []
    return {
        "journey_view": view,
        "shown": shown,
        "shown_stops": stops,
        "map": route_map(stops),
        "actions": next_actions(person, view, loaded=loaded),
    }


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

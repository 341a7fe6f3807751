"""What a page needs to show a person's journey: map, list and next actions."""

from __future__ import annotations

from django.utils import timezone

from .next_actions import load_registrations, next_actions
from .route_map import route_map
from .selectors import journey_views, journeys_for_people


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

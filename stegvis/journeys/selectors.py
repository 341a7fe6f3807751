"""Which journey a person follows, which suitcase is theirs now, and who sees which journeys."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stegvis.competences.models import LadderPlacement
from stegvis.core.prepared import prepared
from stegvis.courses.selectors import courses_visible_to
from stegvis.people.models import Employment, Person
from stegvis.people.phases import experience_phase

from .models import Journey, Stop, Suitcase
from .progress import CourseState, StopState, course_states


def journeys_visible_to(user) -> QuerySet[Journey]:
    """Published journeys whose owner's catalogue the user sees (same reach as courses)."""
    owners = courses_visible_to(user).values("region_id", "municipality_id")
    regions = {row["region_id"] for row in owners if row["region_id"]}
    municipalities = {row["municipality_id"] for row in owners if row["municipality_id"]}
    from stegvis.people.selectors import own_person

    person = own_person(user)
    if person is not None:
        regions.add(person.region_id)
        if person.municipality_id:
            municipalities.add(person.municipality_id)
    return Journey.objects.filter(
        Q(region_id__in=regions) | Q(municipality_id__in=municipalities), published=True
    )


def get_journey_for(user, pk: int) -> Journey:
    return get_object_or_404(journeys_visible_to(user), pk=pk)


def _suitcases_prefetch() -> Prefetch:
    return Prefetch(
        "suitcases",
        # Within a journey and a suitcase in the models' order, without joining the parents
        # for ``Meta.ordering`` (journey, then suitcase, by title).
        queryset=Suitcase.objects.select_related("ladder_step")
        .order_by("journey_id", "order", "id")
        .prefetch_related(
            Prefetch(
                "stops",
                queryset=Stop.objects.select_related("course").order_by(
                    "suitcase_id", "order", "id"
                ),
            )
        ),
    )


@prepared
def _published_journeys(region_ids, municipality_ids):
    return (
        Journey.objects.filter(
            Q(region_id__in=region_ids) | Q(municipality_id__in=municipality_ids), published=True
        )
        .prefetch_related("job_titles", _suitcases_prefetch())
        .order_by("id")
    )


def journeys_for_people(
    people: list[Person],
    on: datetime.date | None = None,
    employments: list[Employment] | None = None,
) -> dict[int, Journey]:
    """The journey each person follows, by their current job titles and operating areas.

    A journey for the person's job title wins over one for their operating area, and a
    municipality's own journey over the region's. Fixed number of queries for any number.
    ``employments`` may pass the people's employments (with ``unit__operating_area``) already
    read for another purpose on the same page; only those current on ``on`` count.
    """
    on = on or timezone.localdate()
    people = list(people)
    if not people:
        return {}
    if employments is None:
        employments = (
            Employment.objects.current(on)
            .filter(person__in=people)
            .select_related("unit__operating_area")
        )
    titles: dict[int, set[int]] = {}
    kinds: dict[int, set[str]] = {}
    for employment in employments:
        if not employment.is_current(on):
            continue
        titles.setdefault(employment.person_id, set()).add(employment.job_title_id)
        kinds.setdefault(employment.person_id, set()).add(employment.unit.operating_area.kind)
    # A person's home owns journeys at two levels: their region's and their municipality's.
    candidates = _published_journeys(
        {p.region_id for p in people}, {p.municipality_id for p in people if p.municipality_id}
    )
    journey_titles = {
        journey.pk: {t.pk for t in journey.job_titles.all()} for journey in candidates
    }
    result = {}
    for person in people:
        best, best_rank = None, None
        for journey in candidates:
            mine = journey.region_id == person.region_id or (
                journey.municipality_id and journey.municipality_id == person.municipality_id
            )
            if not mine:
                continue
            by_title = bool(journey_titles[journey.pk] & titles.get(person.pk, set()))
            by_area = journey.area_kind and journey.area_kind in kinds.get(person.pk, ())
            if not (by_title or by_area):
                continue
            rank = (by_title, journey.municipality_id is not None)
            if best_rank is None or rank > best_rank:
                best, best_rank = journey, rank
        if best is not None:
            result[person.pk] = best
    return result


def current_placements(people: list[Person], on: datetime.date) -> dict[int, LadderPlacement]:
    placements = {}
    for placement in (
        LadderPlacement.objects.filter(person__in=people, since__lte=on)
        .select_related("step")
        .order_by("person_id", "since", "id")
    ):
        placements[placement.person_id] = placement  # the newest wins
    return placements


def current_suitcase(
    journey: Journey,
    person: Person,
    on: datetime.date,
    placement: LadderPlacement | None = None,
    suitcases: list[Suitcase] | None = None,
) -> Suitcase | None:
    """The suitcase for the person's experience phase, or the next ladder step's for a ladder.

    ``suitcases`` may pass ``journey.suitcases.all()`` already listed (for many people)."""
    suitcases = list(journey.suitcases.all()) if suitcases is None else suitcases
    if not suitcases:
        return None
    if journey.ladder_id:
        if placement is None:
            return suitcases[0]
        ahead = [
            s
            for s in suitcases
            if s.ladder_step and s.ladder_step.position > placement.step.position
        ]
        return ahead[0] if ahead else suitcases[-1]
    phase = experience_phase(person.profession_start_date, on)
    for suitcase in suitcases:
        if suitcase.phase and suitcase.phase == phase:
            return suitcase
    return suitcases[0]


@dataclass
class StopView:
    stop: Stop
    state: StopState
    course_state: CourseState | None = None

    @property
    def label(self) -> str:
        return str(self.state.label)


@dataclass
class JourneyView:
    """One person's journey: the suitcases, the current one and the state of each stop."""

    person: Person
    journey: Journey
    current: Suitcase | None
    stops: dict[int, list[StopView]] = field(default_factory=dict)  # by suitcase id

    @property
    def current_stops(self) -> list[StopView]:
        return self.stops.get(self.current.pk, []) if self.current else []

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.current_stops if s.state == StopState.DONE)

    @property
    def required_count(self) -> int:
        return sum(1 for s in self.current_stops if s.stop.required)


def journey_views(
    people: list[Person],
    on: datetime.date | None = None,
    journeys: dict | None = None,
    loaded: tuple[list, dict] | None = None,
    *,
    employments: list[Employment] | None = None,
    placements: dict[int, LadderPlacement] | None = None,
) -> dict[int, JourneyView]:
    """Journey, current suitcase and stop states for many people in a fixed number of queries.

    A page that has read the people's employments or ladder placements (on ``on``) for
    another purpose passes them as ``employments`` and ``placements`` (by person id) so they
    are not read twice.
    """
    on = on or timezone.localdate()
    people = list(people)
    if journeys is None:
        journeys = journeys_for_people(people, on, employments)
    if placements is None:
        placements = current_placements([p for p in people if p.pk in journeys], on)
    # Each journey's suitcases and stops, listed once rather than once per person.
    layouts = {
        journey.pk: [(suitcase, list(suitcase.stops.all())) for suitcase in journey.suitcases.all()]
        for journey in journeys.values()
    }
    course_ids = {
        stop.course_id for layout in layouts.values() for _s, stops in layout for stop in stops
    }
    states = course_states([p.pk for p in people if p.pk in journeys], course_ids, loaded)
    views = {}
    for person in people:
        journey = journeys.get(person.pk)
        if journey is None:
            continue
        layout = layouts[journey.pk]
        current = current_suitcase(
            journey, person, on, placements.get(person.pk), [suitcase for suitcase, _ in layout]
        )
        view = JourneyView(person, journey, current)
        for suitcase, stops in layout:
            view.stops[suitcase.pk] = []
            for stop in stops:
                known = states.get((person.pk, stop.course_id))
                state = known.state if known else StopState.NOT_STARTED
                view.stops[suitcase.pk].append(StopView(stop, state, known))
        views[person.pk] = view
    return views

"""The employee's journey: which journey and suitcase, stop states, the map, next actions."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stegvis.competences.models import LadderPlacement, LadderStep
from stegvis.courses.services import progress as course_progress
from stegvis.courses.services import registration as reg
from stegvis.journeys.models import Journey, Stop, Suitcase
from stegvis.journeys.progress import StopState
from stegvis.journeys.route_map import route_map
from stegvis.journeys.selectors import journey_views, journeys_for_people
from tests import factories as f
from tests.course_factories import ChecklistTaskFactory, course_scenario
from tests.journey_factories import elder_care_journey

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_the_journey_follows_the_operating_area_and_the_suitcase_the_phase(cast):
    setup = elder_care_journey(cast)
    # Anna works in elder care (Solgården); Karin in disability care (Linden).
    journeys = journeys_for_people([cast.employee, cast.colleague])
    assert journeys == {cast.employee.pk: setup["journey"]}
    cast.employee.profession_start_date = TODAY - datetime.timedelta(days=365)
    view = journey_views([cast.employee])[cast.employee.pk]
    assert view.current == setup["suitcases"]["new"]
    cast.employee.profession_start_date = TODAY.replace(year=TODAY.year - 3)
    assert (
        journey_views([cast.employee])[cast.employee.pk].current
        == setup["suitcases"]["experienced"]
    )
    cast.employee.profession_start_date = TODAY.replace(year=TODAY.year - 8)
    assert journey_views([cast.employee])[cast.employee.pk].current == setup["suitcases"]["senior"]


def test_a_journey_for_the_job_title_wins_and_unpublished_ones_are_ignored(cast):
    elder_care_journey(cast)
    title = cast.employee.employments.get().job_title
    by_title = Journey.objects.create(
        region=cast.region, title="Undersköterskans resa", published=True
    )
    by_title.job_titles.add(title)
    Journey.objects.create(
        municipality=cast.uddevalla, title="Utkast", area_kind="elder_care", published=False
    )
    assert journeys_for_people([cast.employee])[cast.employee.pk] == by_title


def test_a_ladder_journey_opens_the_suitcase_of_the_next_step(cast):
    model = f.competence_model(cast)
    ladder = model["ladder"]
    first = ladder.steps.get()
    second = LadderStep.objects.create(ladder=ladder, position=first.position + 1, name="Steg 2")
    journey = Journey.objects.create(
        region=cast.region, title="Trappan", area_kind="elder_care", ladder=ladder, published=True
    )
    one = Suitcase.objects.create(journey=journey, order=0, title="Steg 1", ladder_step=first)
    two = Suitcase.objects.create(journey=journey, order=1, title="Steg 2", ladder_step=second)
    LadderPlacement.objects.filter(person=cast.employee).delete()
    assert journey_views([cast.employee])[cast.employee.pk].current == one
    LadderPlacement.objects.create(person=cast.employee, step=first, since=TODAY)
    assert journey_views([cast.employee])[cast.employee.pk].current == two


def _stop_for(cast, scenario) -> Journey:
    journey = Journey.objects.create(
        region=cast.region, title="Resan", area_kind="elder_care", published=True
    )
    suitcase = Suitcase.objects.create(journey=journey, title="Ny", phase="")
    Stop.objects.create(suitcase=suitcase, course=scenario["course"])
    return journey


def _state(cast) -> StopState:
    view = journey_views([cast.employee])[cast.employee.pk]
    return view.current_stops[0].state


def test_stop_states_follow_the_course_from_registration_to_done(
    cast, django_capture_on_commit_callbacks
):
    scenario = course_scenario(cast)
    _stop_for(cast, scenario)
    assert _state(cast) == StopState.NOT_STARTED
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    assert _state(cast) == StopState.REGISTERED
    course_progress.task_tick(
        actor=None, registration=registration, task=scenario["preparation"], done=True
    )
    assert _state(cast) == StopState.PREPARING
    for day in scenario["days"]:
        day.starts_at -= datetime.timedelta(days=60)
        day.ends_at -= datetime.timedelta(days=60)
        day.save()
        course_progress.attendance_mark(
            actor=None, day=day, registration=registration, present=True
        )
    assert _state(cast) == StopState.ATTENDED
    course_progress.task_tick(
        actor=None, registration=registration, task=scenario["follow_up"], done=True
    )
    assert _state(cast) == StopState.FOLLOW_UP
    course_progress.follow_up_sign_off(actor=cast.manager.user, registration=registration)
    assert _state(cast) == StopState.DONE


def test_waiting_counts_as_registered_and_a_cancelled_registration_as_not_started(cast):
    scenario = course_scenario(cast, seats=0)
    _stop_for(cast, scenario)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    assert registration.status == "waiting" and _state(cast) == StopState.REGISTERED
    reg.cancel(actor=None, registration=registration)
    assert _state(cast) == StopState.NOT_STARTED


def test_the_map_places_every_stop_on_one_line():
    class View:
        def __init__(self, title):
            self.stop = type("S", (), {"course": type("C", (), {"title": title})()})()

    drawn = route_map([View("Kort"), View("En mycket lång kurstitel som måste brytas i två rader")])
    assert [(s.x, s.y) for s in drawn.stops] == [(64, 48), (276, 144)]
    assert drawn.path.startswith("M 64 12 L 64 48") and "C 64 96 276 96 276 144" in drawn.path
    assert len(drawn.stops[1].lines) == 2
    assert drawn.height > drawn.stops[-1].y


def test_my_journey_page_shows_map_list_and_next_actions(cast, login):
    setup = elder_care_journey(cast)
    cast.employee.profession_start_date = TODAY - datetime.timedelta(days=200)  # new: suitcase 1
    cast.employee.save()
    ChecklistTaskFactory(course=setup["courses"][0], title="Läs lagen om valfrihet")
    offering = setup["courses"][0].offerings.get()
    reg.register(actor=None, offering=offering, person=cast.employee)
    response = login(cast.employee).get(reverse("journeys:mine"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in body and '<ol class="route-list">' in body
    assert body.count("route-stop route-stop--") == 3
    assert "Läs lagen om valfrihet" in body  # a preparation task due
    assert reverse("courses:offering", args=[setup["courses"][1].offerings.get().pk]) in body


def test_someone_without_a_journey_is_told_so(cast, login):
    response = login(cast.colleague).get(reverse("journeys:mine"))
    assert response.status_code == 200
    assert "route-map" not in response.content.decode()


def test_a_journey_of_another_region_is_not_found(cast, login):
    setup = elder_care_journey(cast)
    url = reverse("journeys:journey", args=[setup["journey"].pk])
    assert login(cast.outsider).get(url).status_code == 404
    assert login(cast.colleague).get(url).status_code == 200


def test_journey_views_from_employments_and_placements_already_read(cast):
    """The team overview passes the employments and ladder placements it has read; the views
    are the same as when journey_views reads them itself, and an ended employment does not
    count."""
    setup = elder_care_journey(cast)
    reg.register(actor=None, offering=setup["courses"][0].offerings.get(), person=cast.employee)
    people = [cast.employee, cast.colleague]
    ended = f.EmploymentFactory(
        person=cast.colleague,
        unit=cast.solgarden,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    employments = [*cast.employee.employments.all(), *cast.colleague.employments.all()]
    assert ended in employments
    read = journey_views(people)
    shared = journey_views(people, employments=employments, placements={})
    assert set(read) == set(shared) == {cast.employee.pk}  # not Karin through the ended one
    mine, theirs = read[cast.employee.pk], shared[cast.employee.pk]
    assert theirs.current == mine.current
    assert {k: [(s.stop.pk, s.state) for s in v] for k, v in theirs.stops.items()} == {
        k: [(s.stop.pk, s.state) for s in v] for k, v in mine.stops.items()
    }
    assert StopState.REGISTERED in {s.state for stops in theirs.stops.values() for s in stops}

"""The team overview: who sees which unit, what each row says, filters and sorting."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from stegvis.competences.models import (
    BasicCompetenceRule,
    CompetenceRecord,
    Item,
    LadderPlacement,
    LadderStep,
)
from stegvis.courses.models import Registration
from stegvis.people.models import JobTitle, Qualification
from stegvis.station.team import Basic, team_rows
from tests import factories as f
from tests.course_factories import CourseDayFactory, OfferingFactory, at, course_scenario
from tests.journey_factories import elder_care_journey

Status = Registration.Status


def _years_ago(years: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=365 * years + 30)


def _registration(offering, person, status=Status.CONFIRMED, **fields) -> Registration:
    return Registration.objects.create(
        offering=offering,
        person=person,
        municipality=person.municipality,
        status=status,
        queued_at=timezone.now(),
        **fields,
    )


def _complete_stop(person, course) -> None:
    """A completed registration on ``course`` (its days are over): the stop is done."""
    offering = OfferingFactory(
        course=course, opens_at=at(-90), closes_at=at(-70), cancel_by=at(-75)
    )
    CourseDayFactory(offering=offering, starts_at=at(-60, 9), ends_at=at(-60, 16))
    _registration(offering, person, completed_at=timezone.now())


def _record(person, item, expires_in: int) -> None:
    CompetenceRecord.objects.create(
        person=person,
        item=item,
        item_identifier=item.identifier,
        kind="certificate",
        achieved_on=datetime.date(2024, 1, 1),
        expires_on=timezone.localdate() + datetime.timedelta(days=expires_in),
    )


@pytest.fixture
def team(cast):
    """Solgården: Anna (experienced, basic competence missing, one competence expiring and one
    expired, preparation overdue, 1 of 3 stops), Bo (new, meets, 2 of 3 stops), Cilla (phase
    not known, transitional, follow-up overdue) and the manager Maria (senior, no rules)."""
    scenario = course_scenario(cast)
    model = scenario["model"]
    journey = elder_care_journey(cast)
    anna = cast.employee
    anna.profession_start_date = _years_ago(3)
    anna.save()
    bo = f.PersonFactory(
        municipality=cast.uddevalla,
        first_name="Bo",
        last_name="Andersson",
        profession_start_date=_years_ago(1),
    )
    f.EmploymentFactory(person=bo, unit=cast.solgarden, job_title=model["title"])
    Qualification.objects.create(
        person=bo,
        kind="education",
        code="vard-och-omsorgsprogrammet",
        title="Vård- och omsorgsprogrammet",
        issued_on=datetime.date(2020, 6, 1),
    )
    specialist = JobTitle.objects.create(
        region=cast.region, code="spec-usk", name="Specialistundersköterska"
    )
    BasicCompetenceRule.objects.create(
        job_title=specialist,
        kind="education",
        code="yh-demens",
        description="YH Demensvård",
        required_from=timezone.localdate() + datetime.timedelta(days=100),
    )
    cilla = f.PersonFactory(
        municipality=cast.uddevalla,
        first_name="Cilla",
        last_name="Carlsson",
        profession_start_date=None,
    )
    f.EmploymentFactory(person=cilla, unit=cast.solgarden, job_title=specialist)

    lifting = Item.objects.create(
        framework=model["common"], kind="competence", code="1.2", title="Förflyttning"
    )
    _record(anna, model["hygiene"], 30)
    _record(anna, lifting, -10)
    LadderPlacement.objects.create(
        person=anna,
        step=LadderStep.objects.get(ladder=model["ladder"]),
        since=datetime.date(2025, 1, 1),
    )
    # Anna's preparation is overdue: her course starts in three days.
    _registration(scenario["offering"], anna)
    first = scenario["days"][0]
    first.starts_at, first.ends_at = at(3, 9), at(3, 16)
    first.save()
    # Cilla's follow-up is overdue: her course is over, the follow-up task not ticked.
    past = OfferingFactory(
        course=scenario["course"], opens_at=at(-90), closes_at=at(-60), cancel_by=at(-65)
    )
    CourseDayFactory(offering=past, starts_at=at(-40, 9), ends_at=at(-40, 16))
    done = _registration(past, cilla)
    done.task_completions.create(task=scenario["preparation"])
    experienced = [s.course for s in journey["suitcases"]["experienced"].stops.all()]
    new = [s.course for s in journey["suitcases"]["new"].stops.all()]
    _complete_stop(anna, experienced[0])
    _complete_stop(bo, new[0])
    _complete_stop(bo, new[1])
    return {"anna": anna, "bo": bo, "cilla": cilla, "maria": cast.manager, **scenario}


def _rows(cast) -> dict:
    return {row.person.first_name: row for row in team_rows(cast.solgarden)}


def _english(person):
    person.preferred_language = "en"
    person.save(update_fields=["preferred_language"])
    return person


def _names(response) -> list[str]:
    return [row.person.first_name for row in response.context["rows"]]


# --- who may see which unit ------------------------------------------------------------


@pytest.mark.parametrize(
    "who, unit, status",
    [
        ("manager", "solgarden", 200),
        ("manager", "linden", 404),
        ("hr", "solgarden", 200),
        ("hr", "linden", 200),
        ("hr_other", "solgarden", 404),
        ("hr_other", "linden", 404),
        ("hr_other", "ekbacken", 200),
        ("admin", "linden", 200),
        ("employee", "solgarden", 404),
        ("coordinator", "solgarden", 404),
        ("outsider", "kildevang", 404),
    ],
)
def test_who_sees_which_team(who, unit, status, cast, login):
    client = login(getattr(cast, who))
    url = reverse("station:team", args=[getattr(cast, unit).pk])
    assert client.get(url).status_code == status


def test_index_lists_the_units_one_follows(cast, login):
    manager = login(cast.manager).get(reverse("station:index"))
    assert [u.name for u in manager.context["page"]] == ["Solgården"]
    hr = login(cast.hr).get(reverse("station:index"))
    assert {u.name for u in hr.context["page"]} == {"Solgården", "Gruppbostad Linden"}
    other = login(cast.hr_other).get(reverse("station:index"))
    assert [u.name for u in other.context["page"]] == ["Ekbacken"]
    assert login(cast.employee).get(reverse("station:index")).status_code == 404


def test_index_counts_staff_and_links_to_the_team(cast, login):
    response = login(cast.hr).get(reverse("station:index"))
    solgarden = next(u for u in response.context["page"] if u.pk == cast.solgarden.pk)
    assert solgarden.staff_count == 2  # Anna and Maria
    assert reverse("station:team", args=[cast.solgarden.pk]) in response.content.decode()


def test_index_search_and_area_filter(cast, login):
    client = login(cast.hr)
    found = client.get(reverse("station:index"), {"q": "lind"}, HTTP_HX_REQUEST="true")
    assert [u.name for u in found.context["page"]] == ["Gruppbostad Linden"]
    assert b"<html" not in found.content
    by_area = client.get(reverse("station:index"), {"area": "elder_care"})
    assert [u.name for u in by_area.context["page"]] == ["Solgården"]


def test_closed_units_are_not_listed(cast, login):
    cast.linden.closed_on = datetime.date(2025, 1, 1)
    cast.linden.save()
    response = login(cast.hr).get(reverse("station:index"))
    assert [u.name for u in response.context["page"]] == ["Solgården"]


# --- what each row says ----------------------------------------------------------------


def test_rows_are_the_people_employed_in_the_unit_now(team, cast):
    ended = f.PersonFactory(municipality=cast.uddevalla, first_name="Ended")
    f.EmploymentFactory(
        person=ended,
        unit=cast.solgarden,
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    f.EmploymentFactory(person=team["bo"], unit=cast.solgarden, extent_percent=20)  # a 2nd one
    assert sorted(_rows(cast)) == ["Anna", "Bo", "Cilla", "Maria"]


def test_basic_competence_missing_met_transitional_and_none(team, cast):
    rows = _rows(cast)
    assert rows["Anna"].basic == Basic.MISSING
    assert rows["Bo"].basic == Basic.MET
    assert rows["Cilla"].basic == Basic.TRANSITIONAL
    assert rows["Cilla"].basic_until == timezone.localdate() + datetime.timedelta(days=99)
    assert rows["Maria"].basic == Basic.NONE


def test_phase_and_ladder_step(team, cast):
    rows = _rows(cast)
    assert (rows["Anna"].phase, rows["Bo"].phase, rows["Cilla"].phase) == (
        "experienced",
        "new",
        None,
    )
    assert rows["Maria"].phase == "senior"
    assert rows["Anna"].placement.step.name == "Nyexaminerad"
    assert rows["Bo"].placement is None


def test_expiring_and_expired_competence_with_the_nearest_date(team, cast):
    anna = _rows(cast)["Anna"]
    assert (anna.expired_count, anna.expiring_count) == (1, 1)
    assert anna.nearest_expiry == timezone.localdate() - datetime.timedelta(days=10)
    assert _rows(cast)["Bo"].expiring_count == 0


def test_overdue_preparation_and_follow_up(team, cast):
    rows = _rows(cast)
    assert [o.task for o in rows["Anna"].overdue] == [team["preparation"]]
    assert [o.task for o in rows["Cilla"].overdue] == [team["follow_up"]]
    assert rows["Bo"].overdue == []


def test_preparation_is_not_overdue_while_the_course_is_more_than_a_week_away(team, cast):
    day = team["days"][0]
    day.starts_at, day.ends_at = at(10, 9), at(10, 16)
    day.save()
    assert _rows(cast)["Anna"].overdue == []


def test_signed_off_follow_up_is_not_overdue(team, cast):
    Registration.objects.filter(person=team["cilla"]).update(follow_up_signed_off_at=timezone.now())
    assert _rows(cast)["Cilla"].overdue == []


def test_journey_progress_in_the_current_suitcase(team, cast):
    rows = _rows(cast)
    assert (rows["Anna"].journey_done, rows["Anna"].journey_total) == (1, 3)
    assert rows["Anna"].journey.current.phase == "experienced"
    assert (rows["Bo"].journey_done, rows["Bo"].journey_total) == (2, 3)
    assert rows["Maria"].journey_done == 0


def test_upcoming_course_days_next_and_count(team, cast):
    anna = _rows(cast)["Anna"]
    assert anna.next_day == team["days"][0]
    assert anna.upcoming_days == 2
    assert _rows(cast)["Bo"].next_day is None  # only completed courses, all in the past


def test_waiting_list_places_are_not_course_days(team, cast):
    Registration.objects.filter(person=team["anna"], offering=team["offering"]).update(
        status=Status.WAITING
    )
    anna = _rows(cast)["Anna"]
    assert (anna.next_day, anna.upcoming_days, anna.overdue) == (None, 0, [])


def test_needs_attention(team, cast):
    rows = _rows(cast)
    assert rows["Anna"].needs_attention and rows["Cilla"].needs_attention
    assert not rows["Bo"].needs_attention and not rows["Maria"].needs_attention


def test_page_shows_the_row_values_in_words(team, cast, login):
    with override("en"):
        html = login(_english(cast.manager)).get(reverse("station:team", args=[cast.solgarden.pk]))
        text = html.content.decode()
    assert "Basic competence missing" in text
    assert "Vård- och omsorgsprogrammet" in text
    assert "Transitional until" in text
    assert "1 expired" in text and "1 expiring" in text
    assert "1 of 3 stops done" in text and "2 of 3 stops done" in text
    assert "Läs Socialstyrelsens riktlinjer" in text
    assert reverse("people:person", args=[team["anna"].pk]) in text
    assert 'aria-sort="ascending"' in text


def test_empty_unit(cast, login):
    response = login(cast.hr).get(reverse("station:team", args=[cast.ekbacken.pk]))
    assert response.status_code == 404  # not Uddevalla's
    with override("en"):
        response = login(_english(cast.hr_other)).get(
            reverse("station:team", args=[cast.ekbacken.pk])
        )
        assert "Nobody is employed in this unit now." in response.content.decode()


# --- filters and sorting ---------------------------------------------------------------


def _get(client, cast, **params):
    return client.get(reverse("station:team", args=[cast.solgarden.pk]), params)


def test_filter_by_phase(team, cast, login):
    client = login(cast.manager)
    assert _names(_get(client, cast, phase="new")) == ["Bo"]
    assert _names(_get(client, cast, phase="unknown")) == ["Cilla"]


def test_filter_by_title(team, cast, login):
    response = _get(login(cast.manager), cast, title=team["model"]["title"].pk)
    assert _names(response) == ["Bo", "Anna"]


def test_filter_needs_attention(team, cast, login):
    assert _names(_get(login(cast.manager), cast, attention="on")) == ["Cilla", "Anna"]


def test_sorting(team, cast, login):
    client = login(cast.manager)
    assert _names(_get(client, cast)) == ["Bo", "Maria", "Cilla", "Anna"]
    assert _names(_get(client, cast, sort="phase")) == ["Bo", "Anna", "Maria", "Cilla"]
    assert _names(_get(client, cast, sort="progress")) == ["Maria", "Cilla", "Anna", "Bo"]
    assert _names(_get(client, cast, sort="expiring"))[0] == "Anna"


def test_unknown_filter_values_fall_back_to_everyone(team, cast, login):
    response = _get(login(cast.manager), cast, phase="ancient", sort="height", title="x")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 4


def test_htmx_filter_answers_with_the_table_only(team, cast, login):
    response = login(cast.manager).get(
        reverse("station:team", args=[cast.solgarden.pk]),
        {"phase": "new", "sort": "phase"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="team-table"')
    assert "<html" not in text
    assert 'name="phase" value="new"' in text  # carried into the register form
    assert _names(response) == ["Bo"]


def test_htmx_history_restore_gets_the_whole_page(team, cast, login):
    response = login(cast.manager).get(
        reverse("station:team", args=[cast.solgarden.pk]),
        {"phase": "new"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()

"""The gap engine counts in SQL what the unit competence matrix evaluates in Python.

Every case builds a unit with people in all the states the matrix knows and checks that
``coverage`` says, per requirement, exactly what ``unit_matrix`` says of the same unit and date.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from stegvis.competences.models import CompetenceRecord
from stegvis.courses.services import registration as reg
from stegvis.gaps.counts import Area, coverage
from stegvis.station.matrix import CellState, unit_matrix
from tests import factories as f
from tests.station.test_matrix import matrix_model, record, scenario, staff

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _by_requirement(rows, unit):
    return {r.requirement_id: r for r in rows if r.unit_id == unit.pk}


def _assert_same_as_matrix(unit, on):
    matrix = unit_matrix(unit, on)
    rows = _by_requirement(coverage(Area("unit", unit.pk), on), unit)
    assert set(rows) == {c.requirement.pk for c in matrix.columns}
    for column in matrix.columns:
        row = rows[column.requirement.pk]
        expiring = sum(
            1
            for r in matrix.rows
            for cell, c in zip(r.cells, matrix.columns, strict=True)
            if c is column and cell.state == CellState.EXPIRING
        )
        assert (row.applicable, row.held, row.in_progress, row.needed, row.shortfall) == (
            column.applicable,
            column.held,
            column.in_progress,
            column.needed,
            column.shortfall,
        ), column.title
        assert row.expiring == expiring, column.title
        assert row.item_identifier == column.requirement.item_identifier
        assert row.municipality_id == unit.municipality_id
    return rows


def _many_states(cast):
    """Scenario plus: a confirmed self-assessment, a withdrawn entry, an entry achieved in the
    future, an ended employment, a second title and a completed course."""
    model = scenario(cast)
    today = timezone.localdate()
    confirmed = staff(cast, "Bo", "Bekräftad")
    own = record(confirmed, model["dementia"], "self_assessed")
    CompetenceRecord.objects.create(
        person=confirmed,
        item=model["dementia"],
        item_identifier=model["dementia"].identifier,
        kind="confirmation",
        achieved_on=today,
        refers_to=own,
    )
    withdrawn = staff(cast, "Wera", "Återtagen")
    wrong = record(withdrawn, model["medication"])
    CompetenceRecord.objects.create(
        person=withdrawn,
        item=model["medication"],
        item_identifier=model["medication"].identifier,
        kind="withdrawal",
        achieved_on=today,
        refers_to=wrong,
    )
    later = staff(cast, "Lars", "Senare")
    record(later, model["lifting"], achieved=today + 10 * DAY)
    gone = staff(cast, "Gun", "Slutat", end_date=today - 30 * DAY)
    record(gone, model["dementia"])
    other_title = f.JobTitleFactory(region=cast.region, code="sjukskoterska")
    nurse = staff(cast, "Nils", "Sjuksköterska", title=other_title)
    f.EmploymentFactory(person=nurse, unit=cast.solgarden, job_title=model["title"])
    record(nurse, model["lifting"], expires=today + 200 * DAY)
    record(nurse, model["lifting"], "assessed", expires=today + 20 * DAY)
    done = staff(cast, "Disa", "Klar")
    registration = reg.register(actor=None, offering=model["offering"], person=done)
    registration.completed_at = timezone.now() - 5 * DAY
    registration.save(update_fields=["completed_at"])
    return model


def test_a_unit_is_counted_as_the_matrix_evaluates_it(cast):
    _many_states(cast)
    rows = _assert_same_as_matrix(cast.solgarden, timezone.localdate())
    assert sum(r.held for r in rows.values()) > 0
    assert sum(r.in_progress for r in rows.values()) > 0
    assert sum(r.expiring for r in rows.values()) > 0
    assert sum(r.shortfall for r in rows.values()) > 0


@pytest.mark.parametrize("days", [-400, -40, -6, 11, 60, 400])
def test_as_of_other_dates_it_still_agrees_with_the_matrix(cast, days):
    _many_states(cast)
    _assert_same_as_matrix(cast.solgarden, timezone.localdate() + days * DAY)


def test_entries_recorded_after_the_date_do_not_count_as_of_that_date(cast):
    model = matrix_model(cast)
    person = staff(cast, "Efter", "Hand")
    entry = record(person, model["dementia"], achieved=datetime.date(2020, 1, 1))
    CompetenceRecord.objects.filter(pk=entry.pk).update(
        recorded_at=timezone.now() + datetime.timedelta(days=3)
    )
    dementia = model["dementia"].identifier
    today = timezone.localdate()
    held = {r.item_identifier: r.held for r in coverage(Area("unit", cast.solgarden.pk), today)}
    assert held[dementia] == 0
    later = {
        r.item_identifier: r.held
        for r in coverage(Area("unit", cast.solgarden.pk), today + 5 * DAY)
    }
    assert later[dementia] == 1


def test_a_unit_requirement_with_nobody_in_the_unit_still_needs_its_count(cast):
    matrix_model(cast)
    empty = f.UnitFactory(operating_area=cast.solgarden.operating_area, kind="care_home")
    rows = coverage(Area("unit", empty.pk), timezone.localdate())
    medication = [r for r in rows if r.needed == 0 and r.applicable == 0]
    assert medication, "the share requirement of every care home applies with nobody to count"
    assert all(r.applicable == 0 and r.held == 0 for r in rows)


def test_wider_areas_are_the_sum_of_their_units_and_stay_inside_the_area(cast):
    model = _many_states(cast)
    second = f.UnitFactory(operating_area=cast.solgarden.operating_area, kind="care_home")
    person = staff(cast, "Andra", "Enheten", unit=second)
    record(person, model["medication"])
    today = timezone.localdate()
    units = {
        unit.pk: coverage(Area("unit", unit.pk), today)
        for unit in (cast.solgarden, second, cast.linden)
    }
    municipality = coverage(Area("municipality", cast.uddevalla.pk), today)
    assert sorted(municipality, key=_key) == sorted(
        [row for rows in units.values() for row in rows], key=_key
    )
    region = coverage(Area("region", cast.region.pk), today)
    assert {r.municipality_id for r in region} <= {cast.uddevalla.pk, cast.vanersborg.pk}
    assert set(municipality) <= set(region)
    everything = coverage(Area("installation"), today)
    assert set(region) <= set(everything)
    outside = coverage(Area("region", cast.other_region.pk), today)
    assert not {r.unit_id for r in outside} & {r.unit_id for r in region}


def test_closed_units_are_left_out(cast):
    matrix_model(cast)
    today = timezone.localdate()
    closed = f.UnitFactory(
        operating_area=cast.solgarden.operating_area, kind="care_home", closed_on=today - DAY
    )
    assert coverage(Area("unit", closed.pk), today) == []
    assert coverage(Area("unit", closed.pk), today - 2 * DAY)


def test_an_area_is_one_of_the_levels_with_an_id_where_it_needs_one():
    with pytest.raises(ValueError):
        Area("county", 1)
    with pytest.raises(ValueError):
        Area("municipality")
    with pytest.raises(ValueError):
        Area("installation", 3)


def _key(row):
    return (row.unit_id, row.requirement_id)


@pytest.mark.parametrize("days", [0, -40, 11, 400])
def test_who_lacks_what_names_exactly_the_people_the_engine_counts_as_lacking(cast, days):
    """``lacking.municipality_lacking`` restates the engine's rules as an ORM filter; here the
    two must agree: one named lack per person and requirement the engine counts as not held."""
    from stegvis.competences.models import Requirement
    from stegvis.gaps.lacking import municipality_lacking

    model = _many_states(cast)
    Requirement.objects.update(criticality=Requirement.Criticality.HIGH)
    # Two who hold everything but one competence, each for a reason only the filter that
    # picks the people knows: a withdrawn entry, a self-assessment nobody confirmed.
    held_all = ("hygiene", "dementia", "medication", "lifting")
    for (first, last), missing, kind in (
        (("Vera", "Indragen"), "medication", "withdrawal"),
        (("Sara", "Obekräftad"), "lifting", "self_assessed"),
    ):
        person = staff(cast, first, last)
        for key in held_all:
            if key != missing:
                record(person, model[key], achieved=timezone.localdate() - 800 * DAY)
        entry = record(
            person, model[missing], "self_assessed" if kind != "withdrawal" else "course"
        )
        if kind == "withdrawal":
            CompetenceRecord.objects.create(
                person=person,
                item=model[missing],
                item_identifier=model[missing].identifier,
                kind="withdrawal",
                achieved_on=timezone.localdate() - 500 * DAY,
                refers_to=entry,
            )
    on = timezone.localdate() + days * DAY
    rows = coverage(Area("municipality", cast.uddevalla.pk), on)
    page, people = municipality_lacking(rows, on, 1, per_page=1000)
    named = Counter(title for person in people for title, _why in person.lacks)
    # A unit requirement (some of the staff) is a lack only while the unit is short of it.
    some_of_the_staff = set(
        Requirement.objects.filter(applies_to="unit").values_list("pk", flat=True)
    )
    titles = dict(Requirement.objects.values_list("pk", "item__title"))
    expected = Counter()
    for r in rows:
        if r.requirement_id not in some_of_the_staff or r.shortfall:
            expected[titles[r.requirement_id]] += r.applicable - r.held
    assert page.paginator.count == len(people)
    assert +named == +expected
    assert days != 0 or named.total() > 0

"""The gap report: the engine's rows summed per requirement and per child area.

Solgården (``tests.station.test_matrix.scenario``): Anna (hygiene pending, on the dementia
course), Åsa (dementia met, lifting expiring, hygiene expired), Maria (medication met).
Linden (a care home in disability care): Karin, who holds nothing. Björken, added here: a
care home in Uddevalla's elder care where both of its two staff hold medication.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from stegvis.gaps.counts import Area
from stegvis.gaps.report import gap_report
from tests import factories as f
from tests.station.test_matrix import record, scenario, staff

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _lines(report) -> dict:
    return {line.title: line for line in report.requirements}


def _numbers(figures) -> tuple:
    return (figures.needed, figures.held, figures.shortfall, figures.coverage)


def with_bjorken(cast) -> dict:
    model = scenario(cast)
    bjorken = f.UnitFactory(operating_area=cast.solgarden.operating_area, name="Björken")
    for first in ("Berit", "Bengt"):
        record(staff(cast, first, "Björk", unit=bjorken), model["medication"])
    return {**model, "bjorken": bjorken}


def test_a_unit_report_says_what_the_matrix_says_most_critical_first(cast):
    scenario(cast)
    report = gap_report(Area("unit", cast.solgarden.pk), TODAY())
    assert [line.title for line in report.requirements] == [
        "Demensvård",  # high
        "Basala hygienrutiner",  # medium, shortfall 3
        "Läkemedel",  # medium, shortfall 1
        "Förflyttning",  # low
    ]
    lines = _lines(report)
    assert _numbers(lines["Demensvård"].figures) == (2, 1, 1, 50)
    assert lines["Demensvård"].figures.in_progress == 1
    assert _numbers(lines["Basala hygienrutiner"].figures) == (3, 0, 3, 0)
    assert _numbers(lines["Läkemedel"].figures) == (2, 1, 1, 50)
    assert _numbers(lines["Förflyttning"].figures) == (2, 1, 1, 50)
    assert lines["Förflyttning"].figures.expiring == 1
    with override("en"):
        report = gap_report(Area("unit", cast.solgarden.pk), TODAY())
    assert _lines(report)["Basala hygienrutiner"].reasons == ["Law or regulation"]
    assert (report.total.needed, report.total.shortfall, report.total.coverage) == (9, 6, 33)
    assert report.high.shortfall == 1
    assert report.children == [] and report.units == 1


def test_a_surplus_in_one_unit_never_covers_a_gap_in_another(cast):
    with_bjorken(cast)
    report = gap_report(Area("municipality", cast.uddevalla.pk), TODAY())
    medication = _lines(report)["Läkemedel"].figures
    # Solgården needs 2 and has 1; Björken needs 1 and has 2; Linden needs 1 and has 0.
    assert (medication.needed, medication.held, medication.shortfall) == (4, 3, 2)
    assert (medication.covered, medication.coverage) == (2, 50)
    children = {child.name: child for child in report.children}
    assert set(children) == {"Solgården", "Björken", "Gruppbostad Linden"}
    bjorken = children["Björken"].by_requirement[_lines(report)["Läkemedel"].key]
    assert (bjorken.needed, bjorken.held, bjorken.shortfall) == (1, 2, 0)
    assert children["Solgården"].high.shortfall == 1
    assert report.children[0].name == "Solgården"  # the high-criticality shortfall first
    by_requirement = children["Gruppbostad Linden"].by_requirement
    assert sorted(f.shortfall for f in by_requirement.values()) == [0, 1]  # lifting: nobody


def test_a_region_report_drills_down_to_its_municipalities(cast):
    with_bjorken(cast)
    municipality = gap_report(Area("municipality", cast.uddevalla.pk), TODAY())
    region = gap_report(Area("region", cast.region.pk), TODAY())
    children = {child.name: child for child in region.children}
    assert set(children) == {"Uddevalla", "Vänersborg"}  # Ekbacken: hygiene, nobody to count
    assert children["Uddevalla"].figures == municipality.total
    assert children["Vänersborg"].figures.needed == 0
    assert region.total.shortfall == municipality.total.shortfall
    installation = gap_report(Area("installation"), TODAY())
    assert {child.name for child in installation.children} >= {"Fyrbodal"}


def test_as_of_a_past_date_counts_the_staff_and_records_of_that_date(cast):
    """Twenty days ago the late starter was not employed, and no entry had been recorded yet
    (the scenario's entries are all recorded today, whatever their achievement date)."""
    model = scenario(cast)
    today = TODAY()
    late = staff(cast, "Sen", "Anställd", start_date=today - datetime.timedelta(days=10))
    record(late, model["dementia"], achieved=today - datetime.timedelta(days=5))
    now = _lines(gap_report(Area("unit", cast.solgarden.pk), today))["Demensvård"].figures
    before = gap_report(Area("unit", cast.solgarden.pk), today - datetime.timedelta(days=20))
    then = _lines(before)["Demensvård"].figures
    assert (now.applicable, now.held, now.shortfall) == (4, 2, 0)
    assert (then.applicable, then.held, then.shortfall) == (3, 0, 2)


def test_an_area_without_requirements_has_an_empty_report(cast):
    report = gap_report(Area("municipality", cast.randers.pk), TODAY())
    assert report.requirements == [] and report.children == []
    assert report.total.coverage is None


def test_the_report_takes_a_constant_number_of_queries(cast, django_assert_num_queries):
    with_bjorken(cast)
    with django_assert_num_queries(3):  # engine, requirements, unit names
        gap_report(Area("municipality", cast.uddevalla.pk), TODAY())
    with django_assert_num_queries(4):  # engine, requirements, municipalities, regions
        gap_report(Area("installation"), TODAY())

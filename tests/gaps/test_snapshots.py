"""Monthly snapshots: idempotent, backfilled as of each month's end, read back as the trend."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stegvis.competences.models import CompetenceRecord
from stegvis.gaps.counts import Area
from stegvis.gaps.models import GapSnapshot
from stegvis.gaps.snapshots import months_back, take_snapshots, trend
from tests.factories import english
from tests.gaps.test_report import with_bjorken
from tests.station.test_matrix import record

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 14)


def _rows():
    return sorted(
        GapSnapshot.objects.values_list(
            "month", "as_of", "unit_id", "requirement_id", "applicable", "held", "shortfall"
        )
    )


def test_months_back_crosses_the_new_year():
    assert months_back(datetime.date(2026, 2, 20), 4) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_taking_snapshots_twice_gives_the_same_rows(cast):
    with_bjorken(cast)
    taken = take_snapshots(months=3, today=TODAY)
    assert [(m.isoformat(), d.isoformat()) for m, d, _n in taken] == [
        ("2026-03-01", "2026-03-31"),
        ("2026-04-01", "2026-04-30"),
        ("2026-05-01", "2026-05-14"),
    ]
    first = _rows()
    assert first
    again = take_snapshots(months=3, today=TODAY)
    assert [m for m, _d, _n in again] == [datetime.date(2026, 5, 1)]  # only the current month
    assert _rows() == first
    take_snapshots(months=3, today=TODAY, refresh=True)
    assert _rows() == first


def test_a_backfilled_month_ignores_entries_recorded_after_it(cast):
    model = with_bjorken(cast)
    entry = record(cast.employee, model["dementia"], achieved=datetime.date(2025, 1, 1))
    CompetenceRecord.objects.filter(pk=entry.pk).update(
        recorded_at=datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC)
    )
    CompetenceRecord.objects.exclude(pk=entry.pk).update(
        recorded_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    take_snapshots(months=3, today=TODAY)
    held = dict(
        GapSnapshot.objects.filter(
            unit=cast.solgarden, item_identifier=model["dementia"].identifier
        ).values_list("month", "held")
    )
    assert held == {
        datetime.date(2026, 3, 1): 1,  # Åsa only: Anna's entry was recorded in April
        datetime.date(2026, 4, 1): 2,
        datetime.date(2026, 5, 1): 2,
    }
    points = trend(Area("unit", cast.solgarden.pk), TODAY, 12)
    assert [p.month.month for p in points] == [3, 4, 5]
    assert [p.high_shortfall for p in points] == [1, 0, 0]
    assert [p.high_coverage for p in points] == [50, 100, 100]


def test_the_trend_of_wider_areas_sums_their_units(cast):
    with_bjorken(cast)
    take_snapshots(months=2, today=TODAY)
    unit = trend(Area("unit", cast.solgarden.pk), TODAY)
    municipality = trend(Area("municipality", cast.uddevalla.pk), TODAY)
    region = trend(Area("region", cast.region.pk), TODAY)
    assert len(municipality) == 2
    assert municipality[-1].shortfall > unit[-1].shortfall
    assert region[-1].shortfall == municipality[-1].shortfall  # Vänersborg: nobody to count
    assert trend(Area("municipality", cast.randers.pk), TODAY) == []


def test_the_command_takes_the_current_month_and_backfills(cast):
    with_bjorken(cast)
    call_command("gaps_snapshot", "--months", "2")
    months = set(GapSnapshot.objects.values_list("month", flat=True))
    today = timezone.localdate()
    assert months == set(months_back(today, 2))


def test_the_page_draws_the_trend_with_a_table(cast, login):
    with_bjorken(cast)
    take_snapshots(months=3)
    client = english(login(cast.manager))
    html = client.get(reverse("gaps:unit", args=[cast.solgarden.pk])).content.decode()
    assert "gaps-line--all" in html and "gaps-line--high" in html
    assert html.count('<tr><th scope="row">') >= 3  # one row per month in the table
    assert "No monthly snapshots yet" not in html

"""The data and the floor of bench/gaps.py, on a small generated installation: the floor
counts what the gap engine and the unit competence matrix count, at every level.

The timed runs at 3,000 to 300,000 staff live in bench/gaps.py; this keeps its check honest.
"""

import sys
from pathlib import Path

import pytest

from stegvis.gaps.counts import Area, coverage

sys.path.append(str(Path(__file__).resolve().parents[2] / "bench"))

from _gaps_floor import floor, matrix_totals, nonzero
from _gaps_model import ON
from _gaps_run import areas, engine_totals, generate


@pytest.fixture
def installation(db):
    return generate(600)


def test_generated_data_has_every_kind_of_case(installation):
    model, counts = installation
    totals = floor("installation", None, ON)
    applicable, held, expiring, in_progress, shortfall = (
        sum(t[i] for t in totals.values()) for i in range(5)
    )
    assert 590 <= counts["people_person"] <= 610  # areas and units round the shares
    assert len(model.municipalities) == 3
    assert 0 < expiring < held < applicable
    assert in_progress > 0 and shortfall > 0
    assert any(u.closed for units in model.units.values() for u in units)


def test_floor_equals_engine_at_every_level(installation):
    model, _counts = installation
    for level, pk in areas(model).items():
        assert nonzero(floor(level, pk, ON)) == nonzero(engine_totals(level, pk, ON)), level


def test_floor_equals_unit_matrix_in_every_open_unit(installation):
    model, _counts = installation
    units = [u.pk for town in model.units.values() for u in town if not u.closed]
    for unit in units:
        assert nonzero(floor("unit", unit, ON)) == nonzero(matrix_totals([unit], ON)), unit


def test_closed_units_are_left_out(installation):
    model, _counts = installation
    closed = next(u for town in model.units.values() for u in town if u.closed)
    assert coverage(Area("unit", closed.pk), ON) == []
    assert floor("unit", closed.pk, ON) == {}

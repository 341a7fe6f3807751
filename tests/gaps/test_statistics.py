"""Gap statistics for read-only roles: aggregates only, small groups suppressed, no names."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from stegvis.courses.services import registration as reg
from stegvis.gaps.statistics import gap_statistics
from stegvis.organisations.models import OperatingArea
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from tests.factories import english
from tests.gaps.test_report import with_bjorken
from tests.station.test_matrix import record, staff

pytestmark = pytest.mark.django_db
ELDER = list(OperatingArea.Kind).index(OperatingArea.Kind.ELDER_CARE)
DISABILITY = list(OperatingArea.Kind).index(OperatingArea.Kind.DISABILITY)


def _stats(cast, who="statistics"):
    user = getattr(cast, who).user
    return gap_statistics(scope_for(user, Capability.VIEW_STATISTICS), timezone.localdate())


def _row(table, name):
    return next(row for row in table.rows if row.name == name)


def test_groups_under_the_limit_are_hidden_and_a_lone_hidden_cell_takes_a_neighbour(cast, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 3
    with_bjorken(cast)  # elder care in Uddevalla: 5 people; disability (Linden): 1
    uddevalla = _row(_stats(cast).by_area, "Uddevalla")
    disability, elder = uddevalla.cells[DISABILITY], uddevalla.cells[ELDER]
    assert disability.suppressed  # one person
    assert elder.suppressed  # secondary: else the total would reveal Linden
    assert not uddevalla.total.suppressed and uddevalla.total.value is not None


def test_large_enough_groups_show_their_coverage(cast, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 1
    with_bjorken(cast)
    uddevalla = _row(_stats(cast).by_area, "Uddevalla")
    assert uddevalla.cells[DISABILITY].value == 0  # Karin lacks the medication requirement
    assert uddevalla.cells[ELDER].value is not None
    requirements = _stats(cast).by_requirement
    assert requirements.columns == ["Uddevalla", "Vänersborg"]
    dementia = _row(requirements, "Demensvård")
    assert dementia.cells[0].value == 50 and dementia.cells[1].value is None


def test_a_requirement_that_applies_to_few_people_is_hidden(cast, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 5
    with_bjorken(cast)
    lifting = _row(_stats(cast).by_requirement, "Förflyttning")  # 4 undersköterskor
    assert lifting.cells[0].suppressed and lifting.total.suppressed


def test_course_participation_is_counted_per_term_with_suppression(cast, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 2
    model = with_bjorken(cast)
    people = [staff(cast, "Kurs", f"Deltagare{i}") for i in range(3)]
    for person in people:
        reg.register(actor=None, offering=model["offering"], person=person)
    uddevalla = _row(_stats(cast).participation, "Uddevalla")
    this_term = uddevalla.cells[-2]  # registrations in the current term
    assert this_term.value == 4  # and Anna, registered by the scenario
    assert all(c.value == 0 for c in uddevalla.cells[:-2])


def test_the_page_shows_no_names(cast, login, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 1
    model = with_bjorken(cast)
    record(cast.colleague, model["medication"])
    client = english(login(cast.statistics))
    response = client.get(reverse("gaps:statistics"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Uddevalla" in html and "Demensvård" in html
    for name in ("Anna", "Lindqvist", "Åsa", "Berit", "Karin", "Maria Berg", "Solgården"):
        assert name not in html, name

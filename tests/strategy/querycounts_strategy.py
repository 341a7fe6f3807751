"""Query-count cases for the strategy pages (collected by tests/test_query_counts.py): the index
and the unit's page grow by units, plans with budget lines and courses, and meetings."""

from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.course_factories import CourseFactory
from tests.strategy.helpers import days, meeting, plan


def _add_units(cast, n):
    """Units of Uddevalla with this year's plan (lines, a course) and a committee meeting."""
    for i in range(n):
        unit = f.UnitFactory(operating_area=cast.solgarden.operating_area)
        found = plan(unit, timezone.localdate().year, adopted=bool(i % 2))
        found.courses.add(CourseFactory(region=cast.region))
        meeting(unit=unit, held_on=days(-20 - i))


def _add_years(cast, n):
    """Earlier adopted plans of Solgården and more meetings of it and of Uddevalla."""
    first = cast.solgarden.strategy_plans.order_by("year").first()
    year = (first.year if first else timezone.localdate().year) - 1
    for i in range(n):
        found = plan(cast.solgarden, year - i, adopted=True)
        found.courses.add(CourseFactory(region=cast.region))
        meeting(unit=cast.solgarden, held_on=days(-30 - i))
        meeting(municipality=cast.uddevalla, held_on=days(-60 - i))


CASES = [
    ("hr", lambda c: reverse("strategy:index"), _add_units),
    ("auditor", lambda c: reverse("strategy:index"), _add_units),
    ("manager", lambda c: reverse("strategy:unit", args=[c.solgarden.pk]), _add_years),
    ("auditor", lambda c: reverse("strategy:unit", args=[c.solgarden.pk]), _add_years),
    ("hr", lambda c: reverse("strategy:municipality_meetings", args=[c.uddevalla.pk]), _add_years),
    ("hr", lambda c: reverse("strategy:municipality_meetings", args=[c.uddevalla.pk]), _add_units),
]

"""Authorization rows for the gap analysis (tests/test_authorization_matrix.py).

ANALYSE_GAPS: the manager of a unit, HR of its municipality, the region's coordinator and
administrator; the whole installation only for superusers. The statistics page is for
VIEW_STATISTICS (HR, coordinator, administrator, statistics reader), who see no names.
"""

from tests.test_authorization_matrix import Case, roles

ANALYSTS = roles("manager", "hr", "hr_other", "coordinator", "admin")
SOLGARDEN = roles("manager", "hr", "coordinator", "admin")
UDDEVALLA = roles("hr", "coordinator", "admin")
FYRBODAL = roles("coordinator", "admin")
STATISTICS = roles("hr", "hr_other", "coordinator", "admin", "statistics")


def _solgarden(cast):
    return {"pk": cast.solgarden.pk}


def _uddevalla(cast):
    return {"pk": cast.uddevalla.pk}


CASES = {
    "gaps:index": Case(ANALYSTS, ok_status=302),  # each has one area: straight to it
    "gaps:installation": Case(roles()),
    "gaps:region": Case(FYRBODAL, lambda cast: {"pk": cast.region.pk}),
    "gaps:municipality": Case(UDDEVALLA, _uddevalla),
    "gaps:unit": Case(SOLGARDEN, _solgarden),
    "gaps:unit_lacking": Case(SOLGARDEN, _solgarden),
    "gaps:municipality_lacking": Case(UDDEVALLA, _uddevalla),
    "gaps:export": Case(
        UDDEVALLA, lambda cast: {"level": "municipality", "pk": cast.uddevalla.pk, "format": "xlsx"}
    ),
    "gaps:installation_export": Case(roles(), lambda cast: {"format": "xlsx"}),
    "gaps:statistics": Case(STATISTICS),
}

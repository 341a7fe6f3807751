"""Authorization rows for the joint plan (tests/test_authorization_matrix.py).

Only those who plan the region's joint courses (PLAN_REGION: Fyrbodal's coordinator and
administrator) reach the plans; everyone else, the region's HR and statistics readers
included, gets 404.
"""

from tests.regionplan.helpers import cached_scenario as _scenario
from tests.test_authorization_matrix import Case, roles

PLANNERS = roles("coordinator", "admin")


def _plan(cast):
    return {"pk": _scenario(cast)["plan"].pk}


def _proposal(cast):
    return {"pk": _scenario(cast)["proposal"].pk}


CASES = {
    "regionplan:plans": Case(PLANNERS),
    "regionplan:plan_create": Case(PLANNERS),
    "regionplan:plan": Case(PLANNERS, _plan),
    "regionplan:plan_course": Case(
        PLANNERS, lambda cast: {**_plan(cast), "course_pk": _scenario(cast)["course"].pk}
    ),
    "regionplan:proposal_add": Case(PLANNERS, _plan),
    "regionplan:plan_confirm": Case(PLANNERS, _plan),
    "regionplan:proposal_edit": Case(PLANNERS, _proposal),
    "regionplan:proposal_delete": Case(PLANNERS, _proposal, "post", 302),
}

"""Authorization rows for the development plan pages and the follow-up figures.

The plan is Anna's (the employee at Solgården): she, her manager and Uddevalla's HR read it;
only her current manager writes it; both of them approve it.
"""

from tests.development.plan_helpers import dialogue_with, plan_scenario
from tests.test_authorization_matrix import EVERYONE, Case, roles


def _draft(cast) -> dict:
    if not hasattr(cast, "_plan_draft"):
        cast._plan_draft = plan_scenario(cast)
    return cast._plan_draft


def _approved(cast) -> dict:
    if not hasattr(cast, "_plan_approved"):
        cast._plan_approved = plan_scenario(cast, approved=True)
    return cast._plan_approved


def _dialogue(cast) -> dict:
    return {"dialogue_pk": dialogue_with(cast).pk, "person_pk": cast.employee.pk}


def _plan(which):
    return lambda cast: {"pk": which(cast)["plan"].pk}


def _goal(which):
    return lambda cast: {"pk": which(cast)["goal"].pk}


def _mentoring(which):
    return lambda cast: {"pk": which(cast)["mentoring"].pk}


READERS = roles("employee", "manager", "hr")
MANAGER = roles("manager")
BOTH = roles("employee", "manager")

CASES = {
    "development:plan_create": Case(MANAGER, _dialogue),
    "development:plan": Case(READERS, _plan(_draft)),
    "development:plan_pdf": Case(READERS, _plan(_draft)),
    "development:plan_approve": Case(BOTH, _plan(_draft), "post", 302),
    "development:plan_edit": Case(MANAGER, _plan(_draft)),
    "development:plan_follow_up": Case(MANAGER, _plan(_approved)),
    "development:goal_add": Case(MANAGER, _plan(_draft)),
    "development:goal_edit": Case(MANAGER, _goal(_draft)),
    "development:goal_delete": Case(MANAGER, _goal(_draft), "post", 302),
    "development:goal_outcome": Case(MANAGER, _goal(_approved), "post", 302),
    "development:activity_add": Case(MANAGER, _goal(_draft)),
    "development:activity_edit": Case(MANAGER, _mentoring(_draft)),
    "development:activity_delete": Case(MANAGER, _mentoring(_draft), "post", 302),
    # Registering from the plan: Anna herself or her manager.
    "development:activity_register": Case(BOTH, _mentoring(_approved), "post", 302),
    # The mentoring is Anna's to do: she and her manager follow its status up.
    "development:activity_status": Case(BOTH, _mentoring(_approved), "post", 302),
    "development:my_plans": Case(EVERYONE),
    "development:person_plans": Case(READERS, lambda cast: {"pk": cast.employee.pk}),
    # Figures only: statistics readers (VIEW_STATISTICS) and those who follow a team.
    "development:followup": Case(
        roles("manager", "hr", "hr_other", "coordinator", "admin", "statistics")
    ),
}

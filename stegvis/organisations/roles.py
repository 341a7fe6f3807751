"""What each role may see and do: the one place where it is written.

``CAPABILITIES`` maps each role to what it may do; the role's assignment says where (its scope).
``docs/architecture.md`` shows this table (``markdown_table()``) and a test checks that the docs
match. Views ask ``has_capability``/``scope_for``; selectors filter with the scope.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .models import Role


class Capability(StrEnum):
    VIEW_OWN_PROFILE = "people.view_own_profile"
    VIEW_STAFF = "people.view_staff"
    MANAGE_PEOPLE = "people.manage"
    VIEW_ORGANISATION = "organisations.view"
    MAINTAIN_ORGANISATION = "organisations.maintain"
    ASSIGN_ROLES = "organisations.assign_roles"
    VIEW_STATISTICS = "statistics.view"
    VIEW_HISTORY = "audit.view_history"
    MAINTAIN_MODEL = "competences.maintain_model"
    RECORD_COMPETENCE = "competences.record"
    MAINTAIN_CATALOGUE = "courses.maintain_catalogue"
    REGISTER_STAFF = "courses.register_staff"
    LEAD_COURSES = "courses.lead"
    FOLLOW_TEAM = "station.follow_team"
    HOLD_DIALOGUES = "development.hold_dialogues"
    READ_DEVELOPMENT_PLANS = "development.read_plans"
    ANALYSE_GAPS = "gaps.analyse"
    PLAN_STRATEGY = "strategy.plan"
    PLAN_REGION = "regionplan.plan"
    MANAGE_FUNDING = "funding.manage"


CAPABILITY_LABELS = {
    Capability.VIEW_OWN_PROFILE: _("See own profile and employments"),
    Capability.VIEW_STAFF: _("See staff (names, contact, employments) in scope"),
    Capability.MANAGE_PEOPLE: _("Add people, employments and logins in scope"),
    Capability.VIEW_ORGANISATION: _("See units and operating areas in scope"),
    Capability.MAINTAIN_ORGANISATION: _("Create, move, merge and close units in scope"),
    Capability.ASSIGN_ROLES: _("Grant and end role assignments in scope"),
    Capability.VIEW_STATISTICS: _("See aggregate statistics (no names) in scope"),
    Capability.VIEW_HISTORY: _("Read the audit history of people and units in scope"),
    Capability.MAINTAIN_MODEL: _(
        "Maintain the competence model (frameworks, requirements) of the layers in scope"
    ),
    Capability.RECORD_COMPETENCE: _("Record and confirm competence of staff in scope"),
    Capability.MAINTAIN_CATALOGUE: _(
        "Maintain courses and offerings of the region or municipality in scope, see their "
        "participants"
    ),
    Capability.REGISTER_STAFF: _("Register staff in scope for courses, sign off follow-ups"),
    Capability.LEAD_COURSES: _("See the course days one leads and mark attendance"),
    Capability.FOLLOW_TEAM: _(
        "Follow staff development in scope: team overview and unit competence matrix"
    ),
    Capability.HOLD_DIALOGUES: _(
        "Plan and hold development dialogues with staff in scope, write and approve their plans"
    ),
    Capability.READ_DEVELOPMENT_PLANS: _(
        "Read development plans and dialogue notes (not confidential ones) of staff in scope"
    ),
    Capability.ANALYSE_GAPS: _(
        "See the gap analysis in scope, with who lacks what (statistics readers see aggregates)"
    ),
    Capability.PLAN_STRATEGY: _(
        "Write the unit's yearly strategy plan and record the joint committee's discussions"
    ),
    Capability.PLAN_REGION: _(
        "Plan the region's joint courses from aggregated demand and create their offerings"
    ),
    Capability.MANAGE_FUNDING: _(
        "Keep grants and paid study hours of registrations in scope, report per grant period"
    ),
}

C = Capability
CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.EMPLOYEE: frozenset({C.VIEW_OWN_PROFILE}),
    Role.MANAGER: frozenset(
        {
            C.VIEW_OWN_PROFILE,
            C.VIEW_STAFF,
            C.VIEW_ORGANISATION,
            C.RECORD_COMPETENCE,
            C.REGISTER_STAFF,
            C.FOLLOW_TEAM,
            C.HOLD_DIALOGUES,
            C.READ_DEVELOPMENT_PLANS,
            C.ANALYSE_GAPS,
            C.PLAN_STRATEGY,
        }
    ),
    Role.HR: frozenset(
        {
            C.VIEW_OWN_PROFILE,
            C.VIEW_STAFF,
            C.MANAGE_PEOPLE,
            C.VIEW_ORGANISATION,
            C.VIEW_STATISTICS,
            C.VIEW_HISTORY,
            C.MAINTAIN_MODEL,
            C.RECORD_COMPETENCE,
            C.MAINTAIN_CATALOGUE,
            C.REGISTER_STAFF,
            C.LEAD_COURSES,
            C.FOLLOW_TEAM,
            C.READ_DEVELOPMENT_PLANS,
            C.ANALYSE_GAPS,
            C.PLAN_STRATEGY,
            C.MANAGE_FUNDING,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            C.VIEW_OWN_PROFILE,
            C.VIEW_STAFF,
            C.VIEW_ORGANISATION,
            C.VIEW_STATISTICS,
            C.MAINTAIN_MODEL,
            C.MAINTAIN_CATALOGUE,
            C.LEAD_COURSES,
            C.ANALYSE_GAPS,
            C.PLAN_REGION,
        }
    ),
    Role.COURSE_LEADER: frozenset({C.VIEW_OWN_PROFILE, C.LEAD_COURSES}),
    Role.AUDITOR: frozenset({C.VIEW_OWN_PROFILE, C.VIEW_ORGANISATION}),
    Role.STATISTICS_READER: frozenset({C.VIEW_OWN_PROFILE, C.VIEW_STATISTICS}),
    Role.ADMINISTRATOR: frozenset(
        {
            C.VIEW_OWN_PROFILE,
            C.VIEW_STAFF,
            C.MANAGE_PEOPLE,
            C.VIEW_ORGANISATION,
            C.MAINTAIN_ORGANISATION,
            C.ASSIGN_ROLES,
            C.VIEW_STATISTICS,
            C.MAINTAIN_MODEL,
            C.RECORD_COMPETENCE,
            C.VIEW_HISTORY,
            C.MAINTAIN_CATALOGUE,
            C.REGISTER_STAFF,
            C.LEAD_COURSES,
            C.FOLLOW_TEAM,
            C.ANALYSE_GAPS,
            C.PLAN_REGION,
            C.MANAGE_FUNDING,
        }
    ),
}

# The levels of the tree at which each role may be assigned.
SCOPE_LEVELS: dict[Role, tuple[str, ...]] = {
    Role.EMPLOYEE: ("unit",),
    Role.MANAGER: ("unit",),
    Role.HR: ("municipality",),
    Role.COORDINATOR: ("region",),
    Role.COURSE_LEADER: ("municipality", "region"),
    Role.AUDITOR: ("unit", "municipality"),
    Role.STATISTICS_READER: ("municipality", "region"),
    Role.ADMINISTRATOR: ("region",),
}

# Roles whose accounts must use a second factor (TOTP) before they can do anything.
SECOND_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.HR})


def roles_with(capability: Capability) -> frozenset[Role]:
    return frozenset(role for role, caps in CAPABILITIES.items() if capability in caps)


def markdown_table() -> str:
    """The capability table as Markdown, for docs/architecture.md (in English, like the docs)."""
    from django.utils import translation

    with translation.override("en"):
        roles = list(Role)
        header = "| capability | " + " | ".join(str(r.label) for r in roles) + " |"
        rule = "|---|" + "---|" * len(roles)
        rows = [header, rule]
        for capability in Capability:
            marks = ["yes" if capability in CAPABILITIES[r] else "" for r in roles]
            rows.append(f"| {CAPABILITY_LABELS[capability]} | " + " | ".join(marks) + " |")
        rows.append(
            "| *assigned at* | "
            + " | ".join(
                ", ".join(SCOPE_LEVELS[r]) if r != Role.EMPLOYEE else "unit (from employment)"
                for r in roles
            )
            + " |"
        )
    return "\n".join(rows) + "\n"

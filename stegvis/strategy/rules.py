"""Who may write and who may read strategy plans and committee records.

* **Writing** is ``PLAN_STRATEGY``: a manager for their unit, HR for every unit of their
  municipality and for the municipality's own committee.
* **Reading** is the writers, plus whoever holds ``VIEW_ORGANISATION`` at a unit or a
  municipality (an auditor, da akkreditering): the documentation a quality audit asks for.
  Readers who do not write see adopted plans only, and every committee record of their scope.
  Region-wide roles (coordinator, administrator) hold ``VIEW_ORGANISATION`` over the whole
  region; that does not reach a unit's strategy documents.

Everything else answers 404.
"""

from __future__ import annotations

from stegvis.organisations.models import Municipality, Unit
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import Scope, scope_for

from .models import JointCommitteeMeeting, StrategyPlan


def write_scope(actor) -> Scope:
    return scope_for(actor, Capability.PLAN_STRATEGY)


def read_scope(actor) -> Scope:
    """The write scope joined with ``VIEW_ORGANISATION`` held at a unit or municipality."""
    writes = write_scope(actor)
    views = scope_for(actor, Capability.VIEW_ORGANISATION)
    return Scope(
        unit_ids=writes.unit_ids | views.unit_ids,
        municipality_ids=writes.municipality_ids | views.municipality_ids,
        region_ids=writes.region_ids,
        everything=writes.everything,
    )


def may_read_anything(actor) -> bool:
    return not read_scope(actor).is_empty


def may_write_unit(actor, unit: Unit) -> bool:
    return write_scope(actor).contains_unit(unit)


def may_write_municipality(actor, municipality: Municipality) -> bool:
    return write_scope(actor).contains_municipality(municipality)


def may_edit_plan(actor, plan: StrategyPlan) -> bool:
    return not plan.is_adopted and may_write_unit(actor, plan.unit)


def may_edit_meeting(actor, meeting: JointCommitteeMeeting) -> bool:
    if meeting.unit_id is not None:
        return may_write_unit(actor, meeting.unit)
    return may_write_municipality(actor, meeting.municipality)

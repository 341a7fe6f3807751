"""The main menu: one entry per thing the user's roles let them do."""

from __future__ import annotations

import functools

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import held_capabilities

MENU = [
    ("portal:home", _("Start"), None),
    ("people:me", _("My profile"), Capability.VIEW_OWN_PROFILE),
    ("competences:overview", _("Competence"), Capability.VIEW_OWN_PROFILE),
    ("journeys:mine", _("My journey"), Capability.VIEW_OWN_PROFILE),
    ("courses:catalogue", _("Courses"), Capability.VIEW_OWN_PROFILE),
    ("development:my_dialogues", _("Dialogues"), Capability.VIEW_OWN_PROFILE),
    ("development:rounds", _("Dialogue planning"), Capability.HOLD_DIALOGUES),
    ("courses:leading", _("Course days"), Capability.LEAD_COURSES),
    ("courses:offerings", _("Offerings"), Capability.MAINTAIN_CATALOGUE),
    ("station:index", _("Station house"), Capability.FOLLOW_TEAM),
    ("gaps:index", _("Gap analysis"), Capability.ANALYSE_GAPS),
    ("strategy:index", _("Strategy plans"), Capability.PLAN_STRATEGY),
    ("regionplan:plans", _("Regional competence plan"), Capability.PLAN_REGION),
    ("funding:grants", _("Grants"), Capability.MANAGE_FUNDING),
    ("people:staff", _("Staff"), Capability.VIEW_STAFF),
    ("organisations:overview", _("Organisation"), Capability.VIEW_ORGANISATION),
    ("organisations:roles", _("Roles"), Capability.ASSIGN_ROLES),
    ("people:statistics", _("Statistics"), Capability.VIEW_STATISTICS),
    ("gaps:statistics", _("Gap statistics"), Capability.VIEW_STATISTICS),
    ("development:followup", _("Dialogue follow-up"), Capability.VIEW_STATISTICS),
]


@functools.cache
def _url(name: str, prefix: str) -> str:
    """A menu entry's address: the same for every request under one script prefix."""
    return reverse(name)


def _menu(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated:
        return []
    held = held_capabilities(user)
    prefix = get_script_prefix()
    items = []
    for name, label, capability in MENU:
        if capability is None or capability in held:
            url = _url(name, prefix)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append({"url": url, "label": label, "current": current})
    # Only the most specific match is the current page.
    currents = [i for i in items if i["current"]]
    for item in currents[:-1]:
        item["current"] = False
    return items


def menu(request) -> dict:
    return {"menu": SimpleLazyObject(lambda: _menu(request))}

"""The start page: one panel per role the user holds, composed from the domain selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from stegvis.journeys.context import journey_context
from stegvis.organisations import selectors as org_selectors
from stegvis.organisations.models import Role
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import assigned_roles, has_capability
from stegvis.people import selectors as people_selectors
from stegvis.people.phases import experience_phase


@login_required
def home(request):
    user = request.user
    roles = assigned_roles(user)
    person = people_selectors.own_person(user)
    employments = list(people_selectors.employments_of(person).current()) if person else []
    # The employee role is not assigned; it follows from a current employment.
    shown_roles = roles | {Role.EMPLOYEE} if employments else roles
    context = {
        "person": person,
        "employments": employments,
        "phase": experience_phase(person.profession_start_date) if person else None,
        "roles": sorted(shown_roles, key=list(Role).index),
    }
    if person is not None and employments:
        context.update(journey_context(person, suitcase_id=request.GET.get("suitcase")))
    if Role.MANAGER in roles:
        context["managed_units"] = org_selectors.units_with_staff_counts(
            org_selectors.units_managed_by(user)
        ).order_by("name")
    if roles & {
        Role.HR,
        Role.COORDINATOR,
        Role.ADMINISTRATOR,
        Role.STATISTICS_READER,
        Role.AUDITOR,
    }:
        context["municipalities"] = org_selectors.municipalities_with_counts(
            org_selectors.municipalities_visible_to(user)
        ).order_by("name")
    context["may"] = {
        "staff": has_capability(user, Capability.VIEW_STAFF),
        "maintain": has_capability(user, Capability.MAINTAIN_ORGANISATION),
        "roles": has_capability(user, Capability.ASSIGN_ROLES),
        "statistics": has_capability(user, Capability.VIEW_STATISTICS),
        "manage_people": has_capability(user, Capability.MANAGE_PEOPLE),
    }
    return render(request, "portal/home.html", context)

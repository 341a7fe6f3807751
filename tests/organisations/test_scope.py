"""The acting user's current role assignments, read by hand-written SQL on every request."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from stegvis.organisations.models import Role, RoleAssignment
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import active_assignments, forget_assignments, scope_for
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_assignments_are_those_the_model_calls_active(cast):
    user = cast.hr.user  # the cast holds people; their logins hang off them
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    other = f.UserFactory()
    for valid_from, valid_to, role, where in [
        (today - 10 * day, None, Role.MANAGER, {"unit": cast.solgarden}),
        (today - 10 * day, today, Role.MANAGER, {"unit": cast.linden}),  # ends today: still on
        (today - 10 * day, today - day, Role.HR, {"municipality": cast.vanersborg}),  # ended
        (today, None, Role.COORDINATOR, {"region": cast.region}),  # starts today
        (today + day, None, Role.AUDITOR, {"municipality": cast.uddevalla}),  # not yet
    ]:
        RoleAssignment.objects.create(
            user=user, role=role, valid_from=valid_from, valid_to=valid_to, **where
        )
    RoleAssignment.objects.create(
        user=other, role=Role.HR, municipality=cast.uddevalla, valid_from=today - day
    )
    forget_assignments(user)
    expected = RoleAssignment.objects.active().filter(user=user)
    rows = active_assignments(user)
    assert sorted(rows, key=str) == sorted(
        expected.values_list("role", "region_id", "municipality_id", "unit_id"), key=str
    )
    assert {role for role, *_ in rows} == {Role.HR, Role.MANAGER, Role.COORDINATOR}
    assert (Role.MANAGER, None, None, cast.linden.pk) in rows
    assert not [r for r in rows if r[0] == Role.AUDITOR or r[2] == cast.vanersborg.pk]
    assert cast.linden.pk in scope_for(user, Capability.FOLLOW_TEAM).unit_ids


def test_the_assignments_are_read_once_per_user_object(cast, django_assert_num_queries):
    user = cast.hr.user  # the cast holds people; their logins hang off them
    forget_assignments(user)
    with django_assert_num_queries(1):
        active_assignments(user)
        active_assignments(user)
        scope_for(user, Capability.FOLLOW_TEAM)


@pytest.mark.parametrize(
    "who",
    ["employee", "manager", "hr", "coordinator", "admin", "statistics", "auditor", "course_leader"],
)
def test_held_capabilities_are_those_has_capability_grants(cast, who):
    from stegvis.organisations.scope import has_capability, held_capabilities

    user = type(cast.user(who)).objects.get(pk=cast.user(who).pk)
    expected = {c for c in Capability if has_capability(user, c)}
    assert held_capabilities(user) == expected
    in_scope = {c for c in Capability if not scope_for(user, c).is_empty}
    assert expected == in_scope | {Capability.VIEW_OWN_PROFILE}
    assert who == "employee" or len(expected) > 1  # roles hold more than their own profile


def test_held_capabilities_of_the_inactive_and_the_superuser(cast):
    from stegvis.organisations.scope import held_capabilities

    manager = cast.user("manager")
    manager.is_active = False
    assert held_capabilities(manager) == frozenset()
    assert held_capabilities(f.UserFactory(is_superuser=True)) == frozenset(Capability)

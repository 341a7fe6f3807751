"""Who sees which courses and offerings, and who may act on them.

A course or offering belongs to a region (a joint course) or a municipality. Staff see those of
their own region and municipality; catalogue maintainers also see what their scope owns.
Anything outside answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Person
from stegvis.people.selectors import own_person, people_visible_to

from .models import Course, Offering, Registration


def _owner_q(user, path: str = "") -> Q:
    """Owners (region or municipality) whose catalogue ``user`` can see."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    maintain = scope_for(user, Capability.MAINTAIN_CATALOGUE)
    if maintain.everything:
        return Q()
    query = maintainable_q(user, path)
    person = own_person(user)
    if person is not None:
        query |= Q(**{f"{path}region_id": person.region_id})
        if person.municipality_id:
            query |= Q(**{f"{path}municipality_id": person.municipality_id})
    staff = scope_for(user, Capability.REGISTER_STAFF)
    if staff.municipality_ids:
        query |= Q(**{f"{path}municipality_id__in": staff.municipality_ids})
    if staff.unit_ids:
        from stegvis.organisations.models import Unit

        units = Unit.objects.filter(pk__in=staff.unit_ids)
        query |= Q(**{f"{path}municipality_id__in": units.values("municipality_id")})
        query |= Q(**{f"{path}region_id__in": units.values("municipality__region_id")})
    return query


def maintainable_q(user, path: str = "") -> Q:
    """Courses or offerings whose owner lies within the user's catalogue-maintenance scope."""
    scope = scope_for(user, Capability.MAINTAIN_CATALOGUE)
    if scope.everything:
        return Q()
    query = Q(pk__in=[])
    if scope.region_ids:
        query |= Q(**{f"{path}region_id__in": scope.region_ids})
        query |= Q(**{f"{path}municipality__region_id__in": scope.region_ids})
    if scope.municipality_ids:
        query |= Q(**{f"{path}municipality_id__in": scope.municipality_ids})
    return query


def courses_visible_to(user) -> QuerySet[Course]:
    return Course.objects.filter(_owner_q(user))


def offerings_visible_to(user) -> QuerySet[Offering]:
    return Offering.objects.filter(_owner_q(user))


def get_course_for(user, pk: int) -> Course:
    return get_object_or_404(
        courses_visible_to(user).select_related("region", "municipality"), pk=pk
    )


def get_offering_for(user, pk: int) -> Offering:
    return get_object_or_404(
        offerings_visible_to(user).select_related("course", "region", "municipality"), pk=pk
    )


def courses_maintainable_by(user) -> QuerySet[Course]:
    return Course.objects.filter(maintainable_q(user))


def offerings_maintainable_by(user) -> QuerySet[Offering]:
    return Offering.objects.filter(maintainable_q(user))


def may_maintain(user, course_or_offering) -> bool:
    scope = scope_for(user, Capability.MAINTAIN_CATALOGUE)
    return scope.contains(course_or_offering.scope)


def leads(user, offering: Offering) -> bool:
    """A course leader of this offering (or of its course), or a maintainer of its owner."""
    if may_maintain(user, offering):
        return True
    person = own_person(user)
    if person is None:
        return False
    if offering.leaders.filter(pk=person.pk).exists():
        return True
    return offering.course_id is not None and offering.course.leaders.filter(pk=person.pk).exists()


def offerings_led_by(user) -> QuerySet[Offering]:
    person = own_person(user)
    query = maintainable_q(user)
    if person is not None:
        query |= Q(leaders=person) | Q(course__leaders=person)
    return Offering.objects.filter(query).distinct()


def registrable_people(actor) -> QuerySet[Person]:
    """Whom ``actor`` may register: themself and, for managers and HR, staff in scope."""
    person = own_person(actor)
    own = Q(pk=person.pk) if person else Q(pk__in=[])
    return Person.objects.filter(own) | people_visible_to(actor, Capability.REGISTER_STAFF)


def staff_in_scope(actor) -> QuerySet[Person]:
    """The people ``actor`` may register and sign off: their staff, never themself."""
    return people_visible_to(actor, Capability.REGISTER_STAFF).exclude(user_id=actor.pk)


def may_sign_off(user, registration: Registration) -> bool:
    """Whether ``user`` may sign this registration's follow-up off (their staff's, not own)."""
    if not getattr(user, "is_authenticated", False) or registration.person.user_id == user.pk:
        return False
    return staff_in_scope(user).filter(pk=registration.person_id).exists()


def may_register(actor, person: Person) -> bool:
    return registrable_people(actor).filter(pk=person.pk).exists()


def registrations_visible_to(actor) -> QuerySet[Registration]:
    """One's own registrations, those of staff in one's register scope, and those of
    offerings one maintains or leads."""
    if not actor.is_authenticated:
        return Registration.objects.none()
    staff = people_visible_to(actor, Capability.REGISTER_STAFF).values("pk")
    return Registration.objects.filter(
        Q(person__user_id=actor.pk)
        | Q(person__in=staff)
        | Q(offering__in=offerings_led_by(actor).values("pk"))
    )


def get_registration_for(actor, pk: int) -> Registration:
    return get_object_or_404(
        registrations_visible_to(actor).select_related(
            "person", "offering", "offering__course", "municipality"
        ),
        pk=pk,
    )

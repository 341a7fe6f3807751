"""Reads of people and employments, always restricted to what the acting user may see.

A person is visible to the actor when it is the actor's own record, when they have a current
employment in a unit the actor reaches for the capability, or when their home municipality is
held whole by the actor (HR sees people it registered before they have an employment).
Anything else answers 404, the same as a missing record.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from stegvis.core.raw import get_by
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from .models import Employment, Person


def people_visible_to(actor, capability: Capability = Capability.VIEW_STAFF) -> QuerySet[Person]:
    if not actor.is_authenticated:
        return Person.objects.none()
    scope = scope_for(actor, capability)
    # One's own record is readable, never manageable, by virtue of being one's own.
    own = Q(user_id=actor.pk) if capability == Capability.VIEW_STAFF else Q(pk__in=[])
    if scope.everything:
        return Person.objects.all()
    if scope.is_empty:
        return Person.objects.filter(own)
    employed_in_scope = Exists(
        Employment.objects.current().filter(person=OuterRef("pk")).filter(scope.units_q("unit__"))
    )
    return Person.objects.filter(own | employed_in_scope | scope.municipalities_q("municipality__"))


def get_person_for(actor, pk: int, capability: Capability = Capability.VIEW_STAFF) -> Person:
    return get_object_or_404(
        people_visible_to(actor, capability).select_related("municipality", "user"), pk=pk
    )


_OWN_PERSON_ATTR = "_stegvis_own_person"


def own_person(actor) -> Person | None:
    """The actor's own personal record, or ``None``.

    Read once per user object, like the role assignments (``scope.active_assignments``): a
    request asks for it in several places (the visibility of courses, the view itself). Most
    requests need only its ids, so its municipality and region are read when first used; the
    statement is written out (``core.raw``) because the ORM took three times as long to build
    it as the database took to answer (0.9 against 0.3 ms of CPU, on every signed-in page).
    """
    if not actor.is_authenticated:
        return None
    try:
        return getattr(actor, _OWN_PERSON_ATTR)
    except AttributeError:
        pass
    # A login has at most one personal record (a one-to-one field).
    person = get_by(Person, "user", actor.pk)
    setattr(actor, _OWN_PERSON_ATTR, person)
    return person


def forget_own_person(actor) -> None:
    """Drop the cached record (after creating or linking it in the same request)."""
    if hasattr(actor, _OWN_PERSON_ATTR):
        delattr(actor, _OWN_PERSON_ATTR)


def current_employments_prefetch(to_attr: str = "current_employments") -> Prefetch:
    return Prefetch(
        "employments",
        queryset=Employment.objects.current().select_related(
            "unit", "unit__municipality", "job_title"
        ),
        to_attr=to_attr,
    )


def staff_list(
    actor,
    *,
    unit_id: int | None = None,
    municipality_id: int | None = None,
    search: str = "",
) -> QuerySet[Person]:
    """People the actor may see as staff, with their current employments prefetched.

    Filtering by unit or municipality keeps to current employments there.
    """
    scope = scope_for(actor, Capability.VIEW_STAFF)
    if scope.is_empty:
        return Person.objects.none()
    people = people_visible_to(actor)
    if unit_id or municipality_id:
        here = Employment.objects.current().filter(person=OuterRef("pk"))
        here = here.filter(unit_id=unit_id) if unit_id else here
        here = here.filter(unit__municipality_id=municipality_id) if municipality_id else here
        people = people.filter(Exists(here))
    for word in search.split()[:4]:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people.select_related("municipality").prefetch_related(current_employments_prefetch())


def employments_of(person: Person) -> QuerySet[Employment]:
    return person.employments.select_related(
        "unit", "unit__municipality", "unit__operating_area", "job_title"
    ).order_by("-start_date")


def employment_for(actor, pk: int) -> Employment:
    """An employment of a person the actor may manage (HR/administrator), else 404."""
    people = people_visible_to(actor, Capability.MANAGE_PEOPLE)
    return get_object_or_404(
        Employment.objects.select_related("person", "unit", "job_title").filter(person__in=people),
        pk=pk,
    )

"""The owner of a course or offering (a region or a municipality) and what it reaches.

Shared by the catalogue services and the editor's forms: whose goals, course leaders and
people an owner may use, and the checks that the actor maintains the owner.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from stegvis.competences.models import Item
from stegvis.competences.selectors import Reach
from stegvis.organisations.models import Municipality, Region, Role, RoleAssignment
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Person

Owner = Region | Municipality


def region_id_of(owner: Owner) -> int:
    return owner.pk if isinstance(owner, Region) else owner.region_id


def owner_ids(owner: Owner) -> tuple[int | None, int | None]:
    """(region id, municipality id) of what ``owner`` owns."""
    return (owner.pk, None) if isinstance(owner, Region) else (None, owner.pk)


def owner_fields(owner: Owner) -> dict:
    if isinstance(owner, Region):
        return {"region": owner, "municipality": None}
    return {"region": None, "municipality": owner}


def goal_items_for(reach: Reach) -> QuerySet[Item]:
    """Competences and knowledge goals of published frameworks in the layers of ``reach``."""
    return (
        Item.objects.filter(
            reach.layer_q("framework__"),
            framework__published_at__isnull=False,
            kind__in=[Item.Kind.COMPETENCE, Item.Kind.GOAL],
        )
        .select_related("framework")
        .order_by("framework__title", "-framework__version", "position", "id")
    )


def reach_of_owner(owner: Owner) -> Reach:
    """An owner sees its region's layer and, for a municipality, its own additions."""
    if isinstance(owner, Region):
        return Reach(region_ids=frozenset({owner.pk}))
    return Reach(region_ids=frozenset({owner.region_id}), municipality_ids=frozenset({owner.pk}))


def leader_candidates(owners) -> QuerySet[Person]:
    """People with an active course-leader role covering any of ``owners``."""
    query = Q(pk__in=[])
    for owner in owners:
        region_id = region_id_of(owner)
        query |= Q(region_id=region_id)
        if isinstance(owner, Region):
            query |= Q(municipality__region_id=region_id) | Q(
                unit__municipality__region_id=region_id
            )
        else:
            query |= Q(municipality=owner) | Q(unit__municipality=owner)
    users = RoleAssignment.objects.active().filter(query, role=Role.COURSE_LEADER).values("user")
    return Person.objects.filter(user__in=users)


def people_of_owner(owner: Owner) -> QuerySet[Person]:
    """Anyone whose home is the owner's region or municipality."""
    if isinstance(owner, Region):
        return Person.objects.filter(region=owner)
    return Person.objects.filter(municipality=owner)


def check_owner(actor, owner: Owner) -> None:
    if not isinstance(owner, Region | Municipality):
        raise ValidationError(_("A course belongs to a region or a municipality."))
    if not scope_for(actor, Capability.MAINTAIN_CATALOGUE).contains(owner):
        raise ValidationError(
            _("You do not maintain the catalogue of %(owner)s.") % {"owner": owner}
        )


def check_leaders(owner: Owner, leaders) -> None:
    ids = {p.pk for p in leaders}
    allowed = set(
        (leader_candidates([owner]) | people_of_owner(owner))
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if ids - allowed:
        raise ValidationError(
            {"leaders": _("Course leaders must belong to %(owner)s.") % {"owner": owner}}
        )


def moment(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")

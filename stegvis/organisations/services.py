"""Every change to the organisation tree and to role assignments goes through these functions.

Each runs in one transaction, validates the transition, saves, and writes an audit event.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from stegvis.core.audit import log_action

from .models import Municipality, OperatingArea, Region, Role, RoleAssignment, Unit, UnitPlacement
from .roles import SCOPE_LEVELS, Capability
from .scope import forget_assignments, scope_for


@transaction.atomic
def municipality_create(
    *, actor, region: Region, name: str, code: str, country: str = "SE", language: str = "sv"
) -> Municipality:
    if Municipality.objects.filter(code=code.strip()).exists():
        raise ValidationError(_("A municipality with the code %(code)s exists.") % {"code": code})
    municipality = Municipality.objects.create(
        region=region, name=name.strip(), code=code.strip(), country=country, language=language
    )
    log_action(
        "organisations.municipality.created",
        actor=actor,
        target=municipality,
        message=gettext_noop("Municipality %(name)s created in %(region)s"),
        data={"name": municipality.name, "region": region.name, "code": municipality.code},
    )
    return municipality


@transaction.atomic
def operating_area_create(
    *, actor, municipality: Municipality, kind: str, name: str
) -> OperatingArea:
    if municipality.operating_areas.filter(kind=kind).exists():
        raise ValidationError(_("The municipality already has an operating area of that kind."))
    area = OperatingArea.objects.create(municipality=municipality, kind=kind, name=name.strip())
    log_action(
        "organisations.area.created",
        actor=actor,
        target=municipality,
        message=gettext_noop("Operating area %(name)s created"),
        data={"name": area.name, "kind": kind},
    )
    return area


@transaction.atomic
def unit_create(
    *,
    actor,
    operating_area: OperatingArea,
    name: str,
    kind: str,
    opened_on: datetime.date | None = None,
    source_key: str = "",
) -> Unit:
    opened_on = opened_on or timezone.localdate()
    unit = Unit.objects.create(
        municipality_id=operating_area.municipality_id,
        operating_area=operating_area,
        name=name.strip(),
        kind=kind,
        opened_on=opened_on,
        source_key=source_key.strip(),
    )
    UnitPlacement.objects.create(unit=unit, operating_area=operating_area, valid_from=opened_on)
    log_action(
        "organisations.unit.created",
        actor=actor,
        target=unit,
        message=gettext_noop("Unit %(name)s created in %(area)s"),
        data={"name": unit.name, "area": operating_area.name, "opened_on": str(opened_on)},
    )
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, name: str, kind: str, source_key: str) -> Unit:
    before = {"name": unit.name, "kind": unit.kind, "source_key": unit.source_key}
    unit.name, unit.kind, unit.source_key = name.strip(), kind, source_key.strip()
    unit.save(update_fields=["name", "kind", "source_key"])
    changed = {k: [v, getattr(unit, k)] for k, v in before.items() if v != getattr(unit, k)}
    if changed:
        log_action(
            "organisations.unit.updated",
            actor=actor,
            target=unit,
            message=gettext_noop("Unit details changed"),
            data={"changes": changed},
        )
    return unit


def _ensure_open(unit: Unit, on: datetime.date) -> None:
    if unit.closed_on is not None and unit.closed_on <= on:
        raise ValidationError(_("The unit %(unit)s is closed.") % {"unit": unit.name})


@transaction.atomic
def unit_move(*, actor, unit: Unit, operating_area: OperatingArea, on: datetime.date) -> Unit:
    """Place the unit under another operating area of the same municipality from ``on``.

    The old placement is closed the day before; the unit keeps its id, staff and history.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _ensure_open(unit, on)
    if on > timezone.localdate():
        # The unit's current area changes at once, so a move cannot wait for a later date.
        raise ValidationError(_("A move can be dated today or earlier, not in the future."))
    if operating_area.municipality_id != unit.municipality_id:
        raise ValidationError(_("A unit can only move within its own municipality."))
    if operating_area.pk == unit.operating_area_id:
        raise ValidationError(_("The unit already belongs to that operating area."))
    current = UnitPlacement.objects.filter(unit=unit, valid_to__isnull=True).first()
    if current is not None:
        if on <= current.valid_from:
            raise ValidationError(_("The move must be dated after the current placement began."))
        current.valid_to = on - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    UnitPlacement.objects.create(unit=unit, operating_area=operating_area, valid_from=on)
    previous_area = unit.operating_area
    unit.operating_area = operating_area
    unit.save(update_fields=["operating_area"])
    log_action(
        "organisations.unit.moved",
        actor=actor,
        target=unit,
        message=gettext_noop("Moved from %(from_area)s to %(to_area)s on %(on)s"),
        data={"from_area": previous_area.name, "to_area": operating_area.name, "on": str(on)},
    )
    return unit


@transaction.atomic
def unit_close(*, actor, unit: Unit, on: datetime.date, merged_into: Unit | None = None) -> Unit:
    """Close the unit from ``on``. Staff must have left (or been moved by a merge) first.

    Manager and auditor assignments for the unit end the day before. Nothing is deleted.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _ensure_open(unit, on)
    remaining = unit.employments.filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).count()
    if remaining:
        raise ValidationError(
            ngettext(
                "%(count)d employment in the unit runs on or after that date: "
                "end or move it first.",
                "%(count)d employments in the unit run on or after that date: "
                "end or move them first.",
                remaining,
            )
            % {"count": remaining}
        )
    if merged_into is not None:
        if merged_into.pk == unit.pk or merged_into.municipality_id != unit.municipality_id:
            raise ValidationError(_("A unit can only merge into another unit of its municipality."))
        _ensure_open(merged_into, on)
    last_day = on - datetime.timedelta(days=1)
    RoleAssignment.objects.filter(unit=unit).active(on).update(valid_to=last_day)
    UnitPlacement.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
    unit.closed_on = on
    unit.merged_into = merged_into
    unit.save(update_fields=["closed_on", "merged_into"])
    if merged_into is None:
        log_action(
            "organisations.unit.closed",
            actor=actor,
            target=unit,
            message=gettext_noop("Unit closed on %(on)s"),
            data={"on": str(on)},
        )
    else:
        log_action(
            "organisations.unit.merged",
            actor=actor,
            target=unit,
            message=gettext_noop("Merged into %(into)s on %(on)s"),
            data={"into": merged_into.name, "into_id": merged_into.pk, "on": str(on)},
        )
        log_action(
            "organisations.unit.merged_in",
            actor=actor,
            target=merged_into,
            message=gettext_noop("%(unit)s merged into this unit on %(on)s"),
            data={"unit": unit.name, "unit_id": unit.pk, "on": str(on)},
        )
    return unit


def _english(label) -> str:
    """Audit data keeps labels in English, the language of the message ids."""
    with translation.override("en"):
        return str(label)


LEVEL_LABELS = {
    "unit": gettext_lazy("unit"),
    "municipality": gettext_lazy("municipality"),
    "region": gettext_lazy("region"),
}


def _scope_level(scope_object) -> str:
    if isinstance(scope_object, Unit):
        return "unit"
    if isinstance(scope_object, Municipality):
        return "municipality"
    if isinstance(scope_object, Region):
        return "region"
    raise ValidationError(_("A role is assigned to a region, a municipality or a unit."))


def _actor_may_assign(actor, scope_object) -> bool:
    return scope_for(actor, Capability.ASSIGN_ROLES).contains(scope_object)


@transaction.atomic
def role_grant(
    *, actor, user, role: Role | str, scope_object, valid_from: datetime.date | None = None
) -> RoleAssignment:
    role = Role(role)
    level = _scope_level(scope_object)
    if role == Role.EMPLOYEE:
        raise ValidationError(
            _("The employee role follows from an employment; it is not assigned.")
        )
    if level not in SCOPE_LEVELS[role]:
        raise ValidationError(
            _("%(role)s cannot be assigned at this level. It is assigned per: %(levels)s.")
            % {
                "role": role.label,
                "levels": ", ".join(str(LEVEL_LABELS[name]) for name in SCOPE_LEVELS[role]),
            }
        )
    if not _actor_may_assign(actor, scope_object):
        raise ValidationError(_("You may not assign roles there."))
    valid_from = valid_from or timezone.localdate()
    existing = RoleAssignment.objects.active(valid_from).filter(
        user=user, role=role, **{level: scope_object}
    )
    if existing.exists():
        raise ValidationError(_("That person already holds this role there."))
    assignment = RoleAssignment.objects.create(
        user=user, role=role, valid_from=valid_from, granted_by=actor, **{level: scope_object}
    )
    forget_assignments(user)
    log_action(
        "organisations.role.granted",
        actor=actor,
        target=assignment,
        message=gettext_noop("%(user)s became %(role)s for %(scope)s"),
        data={
            "user": str(user),
            "user_id": user.pk,
            "role": _english(role.label),
            "role_code": role.value,
            "scope": str(scope_object),
        },
    )
    return assignment


@transaction.atomic
def role_end(
    *, actor, assignment: RoleAssignment, on: datetime.date | None = None
) -> RoleAssignment:
    """End an assignment: it no longer counts from the day after ``on`` (today by default)."""
    on = on or timezone.localdate()
    if assignment.valid_to is not None and assignment.valid_to <= on:
        raise ValidationError(_("This role assignment has already ended."))
    if not _actor_may_assign(actor, assignment.scope):
        raise ValidationError(_("You may not change roles there."))
    assignment.valid_to = max(on, assignment.valid_from)
    assignment.save(update_fields=["valid_to"])
    forget_assignments(assignment.user)
    log_action(
        "organisations.role.ended",
        actor=actor,
        target=assignment,
        message=gettext_noop("%(user)s is no longer %(role)s for %(scope)s"),
        data={
            "user": str(assignment.user),
            "user_id": assignment.user_id,
            "role": _english(Role(assignment.role).label),
            "role_code": assignment.role,
            "scope": str(assignment.scope),
        },
    )
    return assignment

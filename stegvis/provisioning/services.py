"""Every SCIM change: one transaction, the people services, an audit event with source "scim".

The actor is None (an identity system, not a person); the client's name goes in the audit data.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.organisations.models import Unit
from stegvis.people.models import JobTitle, Person
from stegvis.people.services import (
    employment_end,
    employment_move,
    employment_start,
    person_create,
    person_update,
)

from .models import PersonLink, ProvisioningClient
from .representation import ScimError, UserValues, today

SCIM = AuditEvent.Source.SCIM


def _log(action: str, client: ProvisioningClient, link: PersonLink, message: str, **data) -> None:
    log_action(
        action,
        actor=None,
        target=link.person,
        message=message,
        data={"client": client.name, "client_id": client.pk, "scim_id": str(link.pk), **data},
        source=SCIM,
    )


@transaction.atomic
def user_create(*, client: ProvisioningClient, values: UserValues) -> PersonLink:
    """POST /Users: a new person, or an existing person of the municipality with that email."""
    municipality = client.municipality
    _check_user_name_free(client, values.user_name, None)
    person = (
        Person.objects.filter(municipality=municipality)
        .exclude(pk__in=PersonLink.objects.filter(removed_at__isnull=True).values("person_id"))
        .filter(Q(email__iexact=values.user_name) | Q(email__iexact=values.email or "-"))
        .exclude(email="")
        .first()
    )
    adopted = person is not None
    if person is None:
        person = _service(
            person_create,
            actor=None,
            region=municipality.region,
            municipality=municipality,
            first_name=values.given_name,
            last_name=values.family_name,
            email=values.email,
            phone=values.phone,
            preferred_language=values.preferred_language or "",
            employee_number=values.employee_number,
            source=SCIM,
        )
    link = PersonLink.objects.create(
        municipality=municipality, person=person, user_name=values.user_name
    )
    _log(
        "provisioning.user.created",
        client,
        link,
        gettext_noop("Provisioned by %(client)s"),
        adopted=adopted,
    )
    return _apply(client, link, values, log_changes=False)


@transaction.atomic
def user_replace(*, client: ProvisioningClient, link: PersonLink, values: UserValues) -> PersonLink:
    """PUT /Users/{id}, and PATCH after the operations are applied to the current state."""
    link = PersonLink.objects.select_for_update().select_related("person").get(pk=link.pk)
    _check_user_name_free(client, values.user_name, link)
    return _apply(client, link, values)


@transaction.atomic
def user_remove(*, client: ProvisioningClient, link: PersonLink) -> None:
    """DELETE /Users/{id}: the link goes (404 from now on); the person and history stay."""
    link = (
        PersonLink.objects.select_for_update(of=("self",))
        .select_related("person__user")
        .get(pk=link.pk)
    )
    _set_login_active(client, link, False)
    link.active = False
    link.removed_at = timezone.now()
    link.save(update_fields=["active", "removed_at", "updated_at"])
    _log("provisioning.user.removed", client, link, gettext_noop("Unlinked by %(client)s"))


def _apply(
    client: ProvisioningClient, link: PersonLink, values: UserValues, log_changes: bool = True
) -> PersonLink:
    person = link.person
    _service(
        person_update,
        actor=None,
        person=person,
        first_name=values.given_name,
        last_name=values.family_name,
        email=values.email,
        phone=values.phone,
        preferred_language=values.preferred_language or person.preferred_language,
        employee_number=values.employee_number,
        source=SCIM,
    )
    changes = {}
    manager = _manager(client, link, values.manager_id)
    for field, value in (
        ("user_name", values.user_name),
        ("external_id", values.external_id),
        ("title", values.title),
        ("active", values.active),
        ("preferred_language", values.preferred_language or ""),
        ("manager_id", manager.pk if manager else None),
    ):
        if getattr(link, field) != value:
            changes[field] = [str(getattr(link, field) or ""), str(value or "")]
            setattr(link, field, value)
    _set_login_active(client, link, values.active is not False)
    _set_department(client, link, values.department, values.title)
    link.save()
    if changes and log_changes:
        _log(
            "provisioning.user.updated",
            client,
            link,
            gettext_noop("Provisioning details changed by %(client)s"),
            changes=changes,
        )
    return link


def _check_user_name_free(client, user_name: str, link: PersonLink | None) -> None:
    clash = PersonLink.objects.filter(
        municipality=client.municipality, removed_at__isnull=True, user_name__iexact=user_name
    )
    if link is not None:
        clash = clash.exclude(pk=link.pk)
    if clash.exists():
        raise ScimError(409, f"userName {user_name} is already in use.", "uniqueness")


def _manager(client, link: PersonLink, manager_id: str | None) -> PersonLink | None:
    if not manager_id:
        return None
    manager = PersonLink.objects.filter(
        pk=_uuid_or_none(manager_id), municipality=client.municipality, removed_at__isnull=True
    ).first()
    if manager is None or manager.pk == link.pk:
        raise ScimError(
            400, f"manager {manager_id} is not a user of this municipality.", "invalidValue"
        )
    return manager


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _set_login_active(client, link: PersonLink, active: bool) -> None:
    """Deactivation switches the login off (nothing is deleted); reactivation switches it on."""
    user = link.person.user
    if user is None or user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    _log(
        "provisioning.login.activated" if active else "provisioning.login.deactivated",
        client,
        link,
        gettext_noop("Login switched on by %(client)s")
        if active
        else gettext_noop("Login switched off by %(client)s"),
        email=user.email,
    )


def _set_department(client, link: PersonLink, department: str | None, title: str) -> None:
    on = today()
    current = link.employment
    if current is not None and current.end_date is not None and current.end_date < on:
        current = None
    if department is None:
        if current is not None:
            _service(employment_end, actor=None, employment=current, end_date=on, source=SCIM)
        link.employment = None
        return
    unit = Unit.objects.filter(municipality=client.municipality, source_key=department).first()
    if unit is None or not unit.is_open:
        raise ScimError(
            400,
            f"department {department!r} is not an open unit of {client.municipality} "
            "(match is on the unit's HR system key).",
            "invalidValue",
        )
    if current is not None and current.unit_id == unit.pk:
        return
    if current is not None and current.start_date < on:
        link.employment = _service(
            employment_move, actor=None, employment=current, unit=unit, on=on, source=SCIM
        )
        return
    if current is not None:  # started today: end it today and start again in the new unit
        _service(employment_end, actor=None, employment=current, end_date=on, source=SCIM)
    link.employment = _service(
        employment_start,
        actor=None,
        person=link.person,
        unit=unit,
        job_title=_job_title(client, title),
        extent_percent=100,
        start_date=on,
        source=SCIM,
    )


def _job_title(client, title: str) -> JobTitle:
    if title:
        found = JobTitle.objects.filter(
            Q(name__iexact=title) | Q(code__iexact=title), region_id=client.municipality.region_id
        ).first()
        if found is None:
            raise ScimError(
                400, f"title {title!r} is not a job title of the region.", "invalidValue"
            )
        return found
    if client.default_job_title is None:
        raise ScimError(
            400,
            "A new employment needs a title; this client has no default job title.",
            "invalidValue",
        )
    return client.default_job_title


def _service(function, **kwargs):
    """Call a people service; its ValidationError becomes a SCIM 400."""
    try:
        return function(**kwargs)
    except ValidationError as exc:
        raise ScimError(400, " ".join(exc.messages), "invalidValue") from exc

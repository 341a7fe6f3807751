"""SCIM User JSON <-> the values Stegvis keeps (a person, their link and their employment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.validators import validate_email
from django.utils import timezone
from pydantic import ValidationError as PydanticError
from scim2_models import Context, EnterpriseUser, User

from .models import PersonLink
from .schema import ENTERPRISE, USER

ScimUser = User[EnterpriseUser]


class ScimError(Exception):
    """An error answered as a SCIM Error body (RFC 7644 §3.12)."""

    def __init__(self, status: int, detail: str, scim_type: str | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type


@dataclass
class UserValues:
    """Everything a PUT sets. ``None`` means absent (cleared)."""

    user_name: str
    given_name: str
    family_name: str
    email: str
    phone: str
    preferred_language: str | None
    title: str
    active: bool | None
    external_id: str
    employee_number: str
    department: str | None
    manager_id: str | None


def location(base: str, link: PersonLink) -> str:
    return f"{base}/Users/{link.pk}"


def to_scim(link: PersonLink, base: str) -> dict[str, Any]:
    person = link.person
    data: dict[str, Any] = {
        "schemas": [USER, ENTERPRISE],
        "id": str(link.pk),
        "userName": link.user_name,
        "name": {"givenName": person.first_name, "familyName": person.last_name},
    }
    if link.active is not None:
        data["active"] = link.active
    if link.preferred_language:
        data["preferredLanguage"] = person.preferred_language
    if link.external_id:
        data["externalId"] = link.external_id
    if person.email:
        data["emails"] = [{"value": person.email}]
    if person.phone:
        data["phoneNumbers"] = [{"value": person.phone}]
    if link.title:
        data["title"] = link.title
    enterprise: dict[str, Any] = {}
    if person.employee_number:
        enterprise["employeeNumber"] = person.employee_number
    employment = link.employment
    if employment is not None and (employment.end_date is None or employment.end_date >= today()):
        enterprise["department"] = employment.unit.source_key
    if link.manager_id:
        enterprise["manager"] = {
            "value": str(link.manager_id),
            "$ref": f"{base}/Users/{link.manager_id}",
        }
    if enterprise:
        data[ENTERPRISE] = enterprise
    data["meta"] = {
        "resourceType": "User",
        "created": link.created_at.isoformat(),
        "lastModified": link.updated_at.isoformat(),
        "location": location(base, link),
    }
    return data


def today():
    return timezone.localdate()


def parse_user(data: Any) -> ScimUser:
    if not isinstance(data, dict):
        raise ScimError(400, "The body must be a SCIM User object.", "invalidSyntax")
    try:
        return ScimUser.model_validate(data, scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)
    except PydanticError as exc:
        raise ScimError(400, _short(exc), "invalidValue") from exc


def values_from(user: ScimUser) -> UserValues:
    if not user.user_name or not user.user_name.strip():
        raise ScimError(400, "userName is required.", "invalidValue")
    name = user.name
    if name is None or not (name.given_name or "").strip() or not (name.family_name or "").strip():
        raise ScimError(400, "name.givenName and name.familyName are required.", "invalidValue")
    enterprise = user[EnterpriseUser]
    manager = enterprise.manager if enterprise else None
    return UserValues(
        user_name=user.user_name.strip(),
        given_name=name.given_name.strip(),
        family_name=name.family_name.strip(),
        email=_email(user),
        phone=_first(user.phone_numbers),
        preferred_language=(user.preferred_language or None),
        title=(user.title or "").strip(),
        active=user.active,
        external_id=(user.external_id or "").strip(),
        employee_number=((enterprise.employee_number if enterprise else None) or "").strip(),
        department=(enterprise.department if enterprise else None) or None,
        manager_id=(manager.value if manager else None) or None,
    )


def _first(items) -> str:
    if not items:
        return ""
    chosen = next((i for i in items if getattr(i, "primary", False)), items[0])
    return str(chosen.value or "").strip()


def _email(user: ScimUser) -> str:
    """The first (or primary) email; the userName when none is sent and it is an address."""
    email = _first(user.emails)
    if email:
        return email
    try:
        validate_email(user.user_name)
    except Exception:
        return ""
    return user.user_name.strip()


def _short(exc: PydanticError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"{where}: {first.get('msg', 'invalid value')}" if where else str(first.get("msg"))

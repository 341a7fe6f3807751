"""The SCIM discovery documents: what this server supports and which attributes it keeps.

Only attributes Stegvis stores are published, so an identity system (and scim2-tester) sees
exactly what round-trips. ``title``, ``department`` and ``preferredLanguage`` list the values
this municipality accepts as ``canonicalValues``.
"""

from __future__ import annotations

from typing import Any

from stegvis.organisations.models import Unit
from stegvis.people.models import JobTitle, Person

from .models import ProvisioningClient

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
MAX_RESULTS = 200


def _attr(name: str, kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **extra,
    }


def service_provider_config(base: str) -> dict[str, Any]:
    return {
        "schemas": [SPC],
        "documentationUri": f"{base}/docs/scim",
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A token made with `manage.py scim_token`, one per identity system.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }


def resource_types(base: str) -> list[dict[str, Any]]:
    return [
        {
            "schemas": [RESOURCE_TYPE],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A person who works in the municipality",
            "schema": USER,
            "schemaExtensions": [{"schema": ENTERPRISE, "required": False}],
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/User"},
        }
    ]


def schemas(client: ProvisioningClient, base: str) -> list[dict[str, Any]]:
    municipality = client.municipality
    titles = JobTitle.objects.filter(region_id=municipality.region_id).order_by("name")
    units = Unit.objects.filter(municipality=municipality, closed_on__isnull=True).exclude(
        source_key=""
    )
    user = [
        _attr("userName", required=True, uniqueness="server"),
        _attr(
            "name",
            "complex",
            required=True,
            subAttributes=[
                _attr("givenName", required=True),
                _attr("familyName", required=True),
            ],
        ),
        _attr("emails", "complex", multiValued=True, subAttributes=[_attr("value")]),
        _attr("phoneNumbers", "complex", multiValued=True, subAttributes=[_attr("value")]),
        _attr("preferredLanguage", canonicalValues=[c.value for c in Person.Language]),
        _attr("title", canonicalValues=sorted({t.name for t in titles})),
        _attr("active", "boolean"),
    ]
    enterprise = [
        _attr("employeeNumber"),
        _attr("department", canonicalValues=sorted(u.source_key for u in units)),
        _attr(
            "manager",
            "complex",
            subAttributes=[
                _attr("value"),
                _attr("$ref", "reference", referenceTypes=["User"]),
            ],
        ),
    ]
    return [
        _schema(USER, "User", "A person", user, base),
        _schema(ENTERPRISE, "EnterpriseUser", "Employment details", enterprise, base),
    ]


def _schema(urn: str, name: str, description: str, attributes, base: str) -> dict[str, Any]:
    return {
        "schemas": [SCHEMA],
        "id": urn,
        "name": name,
        "description": description,
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{urn}"},
    }

"""Reads for the SCIM endpoints: a client sees only its own municipality's linked people."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from scim2_models import ScimFilter
from scim2_models.path.expressions import (
    CompareOperator,
    Comparison,
    LogicalExpr,
    LogicalOperator,
    ValuePath,
)

from .models import PersonLink, ProvisioningClient
from .representation import ScimError

# Filterable attributes (lower case) and the field each compares.
FILTER_FIELDS = {
    "username": "user_name",
    "externalid": "external_id",
    "emails": "person__email",
    "emails.value": "person__email",
    "id": "pk",
}
LOOKUPS = {
    CompareOperator.eq: "iexact",
    CompareOperator.co: "icontains",
    CompareOperator.sw: "istartswith",
    CompareOperator.ew: "iendswith",
}


def links_for(client: ProvisioningClient) -> QuerySet[PersonLink]:
    return (
        PersonLink.objects.filter(municipality=client.municipality, removed_at__isnull=True)
        .select_related("person", "employment__unit")
        .order_by("created_at", "pk")
    )


def get_link_for(client: ProvisioningClient, scim_id: str) -> PersonLink:
    """The link with that id in the client's municipality; 404 otherwise (also for others')."""
    try:
        pk = uuid.UUID(str(scim_id))
    except ValueError:
        pk = None
    link = links_for(client).filter(pk=pk).first() if pk else None
    if link is None:
        raise ScimError(404, f"User {scim_id} not found.")
    return link


def filter_q(expression: str) -> Q:
    """Translate a SCIM filter on userName, externalId, emails and id into a query."""
    try:
        node = ScimFilter(expression).ast
    except Exception as exc:
        raise ScimError(400, f"Invalid filter: {exc}", "invalidFilter") from exc
    return _node_q(node)


def _node_q(node) -> Q:
    if isinstance(node, LogicalExpr):
        result = _node_q(node.terms[0])
        for term in node.terms[1:]:
            result = (
                result & _node_q(term)
                if node.op == LogicalOperator.and_
                else result | _node_q(term)
            )
        return result
    if isinstance(node, ValuePath) and isinstance(node.val_filter, Comparison):
        inner = node.val_filter
        name = f"{node.attr_path.attr}.{inner.attr_path.attr}".lower()
        return _comparison_q(name, inner.op, inner.value)
    if isinstance(node, Comparison) and node.attr_path.uri in (
        None,
        "urn:ietf:params:scim:schemas:core:2.0:User",
    ):
        name = node.attr_path.attr + (
            f".{node.attr_path.sub_attr}" if node.attr_path.sub_attr else ""
        )
        return _comparison_q(name.lower(), node.op, node.value)
    raise ScimError(
        400,
        "Only eq, co, sw and ew on userName, externalId, emails and id, joined by and/or, "
        "are supported.",
        "invalidFilter",
    )


def _comparison_q(name: str, op, value) -> Q:
    field = FILTER_FIELDS.get(name)
    lookup = LOOKUPS.get(op)
    if field is None or lookup is None or not isinstance(value, str):
        raise ScimError(400, f"Cannot filter on {name} {op}.", "invalidFilter")
    if field == "pk":
        try:
            return Q(pk=uuid.UUID(value)) if op == CompareOperator.eq else Q(pk__in=[])
        except ValueError:
            return Q(pk__in=[])
    return Q(**{f"{field}__{lookup}": value})

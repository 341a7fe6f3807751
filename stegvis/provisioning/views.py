"""SCIM 2.0 endpoints (RFC 7644) for one municipality per bearer token. Views stay thin."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError as PydanticError
from scim2_models import Context, PatchOp, SCIMException

from . import schema
from .representation import ScimError, ScimUser, parse_user, to_scim, values_from
from .selectors import filter_q, get_link_for, links_for
from .services import user_create, user_remove, user_replace
from .tokens import client_for_token

CONTENT_TYPE = "application/scim+json"


def scim_response(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, content_type=CONTENT_TYPE)


def error_response(exc: ScimError) -> JsonResponse:
    body: dict[str, Any] = {
        "schemas": [schema.ERROR],
        "status": str(exc.status),
        "detail": exc.detail,
    }
    if exc.scim_type:
        body["scimType"] = exc.scim_type
    response = scim_response(body, exc.status)
    if exc.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="scim"'
    return response


def scim_view(methods: dict[str, Callable]) -> Callable:
    """Authenticate the bearer token, route by method, turn ScimError into an Error body."""

    @csrf_exempt
    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        client = client_for_token(token)
        try:
            if client is None:
                raise ScimError(401, "A valid bearer token is required.")
            handler = methods.get(request.method or "")
            if handler is None:
                raise ScimError(405, f"{request.method} is not allowed here.")
            return handler(request, client, **kwargs)
        except ScimError as exc:
            response = error_response(exc)
            if exc.status == 405:
                response["Allow"] = ", ".join(methods)
            return response

    return view


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/scim/v2").rstrip("/")


def _body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"null")
    except ValueError as exc:
        raise ScimError(400, "The body is not valid JSON.", "invalidSyntax") from exc


def _list(resources: list[dict], total: int, start: int = 1) -> dict[str, Any]:
    return {
        "schemas": [schema.LIST],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


# Discovery


def _spc(request, client):
    return scim_response(schema.service_provider_config(_base(request)))


def _resource_types(request, client, pk: str | None = None):
    items = schema.resource_types(_base(request))
    return _one_or_all(items, pk, "ResourceType")


def _schemas(request, client, pk: str | None = None):
    items = schema.schemas(client, _base(request))
    return _one_or_all(items, pk, "Schema")


def _one_or_all(items: list[dict], pk: str | None, kind: str) -> JsonResponse:
    if pk is None:
        return scim_response(_list(items, len(items)))
    for item in items:
        if item["id"] == pk:
            return scim_response(item)
    raise ScimError(404, f"{kind} {pk} not found.")


# Users


def _user_list(request, client):
    return _search(request, client, request.GET)


def _user_search(request, client):
    body = _body(request)
    if not isinstance(body, dict) or schema.SEARCH not in body.get("schemas", []):
        raise ScimError(400, "A SearchRequest body is required.", "invalidSyntax")
    params = {key: value for key, value in body.items() if key != "schemas"}
    for key in ("attributes", "excludedAttributes"):
        if isinstance(params.get(key), list):
            params[key] = ",".join(params[key])
    return _search(request, client, params)


def _search(request, client, params) -> JsonResponse:
    links = links_for(client)
    if params.get("filter"):
        links = links.filter(filter_q(str(params["filter"])))
    start, count = _pagination(params)
    total = links.count()
    page = links[start - 1 : start - 1 + count] if count else []
    base = _base(request)
    resources = [_project(to_scim(link, base), params) for link in page]
    return scim_response(_list(resources, total, start))


def _pagination(params) -> tuple[int, int]:
    try:
        start = max(int(params.get("startIndex") or 1), 1)
        count = int(params.get("count") if params.get("count") is not None else schema.MAX_RESULTS)
    except (TypeError, ValueError) as exc:
        raise ScimError(400, "startIndex and count must be integers.", "invalidValue") from exc
    return start, min(max(count, 0), schema.MAX_RESULTS)


def _user_create(request, client):
    values = values_from(parse_user(_body(request)))
    link = user_create(client=client, values=values)
    response = scim_response(to_scim(link, _base(request)), 201)
    response["Location"] = to_scim(link, _base(request))["meta"]["location"]
    return response


def _user_get(request, client, pk: str):
    link = get_link_for(client, pk)
    return scim_response(_project(to_scim(link, _base(request)), request.GET))


def _user_put(request, client, pk: str):
    link = get_link_for(client, pk)
    values = values_from(parse_user(_body(request)))
    link = user_replace(client=client, link=link, values=values)
    return scim_response(to_scim(link, _base(request)))


def _user_patch(request, client, pk: str):
    link = get_link_for(client, pk)
    base = _base(request)
    body = _body(request)
    try:
        current = ScimUser.model_validate(
            to_scim(link, base), scim_ctx=Context.RESOURCE_QUERY_RESPONSE
        )
        patch = PatchOp[ScimUser].model_validate(body, scim_ctx=Context.RESOURCE_PATCH_REQUEST)
        patch.patch(current)
    except SCIMException as exc:
        raise ScimError(exc.status, str(exc), exc.scim_type or None) from exc
    except PydanticError as exc:
        raise ScimError(400, str(exc.errors()[0].get("msg")), "invalidValue") from exc
    link = user_replace(client=client, link=link, values=values_from(current))
    return scim_response(to_scim(link, base))


def _user_delete(request, client, pk: str):
    user_remove(client=client, link=get_link_for(client, pk))
    return HttpResponse(status=204)


def _not_found(request, client, **kwargs):
    raise ScimError(404, f"{request.path} is not a SCIM endpoint.")


def _project(data: dict[str, Any], params) -> dict[str, Any]:
    """Apply ``attributes`` / ``excludedAttributes`` (top-level and extension attributes)."""
    wanted = _names(params.get("attributes"))
    unwanted = _names(params.get("excludedAttributes"))
    if not wanted and not unwanted:
        return data
    always = {"schemas", "id", "meta"}
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key == schema.ENTERPRISE:
            inner = {
                k: v
                for k, v in value.items()
                if (not wanted or f"{key}:{k}".lower() in wanted or key.lower() in wanted)
                and f"{key}:{k}".lower() not in unwanted
            }
            if inner:
                result[key] = inner
        elif key in always or (
            (not wanted or key.lower() in wanted) and key.lower() not in unwanted
        ):
            result[key] = value
    return result


def _names(raw) -> set[str]:
    names = set()
    for name in str(raw or "").split(","):
        name = name.strip().lower()
        if name.startswith(schema.USER.lower() + ":"):
            name = name[len(schema.USER) + 1 :]
        if name:
            names.add(name.split(".")[0] if not name.startswith("urn:") else name)
    return names


service_provider_config = scim_view({"GET": _spc})
resource_types = scim_view({"GET": _resource_types})
schemas_view = scim_view({"GET": _schemas})
users = scim_view({"GET": _user_list, "POST": _user_create})
users_search = scim_view({"POST": _user_search})
user = scim_view({"GET": _user_get, "PUT": _user_put, "PATCH": _user_patch, "DELETE": _user_delete})
not_found = scim_view({m: _not_found for m in ("GET", "POST", "PUT", "PATCH", "DELETE")})

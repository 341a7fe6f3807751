"""Every URL pattern × every member of the standard cast: who gets the page, who gets 404.

Adding a URL without adding it here fails ``test_every_url_pattern_is_in_the_matrix``.
Denied means 404 (a page outside one's scope looks exactly like a missing one); anonymous
visitors are sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from stegvis.organisations.models import RoleAssignment
from tests import factories as f

CAST = [
    "employee",
    "colleague",
    "manager",
    "hr",
    "hr_other",
    "coordinator",
    "admin",
    "statistics",
    "auditor",
    "course_leader",
    "outsider",
]
EVERYONE = frozenset(CAST)


@dataclass(frozen=True)
class Case:
    allowed: frozenset[str]
    args: Callable = lambda cast: {}
    method: str = "get"
    ok_status: int = 200


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


def _person_without_login(cast):
    person = f.PersonFactory(municipality=cast.uddevalla, first_name="Utan", last_name="Inloggning")
    f.EmploymentFactory(person=person, unit=cast.solgarden)
    return {"pk": person.pk}


def _manager_assignment(cast):
    return {"pk": RoleAssignment.objects.get(user=cast.manager.user, role="manager").pk}


STAFF_VIEWERS = roles("manager", "hr", "hr_other", "coordinator", "admin")
PEOPLE_MANAGERS = roles("hr", "hr_other", "admin")
UDDEVALLA_MANAGERS = roles("hr", "admin")
ORGANISATION_VIEWERS = roles("manager", "hr", "hr_other", "coordinator", "admin", "auditor")
STATISTICS = roles("hr", "hr_other", "coordinator", "admin", "statistics")
employee_pk = lambda cast: {"pk": cast.employee.pk}  # noqa: E731
employment_pk = lambda cast: {"pk": cast.employee.employments.get().pk}  # noqa: E731
solgarden_pk = lambda cast: {"pk": cast.solgarden.pk}  # noqa: E731

MATRIX: dict[str, Case] = {
    "portal:home": Case(EVERYONE),
    "people:me": Case(EVERYONE),
    "people:staff": Case(STAFF_VIEWERS),
    "people:person_create": Case(PEOPLE_MANAGERS),
    "people:statistics": Case(STATISTICS),
    "people:person": Case(roles("employee", "manager", "hr", "coordinator", "admin"), employee_pk),
    "people:person_edit": Case(UDDEVALLA_MANAGERS, employee_pk),
    "people:employment_add": Case(UDDEVALLA_MANAGERS, employee_pk),
    "people:employment_end": Case(UDDEVALLA_MANAGERS, employment_pk),
    "people:employment_move": Case(UDDEVALLA_MANAGERS, employment_pk),
    "organisations:overview": Case(ORGANISATION_VIEWERS),
    "organisations:municipality": Case(
        roles("hr", "coordinator", "admin", "auditor"), lambda cast: {"pk": cast.uddevalla.pk}
    ),
    "organisations:unit": Case(
        roles("manager", "hr", "coordinator", "admin", "auditor"), solgarden_pk
    ),
    "organisations:municipality_create": Case(roles("admin")),
    "organisations:area_create": Case(
        roles("admin"), lambda cast: {"municipality_pk": cast.uddevalla.pk}
    ),
    "organisations:unit_create": Case(
        roles("admin"), lambda cast: {"municipality_pk": cast.uddevalla.pk}
    ),
    "organisations:unit_edit": Case(roles("admin"), solgarden_pk),
    "organisations:unit_move": Case(roles("admin"), solgarden_pk),
    "organisations:unit_close": Case(roles("admin"), solgarden_pk),
    "unit_merge": Case(roles("admin"), solgarden_pk),
    "organisations:roles": Case(roles("admin")),
    "organisations:role_end": Case(roles("admin"), _manager_assignment, "post", 302),
    "grant_login": Case(UDDEVALLA_MANAGERS, _person_without_login, "post", 302),
}


def _model(cast) -> dict:
    if not hasattr(cast, "_model"):
        cast._model = f.competence_model(cast)
    return cast._model


def _report(cast):
    """An uploaded HR file of Uddevalla's, waiting for its column mapping."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from stegvis.people.import_models import ImportReport
    from stegvis.people.import_tasks import stored_file_name

    if not hasattr(cast, "_report"):
        cast._report = ImportReport.objects.create(
            municipality=cast.uddevalla, file_name="personal.csv"
        )
        default_storage.save(
            stored_file_name(cast._report), ContentFile("Förnamn;Efternamn;Enhet\nA;B;C\n".encode())
        )
    return cast._report


def model_pk(name):
    return lambda cast: {"pk": _model(cast)[name].pk}


FYRBODAL = EVERYONE - {"outsider"}
MODEL_EDITORS = roles("hr", "hr_other", "coordinator", "admin")
UDDEVALLA_EDITORS = roles("hr", "coordinator", "admin")
REGION_EDITORS = roles("coordinator", "admin")
RECORDERS = roles("manager", "hr", "admin")
MATRIX.update(
    {
        "competences:overview": Case(EVERYONE),
        "competences:framework_create": Case(MODEL_EDITORS),
        "competences:framework": Case(FYRBODAL, model_pk("common")),
        "competences:item_add": Case(UDDEVALLA_EDITORS, model_pk("draft")),
        "competences:item_edit": Case(UDDEVALLA_EDITORS, model_pk("draft_item")),
        "competences:framework_new_version": Case(
            roles("coordinator", "admin"), model_pk("common"), "post", 302
        ),
        "competences:framework_publish": Case(UDDEVALLA_EDITORS, model_pk("draft"), "post", 302),
        "competences:titles": Case(EVERYONE),
        "competences:ladder": Case(FYRBODAL, model_pk("ladder")),
        "competences:requirements": Case(EVERYONE),
        "competences:me": Case(EVERYONE, ok_status=302),
        "competences:profile": Case(
            roles("employee", "manager", "hr", "coordinator", "admin"), employee_pk
        ),
        "competences:record_add": Case(roles("employee", *RECORDERS), employee_pk),
        "competences:ladder_place": Case(RECORDERS, employee_pk),
        "competences:record_confirm": Case(RECORDERS, model_pk("entry"), "post", 302),
        "competences:record_withdraw": Case(RECORDERS, model_pk("entry")),
        "competences:qualification_add": Case(UDDEVALLA_MANAGERS, employee_pk),
        "competences:requirement_create": Case(MODEL_EDITORS),
        "people:import": Case(PEOPLE_MANAGERS),
        "people:import_mapping": Case(UDDEVALLA_MANAGERS, lambda cast: {"pk": _report(cast).pk}),
        "people:import_report": Case(UDDEVALLA_MANAGERS, lambda cast: {"pk": _report(cast).pk}),
        "people:import_errors": Case(UDDEVALLA_MANAGERS, lambda cast: {"pk": _report(cast).pk}),
        "people:import_apply": Case(
            UDDEVALLA_MANAGERS, lambda cast: {"pk": _report(cast).pk}, "post", 302
        ),
        "competences:framework_import": Case(MODEL_EDITORS),
        "competences:framework_export": Case(
            FYRBODAL, lambda cast: {"pk": _model(cast)["common"].pk, "format": "case"}
        ),
        "competences:requirement_revise": Case(REGION_EDITORS, model_pk("requirement")),
        "competences:requirement_end": Case(REGION_EDITORS, model_pk("requirement")),
        "competences:title_edit": Case(REGION_EDITORS, model_pk("title")),
        "competences:rule_add": Case(REGION_EDITORS, model_pk("title")),
        "competences:rule_remove": Case(REGION_EDITORS, model_pk("rule"), "post", 302),
        "competences:ladder_create": Case(REGION_EDITORS),
        "competences:step_add": Case(
            REGION_EDITORS, lambda cast: {"ladder_pk": _model(cast)["ladder"].pk}
        ),
        "competences:step_edit": Case(
            REGION_EDITORS,
            lambda cast: {
                "ladder_pk": _model(cast)["ladder"].pk,
                "pk": _model(cast)["ladder"].steps.get().pk,
            },
        ),
    }
)


def _app_cases() -> None:
    """Apps keep their rows beside their tests: ``tests/<app>/authz_*.py`` define ``CASES``."""
    import importlib
    import pkgutil
    from pathlib import Path

    root = Path(__file__).parent
    for module in sorted(pkgutil.walk_packages([str(root)], prefix="tests."), key=lambda m: m.name):
        if module.name.rsplit(".", 1)[-1].startswith("authz_"):
            MATRIX.update(importlib.import_module(module.name).CASES)


_app_cases()
# Reachable by anyone, signed in or not.
PUBLIC = {"healthz", "set_language", "courses:calendar_feed"}
# Machine endpoints that authenticate with a bearer token, not a session (tests/provisioning).
TOKEN_ONLY_NAMESPACE = "scim:"


def _pattern_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _pattern_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def _allauth_names() -> set[str]:
    from django.urls import include

    module = include("allauth.urls")[0]
    return _pattern_names(get_resolver(module.__name__))


def test_every_url_pattern_is_in_the_matrix():
    ours = {
        n
        for n in _pattern_names(get_resolver()) - _allauth_names()
        if not n.startswith(TOKEN_ONLY_NAMESPACE)
    }
    missing = ours - set(MATRIX) - PUBLIC
    assert not missing, f"URL patterns without an authorization rule: {sorted(missing)}"
    assert not set(MATRIX) - ours, "the matrix names URLs that no longer exist"


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_access(name, who, cast, login):
    case = MATRIX[name]
    client = login(getattr(cast, who))
    url = reverse(name, kwargs=case.args(cast))
    response = getattr(client, case.method)(url)
    if who in case.allowed:
        assert response.status_code == case.ok_status, (
            f"{who} should reach {name}, got {response.status_code}"
        )
    else:
        assert response.status_code == 404, (
            f"{who} must not reach {name}, got {response.status_code}"
        )


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_login(name, cast, client):
    case = MATRIX[name]
    response = getattr(client, case.method)(reverse(name, kwargs=case.args(cast)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(n for n, c in MATRIX.items() if c.method == "post"))
def test_post_only_views_refuse_get(name, cast, login):
    case = MATRIX[name]
    client = login(cast.admin)
    assert client.get(reverse(name, kwargs=case.args(cast))).status_code == 405


@pytest.mark.parametrize("who", [None, *CAST])
def test_token_endpoints_refuse_sessions(who, cast, client, login):
    """A signed-in session is not a SCIM token: every SCIM URL answers 401 without one."""
    if who:
        client = login(getattr(cast, who))
    for name in sorted(
        n for n in _pattern_names(get_resolver()) if n.startswith(TOKEN_ONLY_NAMESPACE)
    ):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        assert client.get(url).status_code == 401, name


def test_public_endpoints(client, db):
    assert client.get(reverse("healthz")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert response.status_code == 302


def _argument_free(names: set[str]) -> list[str]:
    """Names that reverse without arguments (token links are tested in accounts/test_login)."""
    result = []
    for name in sorted(names):
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        result.append(name)
    return result


@pytest.mark.parametrize("name", _argument_free(_allauth_names()))
@pytest.mark.parametrize("who", [None, "employee", "hr"])
def test_account_pages_never_fail(name, who, cast, client, login):
    """django-allauth's pages: reachable without a server error, signed in or not."""
    if who:
        client = login(getattr(cast, who))
    assert client.get(reverse(name)).status_code < 500

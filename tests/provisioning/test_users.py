"""SCIM Users: create, list, filter, replace, patch, deactivate, tenant isolation, errors, audit."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.people.models import Employment, Person
from stegvis.provisioning.models import PersonLink, ProvisioningClient
from tests.provisioning.conftest import user_body

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def _create(scim, **extra):
    response = scim.call("POST", "Users", user_body(**extra))
    assert response.status_code == 201, response.content
    return response.json()


def _patch(scim, scim_id, *operations, token=None):
    return scim.call(
        "PATCH", f"Users/{scim_id}", {"schemas": [PATCH], "Operations": list(operations)}, token
    )


def test_create_makes_a_person_with_an_employment_in_the_department(scim, cast):
    body = _create(
        scim, externalId="e-1", **{ENTERPRISE: {"employeeNumber": "4711", "department": "SOL"}}
    )
    person = Person.objects.get(email="ny.person@uddevalla.se")
    assert person.municipality == cast.uddevalla
    assert person.employee_number == "4711"
    assert person.employments.get().unit == cast.solgarden
    assert body["externalId"] == "e-1"
    assert body[ENTERPRISE]["department"] == "SOL"
    assert body["meta"]["location"].endswith(f"/scim/v2/Users/{body['id']}")


def test_list_filters_on_username_external_id_and_email_and_pages(scim):
    for n in range(3):
        _create(scim, user_name=f"p{n}@uddevalla.se", externalId=f"x{n}")
    listed = scim.call("GET", "Users?startIndex=2&count=1").json()
    assert (listed["totalResults"], listed["startIndex"], listed["itemsPerPage"]) == (3, 2, 1)
    for expression in (
        'userName eq "P1@uddevalla.se"',
        'externalId eq "x1"',
        'emails[value eq "p1@uddevalla.se"]',
        'emails.value eq "p1@uddevalla.se"',
    ):
        found = scim.call("GET", f"Users?filter={expression}").json()
        assert [r["userName"] for r in found["Resources"]] == ["p1@uddevalla.se"], expression


def test_unsupported_filter_is_a_400_invalid_filter(scim):
    response = scim.call("GET", 'Users?filter=title eq "x"')
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidFilter"


def test_put_replaces_and_department_change_moves_the_employment(scim, cast):
    created = _create(scim, **{ENTERPRISE: {"department": "SOL"}})
    body = user_body(name={"givenName": "Nya", "familyName": "Namnet"})
    body[ENTERPRISE] = {"department": "LIN"}
    response = scim.call("PUT", f"Users/{created['id']}", body)
    assert response.status_code == 200, response.content
    person = Person.objects.get(email="ny.person@uddevalla.se")
    assert person.first_name == "Nya"
    running = Employment.objects.filter(person=person, end_date__isnull=True)
    assert [e.unit for e in running] == [cast.linden]  # the Solgården row stays, ended


def test_patch_replace_and_remove(scim):
    created = _create(scim, phoneNumbers=[{"value": "0701234567"}])
    response = _patch(
        scim,
        created["id"],
        {"op": "replace", "path": "name.familyName", "value": "Ek"},
        {"op": "remove", "path": "phoneNumbers"},
    )
    assert response.status_code == 200, response.content
    person = Person.objects.get(email="ny.person@uddevalla.se")
    assert (person.last_name, person.phone) == ("Ek", "")
    assert "phoneNumbers" not in response.json()


def test_deactivation_switches_the_login_off_and_deletes_nothing(scim, cast):
    created = _create(scim, user_name=cast.employee.email)
    assert PersonLink.objects.get(pk=created["id"]).person == cast.employee  # adopted, not copied
    response = _patch(scim, created["id"], {"op": "replace", "path": "active", "value": False})
    assert response.json()["active"] is False
    cast.employee.refresh_from_db()
    cast.employee.user.refresh_from_db()
    assert cast.employee.user.is_active is False
    assert cast.employee.employments.current().exists()


def test_delete_unlinks_but_keeps_the_person(scim, cast):
    created = _create(scim, user_name=cast.employee.email)
    assert scim.call("DELETE", f"Users/{created['id']}").status_code == 204
    assert scim.call("GET", f"Users/{created['id']}").status_code == 404
    assert Person.objects.filter(pk=cast.employee.pk).exists()


def test_another_municipalitys_token_sees_404_and_an_empty_list(scim):
    created = _create(scim)
    other = scim.vanersborg
    assert scim.call("GET", f"Users/{created['id']}", token=other).status_code == 404
    assert scim.call("DELETE", f"Users/{created['id']}", token=other).status_code == 404
    assert (
        _patch(scim, created["id"], {"op": "remove", "path": "title"}, token=other).status_code
        == 404
    )
    assert scim.call("GET", "Users", token=other).json()["totalResults"] == 0


def test_other_municipalitys_department_is_unknown(scim):
    response = scim.call("POST", "Users", user_body(**{ENTERPRISE: {"department": "EKB"}}))
    assert response.status_code == 400
    assert "EKB" in response.json()["detail"]


def test_unknown_department_is_a_400_with_a_clear_message(scim):
    response = scim.call("POST", "Users", user_body(**{ENTERPRISE: {"department": "NOPE"}}))
    assert response.status_code == 400
    body = response.json()
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert "department 'NOPE' is not an open unit" in body["detail"]
    assert not Person.objects.filter(email="ny.person@uddevalla.se").exists()


def test_missing_wrong_and_revoked_tokens_are_401_with_an_error_body(scim):
    for token in ("", "stegvis_scim_wrong"):
        response = scim.call("GET", "Users", token=token)
        assert response.status_code == 401
        assert response.json()["status"] == "401"
        assert response["WWW-Authenticate"].startswith("Bearer")
    ProvisioningClient.objects.filter(pk=scim.vanersborg_client.pk).update(
        revoked_at=timezone.now()
    )
    assert scim.call("GET", "Users", token=scim.vanersborg).status_code == 401


def test_manager_is_stored_and_returned(scim):
    boss = _create(scim, user_name="chef@uddevalla.se")
    body = _create(
        scim, **{ENTERPRISE: {"manager": {"value": boss["id"], "$ref": boss["meta"]["location"]}}}
    )
    assert body[ENTERPRISE]["manager"]["value"] == boss["id"]


def test_changes_are_audited_with_source_scim_and_the_client_name(scim):
    created = _create(scim, **{ENTERPRISE: {"department": "SOL"}})
    _patch(scim, created["id"], {"op": "replace", "path": "externalId", "value": "e-9"})
    events = AuditEvent.objects.filter(source=AuditEvent.Source.SCIM)
    actions = set(events.values_list("action", flat=True))
    assert {
        "people.person.created",
        "people.employment.started",
        "provisioning.user.created",
        "provisioning.user.updated",
    } <= actions
    assert all(e.actor_id is None for e in events)
    assert events.filter(action="provisioning.user.updated").get().data["client"] == "Entra ID"


def test_scim_token_command_prints_a_working_token(scim, cast, capsys):
    call_command("scim_token", cast.vanersborg.code, "--name", "Nytt IdP")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert scim.call("GET", "Users", token=token).status_code == 200

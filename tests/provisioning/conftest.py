"""SCIM clients for Uddevalla and Vänersborg on top of the standard cast."""

from __future__ import annotations

import pytest

from stegvis.provisioning.tokens import client_create
from tests import factories as f


@pytest.fixture
def scim(cast, client):
    """``scim.uddevalla`` / ``scim.vanersborg`` tokens; ``scim.call(method, path, body, token)``."""
    cast.solgarden.source_key = "SOL"
    cast.solgarden.save()
    cast.linden.source_key = "LIN"
    cast.linden.save()
    cast.ekbacken.source_key = "EKB"
    cast.ekbacken.save()
    title = f.JobTitleFactory(region=cast.region, code="underskoterska", name="Undersköterska")
    f.JobTitleFactory(region=cast.region, code="sjukskoterska", name="Sjuksköterska")

    class Scim:
        uddevalla_client, uddevalla = client_create(
            actor=None, municipality=cast.uddevalla, name="Entra ID", default_job_title=title
        )
        vanersborg_client, vanersborg = client_create(
            actor=None, municipality=cast.vanersborg, name="Vänersborg IdP"
        )

        @staticmethod
        def call(method, path, body=None, token=None):
            token = Scim.uddevalla if token is None else token
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return client.generic(
                method,
                f"/scim/v2/{path}",
                data="" if body is None else __import__("json").dumps(body),
                content_type="application/scim+json",
                headers=headers,
            )

    return Scim


def user_body(user_name="ny.person@uddevalla.se", **extra):
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": user_name,
        "name": {"givenName": "Ny", "familyName": "Person"},
        "emails": [{"value": user_name, "primary": True}],
        "active": True,
    }
    body.update(extra)
    return body

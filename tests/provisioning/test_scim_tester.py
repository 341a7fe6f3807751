"""Run scim2-tester's check_server against our endpoints, in process, on the test database."""

from __future__ import annotations

import pytest
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import Status, check_server

from stegvis.wsgi import application

# Checks that cannot pass by design, each with the reason (see docs/scim.md).
ALLOWED_FAILURES: dict[str, str] = {}


@pytest.mark.django_db(transaction=True)
def test_scim2_tester_check_server_finds_no_failures(scim):
    client = WSGISCIMClient(
        application,
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim.uddevalla}"},
    )
    results = check_server(client, raise_exceptions=False)
    failed = [r for r in results if r.status not in (Status.SUCCESS, Status.SKIPPED)]
    for result in results:
        print(result.status.name, result.title, result.reason)
    unexpected = [r for r in failed if r.title not in ALLOWED_FAILURES]
    assert not unexpected, "\n".join(f"{r.title}: {r.reason}" for r in unexpected)
    assert sum(r.status == Status.SUCCESS for r in results) > 20

"""The SCIM user list and the HR import list cost the same number of queries at any size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stegvis.people.import_models import ImportReport
from tests.provisioning.conftest import user_body


def _count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200
    return len(queries)


def test_scim_user_list_is_flat(scim):
    def add(n, start):
        for i in range(start, start + n):
            body = user_body(f"p{i}@uddevalla.se")
            body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = {
                "department": "SOL",
                "employeeNumber": f"E{i}",
            }
            assert scim.call("POST", "Users", body).status_code == 201

    add(1, 0)
    scim.call("GET", "Users")
    before = _count(lambda: scim.call("GET", "Users"))
    add(3, 1)
    assert _count(lambda: scim.call("GET", "Users")) == before


def test_import_list_is_flat(cast, login):
    client = login(cast.hr)
    ImportReport.objects.create(
        municipality=cast.uddevalla, file_name="a.csv", uploaded_by=cast.hr.user
    )
    client.get("/people/import/")
    before = _count(lambda: client.get("/people/import/"))
    for name in ("b.csv", "c.csv", "d.csv"):
        ImportReport.objects.create(
            municipality=cast.uddevalla, file_name=name, uploaded_by=cast.hr.user
        )
    assert _count(lambda: client.get("/people/import/")) == before

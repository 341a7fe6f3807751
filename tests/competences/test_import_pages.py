"""The import page: preview first, then all or nothing; exports download as files."""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from stegvis.competences.models import Framework, Item
from tests import factories as f

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _upload(client, name, content, fmt, owner):
    return client.post(
        "/competences/frameworks/import/",
        {"file": SimpleUploadedFile(name, content), "format": fmt, "owner": owner},
    )


def test_moodle_file_is_previewed_then_imported_as_a_draft(cast, login):
    client = login(cast.coordinator)
    content = (DATA / "moodle" / "oecd-framework-example.csv").read_bytes()
    page = _upload(client, "oecd.csv", content, "moodle", f"region:{cast.region.pk}")
    assert page.status_code == 200
    assert Framework.objects.count() == 0  # a preview writes nothing
    token = page.context["token"]
    assert page.context["preview"].created
    response = client.post("/competences/frameworks/import/", {"token": token})
    framework = Framework.objects.get()
    assert response["Location"] == framework.get_absolute_url()
    assert framework.is_draft and framework.region == cast.region
    assert framework.items.count() == len(page.context["preview"].created)


def test_a_broken_file_shows_line_numbers_and_imports_nothing(cast, login):
    client = login(cast.hr)
    bad = (
        b'"Parent id number","Id number","Shortname","Description","Description format",'
        b'"Scale values","Scale configuration","Rule type","Rule outcome","Rule config",'
        b'"Cross-referenced competency id numbers","Exported id","Is framework","Taxonomy"\n'
        b'"","FW","Ramverk","","1","","","","","","","","1",""\n'
        b'"FW","A","","","1","","","","","","","","",""\n'
        b'"NOPE","B","Barn","","1","","","","","","","","",""\n'
    )
    page = _upload(client, "bad.csv", bad, "moodle", f"municipality:{cast.uddevalla.pk}")
    errors = [str(e) for e in page.context["preview"].errors]
    assert errors and any("4" in e for e in errors)
    assert "token" not in page.context
    assert Framework.objects.count() == 0 and Item.objects.count() == 0


def test_a_token_from_another_session_is_refused(cast, login, client):
    response = login(cast.coordinator).post("/competences/frameworks/import/", {"token": "abc"})
    assert response.status_code == 404


def test_case_export_downloads_a_valid_package(cast, login):
    model = f.competence_model(cast)
    response = login(cast.employee).get(
        f"/competences/frameworks/{model['common'].pk}/export/case/"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    package = json.loads(response.content)
    assert package["CFDocument"]["title"] == "Grundläggande kunskaper"
    identifiers = {i["identifier"] for i in package["CFItems"]}
    assert str(model["hygiene"].identifier) in identifiers
    csv = login(cast.employee).get(f"/competences/frameworks/{model['common'].pk}/export/moodle/")
    assert b"Basala hygienrutiner" in csv.content

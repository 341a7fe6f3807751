"""The HR import as HR uses it: upload, map, preview in the background, apply, report."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from stegvis.people.import_models import ImportMapping, ImportReport
from stegvis.people.models import Person
from tests.people.test_hr_import_apply import A, B, csv_bytes, line


def _upload(client, cast, data, name="heroma.csv"):
    response = client.post(
        "/people/import/",
        {"municipality": cast.uddevalla.pk, "file": SimpleUploadedFile(name, data)},
    )
    report = ImportReport.objects.latest("id")
    assert response["Location"] == f"/people/import/{report.pk}/mapping/"
    return report


def _map(client, report, capture, **overrides):
    page = client.get(f"/people/import/{report.pk}/mapping/")
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["full_export"] = "on"
    data.update(overrides)
    with capture(execute=True):
        return client.post(f"/people/import/{report.pk}/mapping/", data)


def test_upload_map_preview_apply(cast, login, django_capture_on_commit_callbacks):
    cast.solgarden.source_key = "S1"
    cast.solgarden.save()
    client = login(cast.hr)
    data = csv_bytes(line("1", A, "Eva", "Ek", key="E1"), line("2", B, "Bo", "Al", key="E2"))
    report = _upload(client, cast, data)
    response = _map(client, report, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/people/import/{report.pk}/"
    report.refresh_from_db()
    assert report.status == ImportReport.Status.PREVIEWED and report.dry_run
    assert report.counts["created"] >= 2 and not Person.objects.filter(first_name="Eva").exists()
    assert ImportMapping.objects.get(municipality=cast.uddevalla).columns["unit"] == "Enhet"
    page = client.get(f"/people/import/{report.pk}/").content.decode()
    assert "/apply/" in page
    assert "Eva Ek" in page  # the preview lists who would be created
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/people/import/{report.pk}/apply/")
    report.refresh_from_db()
    assert report.status == ImportReport.Status.DONE
    assert Person.objects.filter(first_name="Eva", municipality=cast.uddevalla).exists()


def test_problems_are_listed_by_line_and_nothing_can_be_applied(
    cast, login, django_capture_on_commit_callbacks
):
    cast.solgarden.source_key = "S1"
    cast.solgarden.save()
    client = login(cast.hr)
    data = csv_bytes(
        line("1", A, "Eva", "Ek"), line("2", "19800101-0000", "=cmd|x", "Al", unit="NOPE")
    )
    report = _upload(client, cast, data)
    _map(client, report, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == ImportReport.Status.FAILED
    assert {e["line"] for e in report.errors} == {3}
    page = client.get(f"/people/import/{report.pk}/").content.decode()
    assert "/apply/" not in page and "19800101-0000" not in page
    errors = client.get(f"/people/import/{report.pk}/errors.csv").content.decode()
    assert not re.search(r"(^|;)=cmd", errors, re.M)
    before = Person.objects.count()
    client.post(f"/people/import/{report.pk}/apply/")
    assert Person.objects.count() == before


def test_another_municipalitys_hr_cannot_see_the_report(cast, login):
    report = ImportReport.objects.create(municipality=cast.uddevalla, file_name="x.csv")
    assert login(cast.hr_other).get(f"/people/import/{report.pk}/").status_code == 404


def test_the_progress_bar_polls_while_running(cast, login):
    report = ImportReport.objects.create(
        municipality=cast.uddevalla,
        file_name="x.csv",
        status="running",
        rows_total=100,
        rows_done=40,
    )
    page = login(cast.hr).get(f"/people/import/{report.pk}/", HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html
    assert "<html" not in html  # only the status partial


def test_an_hr_officer_of_one_municipality_has_it_chosen_already(cast, login):
    page = login(cast.hr).get("/people/import/").content.decode()
    select = page.split('name="municipality"')[1].split("</select>")[0]
    assert select.count("<option") == 1 and f'value="{cast.uddevalla.pk}"' in select


def test_a_suspiciously_small_full_export_is_flagged(cast, login):
    report = ImportReport.objects.create(
        municipality=cast.uddevalla,
        file_name="liten.csv",
        status="previewed",
        dry_run=True,
        rows_total=1,
        counts={"created": 0, "changed": 0, "ended": 40, "unchanged": 1, "errors": 0},
    )
    page = login(cast.hr).get(f"/people/import/{report.pk}/").content.decode()
    assert "40" in page and "fullständig export" in page

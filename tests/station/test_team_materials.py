"""Material for the work group and the courses made for managers."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import override

from stegvis.courses.models import CourseMaterial
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at


def _material(course, title, **fields) -> CourseMaterial:
    if "file" not in fields:
        fields.setdefault("link", "https://example.org/material")
    return CourseMaterial.objects.create(course=course, title=title, **fields)


@pytest.fixture
def library(cast):
    dementia = CourseFactory(region=cast.region, title="Demensvård")
    _material(dementia, "Samtalsguide för APT")
    upload = CourseMaterial(course=dementia, title="Reflektionsfrågor")
    upload.file.save("reflektion.pdf", ContentFile(b"%PDF-1.4"), save=True)
    local = CourseFactory(region=None, municipality=cast.uddevalla, title="Uddevallas introduktion")
    _material(local, "Välkomstbrev")
    archived = CourseFactory(region=cast.region, title="Gammal kurs", archived=True)
    _material(archived, "Utgånget material")
    randers = CourseFactory(region=cast.other_region, title="Demens i Randers")
    _material(randers, "Dansk vejledning")
    vanersborg = CourseFactory(region=None, municipality=cast.vanersborg, title="Vänersborgs kurs")
    _material(vanersborg, "Vänersborgs material")

    leading = CourseFactory(region=cast.region, title="Att leda lärande", for_managers=True)
    soon = OfferingFactory(course=leading)
    CourseDayFactory(offering=soon, starts_at=at(20, 9), ends_at=at(20, 16))
    later = OfferingFactory(course=leading, title="Att leda lärande, höst")
    CourseDayFactory(offering=later, starts_at=at(60, 9), ends_at=at(60, 16))
    closed = OfferingFactory(course=leading, opens_at=at(-30), closes_at=at(-2), cancel_by=at(-3))
    cancelled = OfferingFactory(course=leading, decision="cancelled")
    empty = CourseFactory(region=cast.region, title="Arbetsmiljö för chefer", for_managers=True)
    return {
        "leading": leading,
        "soon": soon,
        "later": later,
        "closed": closed,
        "cancelled": cancelled,
        "empty": empty,
    }


def _get(client, **params):
    return client.get(reverse("station:materials"), params)


def _titles(response) -> list[str]:
    return [m.title for m in response.context["page"]]


def test_materials_of_the_visible_catalogue_by_course(library, cast, login):
    response = _get(login(cast.manager))
    assert _titles(response) == ["Samtalsguide för APT", "Reflektionsfrågor", "Välkomstbrev"]
    text = response.content.decode()
    assert "reflektion" in text and "download" in text
    assert "https://example.org/material" in text
    assert "Dansk vejledning" not in text and "Vänersborgs material" not in text


def test_hr_of_another_municipality_sees_its_own_material(library, cast, login):
    titles = _titles(_get(login(cast.hr_other)))
    assert "Vänersborgs material" in titles and "Välkomstbrev" not in titles


def test_search_by_material_or_course(library, cast, login):
    client = login(cast.manager)
    assert _titles(_get(client, q="välkomst")) == ["Välkomstbrev"]
    assert _titles(_get(client, q="demensvård")) == ["Samtalsguide för APT", "Reflektionsfrågor"]
    found = client.get(reverse("station:materials"), {"q": "samtal"}, HTTP_HX_REQUEST="true")
    assert _titles(found) == ["Samtalsguide för APT"]
    assert "<html" not in found.content.decode()


def test_no_material_found(library, cast, login):
    cast.manager.preferred_language = "en"
    cast.manager.save(update_fields=["preferred_language"])
    with override("en"):
        response = _get(login(cast.manager), q="ingenting")
        assert "No material matches" in response.content.decode()


def test_courses_for_managers_with_their_next_offerings(library, cast, login):
    response = _get(login(cast.manager))
    courses = {c.title: c for c in response.context["manager_courses"]}
    assert set(courses) == {"Att leda lärande", "Arbetsmiljö för chefer"}
    assert courses["Att leda lärande"].next_offerings == [library["soon"], library["later"]]
    assert courses["Arbetsmiljö för chefer"].next_offerings == []
    text = response.content.decode()
    assert reverse("courses:offering", args=[library["soon"].pk]) in text
    assert reverse("courses:offering", args=[library["closed"].pk]) not in text


def test_the_station_house_shows_the_courses_for_managers_too(library, cast, login):
    response = login(cast.manager).get(reverse("station:index"))
    assert reverse("courses:offering", args=[library["soon"].pk]) in response.content.decode()
    assert reverse("station:materials") in response.content.decode()


@pytest.mark.parametrize("who", ["employee", "colleague", "coordinator", "course_leader"])
def test_not_for_those_who_follow_no_team(who, cast, login):
    assert _get(login(getattr(cast, who))).status_code == 404

"""The catalogue editor's pages: forms that create and change courses, offerings and days."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import ChecklistTask, Course, Offering, Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseFactory, OfferingFactory, at, course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _english(client):
    """The signed-in client reads English (the session's language wins over the cookie)."""
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _staff(cast, n):
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=cast.uddevalla, first_name=f"P{i}")
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        people.append(person)
    return people


def _offering_post(offering: Offering, **changes) -> dict:
    data = {
        "title": offering.title,
        "description": offering.description,
        "attendance": offering.attendance,
        "seats_on_site": offering.seats_on_site or "",
        "seats_digital": offering.seats_digital or "",
        "opens_at": _moment(offering.opens_at),
        "closes_at": _moment(offering.closes_at),
        "cancel_by": _moment(offering.cancel_by),
        "min_participants": offering.min_participants or "",
        "promotion": offering.promotion,
        "offer_hours": offering.offer_hours,
        "audience": offering.audience,
        "language": offering.language,
        "leaders": [p.pk for p in offering.leaders.all()],
    }
    data.update(changes)
    return data


def test_hr_chooses_only_its_own_municipality_as_owner(cast, login):
    response = login(cast.hr).get(reverse("courses:course_create"))
    keys = [key for key, _label in response.context["form"].fields["owner"].choices]
    assert keys == [f"municipality:{cast.uddevalla.pk}"]
    response = login(cast.coordinator).get(reverse("courses:course_create"))
    keys = [key for key, _label in response.context["form"].fields["owner"].choices]
    assert keys == [
        f"region:{cast.region.pk}",
        f"municipality:{cast.uddevalla.pk}",
        f"municipality:{cast.vanersborg.pk}",
    ]


def test_coordinator_creates_a_joint_course_with_goals_and_areas(cast, login):
    model = f.competence_model(cast)
    client = login(cast.coordinator)
    page = client.get(reverse("courses:course_create"))
    assert "Basala hygienrutiner" in page.content.decode()
    response = client.post(
        reverse("courses:course_create"),
        {
            "owner": f"region:{cast.region.pk}",
            "title": "Demensvård steg 2",
            "language": "sv",
            "area_kinds": ["elder_care", "disability"],
            "phases": ["experienced"],
            "goals": [model["hygiene"].pk],
            "target_titles": [model["title"].pk],
            "leaders": [cast.course_leader.pk],
            "for_managers": "",
        },
    )
    course = Course.objects.get(title="Demensvård steg 2")
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:course_edit", args=[course.pk])
    assert course.region == cast.region and course.area_kinds == ["elder_care", "disability"]
    assert list(course.goals.all()) == [model["hygiene"]]
    assert list(course.leaders.all()) == [cast.course_leader]


def test_a_course_leader_is_added_by_email(cast, login):
    course = CourseFactory(region=None, municipality=cast.uddevalla, title="Lokal kurs")
    client = _english(login(cast.hr))
    data = {"title": "Lokal kurs", "language": "sv", "leader_email": cast.colleague.email}
    response = client.post(reverse("courses:course_edit", args=[course.pk]), data)
    assert response.status_code == 302
    assert list(course.leaders.all()) == [cast.colleague]
    data["leader_email"] = cast.outsider.email
    with override("en"):
        response = client.post(reverse("courses:course_edit", args=[course.pk]), data)
    assert response.status_code == 200
    assert "Nobody with that email works for Uddevalla" in response.content.decode()


def test_hr_cannot_edit_another_catalogue(cast, login):
    joint = CourseFactory(region=cast.region, title="Gemensam")
    local = CourseFactory(region=None, municipality=cast.uddevalla, title="Uddevallas")
    hr = login(cast.hr)
    assert hr.get(reverse("courses:course_edit", args=[joint.pk])).status_code == 404
    response = hr.post(
        reverse("courses:course_edit", args=[joint.pk]), {"title": "Kapad", "language": "sv"}
    )
    assert response.status_code == 404
    other = login(cast.hr_other)
    response = other.post(
        reverse("courses:course_edit", args=[local.pk]), {"title": "Kapad", "language": "sv"}
    )
    assert response.status_code == 404
    assert set(Course.objects.values_list("title", flat=True)) == {"Gemensam", "Uddevallas"}


def test_course_page_lists_tasks_materials_and_offerings(cast, login):
    scenario = course_scenario(cast)
    response = login(cast.coordinator).get(
        reverse("courses:course_edit", args=[scenario["course"].pk])
    )
    text = response.content.decode()
    assert "Läs Socialstyrelsens riktlinjer" in text and "Prova i vardagen" in text
    assert reverse("courses:offering_edit", args=[scenario["offering"].pk]) in text


def test_a_task_with_a_file_is_added_and_a_program_is_refused(cast, login):
    scenario = course_scenario(cast)
    course = scenario["course"]
    client = login(cast.coordinator)
    url = reverse("courses:task_add", args=[course.pk])
    data = {
        "part": "follow_up",
        "order": 2,
        "kind": "handbook",
        "title": "Handbok om demens",
        "why": "Gemensamt språk.",
        "minutes": 45,
        "goals": [scenario["goal"].pk],
    }
    bad = client.post(url, {**data, "file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert bad.status_code == 200 and not course.tasks.filter(title="Handbok om demens").exists()
    pdf = SimpleUploadedFile("handbok.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(url, {**data, "file": pdf})
    assert response.status_code == 302
    task = course.tasks.get(title="Handbok om demens")
    assert task.part == ChecklistTask.Part.FOLLOW_UP and task.file.name.endswith(".pdf")
    assert list(task.goals.all()) == [scenario["goal"]]
    edit = client.post(
        reverse("courses:task_edit", args=[task.pk]), {**data, "title": "Handbok, ny upplaga"}
    )
    assert edit.status_code == 302
    task.refresh_from_db()
    assert task.title == "Handbok, ny upplaga" and task.file.name.endswith(".pdf")


def test_material_is_added_as_a_link(cast, login):
    course = CourseFactory(region=None, municipality=cast.uddevalla)
    client = login(cast.hr)
    url = reverse("courses:material_add", args=[course.pk])
    assert client.post(url, {"title": "Film"}).status_code == 200
    response = client.post(url, {"title": "Film", "link": "https://example.org/film"})
    assert response.status_code == 302
    assert course.materials.get().link == "https://example.org/film"


def test_coordinator_offers_a_course_with_quotas(cast, login):
    course = CourseFactory(region=cast.region, title="Palliativ vård")
    client = login(cast.coordinator)
    url = reverse("courses:offering_create") + f"?course={course.pk}"
    page = client.get(url)
    assert "quota-m" in page.content.decode()
    response = client.post(
        url,
        {
            "owner": f"region:{cast.region.pk}",
            "attendance": "hybrid",
            "seats_on_site": 10,
            "seats_digital": "",
            "opens_at": _moment(at(-1)),
            "closes_at": _moment(at(20)),
            "cancel_by": _moment(at(15)),
            "promotion": "offer",
            "offer_hours": 24,
            "language": "sv",
            f"quota-m{cast.uddevalla.pk}": 4,
            f"quota-m{cast.vanersborg.pk}": 3,
        },
    )
    offering = Offering.objects.get(course=course)
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:offering_edit", args=[offering.pk])
    assert offering.seats_digital is None and offering.promotion == "offer"
    assert dict(offering.quotas.values_list("municipality__name", "seats")) == {
        "Uddevalla": 4,
        "Vänersborg": 3,
    }


def test_a_theme_day_is_created_without_a_course(cast, login):
    client = login(cast.hr)
    url = reverse("courses:offering_create") + "?kind=theme_day"
    assert client.get(url).context["form"].initial["kind"] == "theme_day"
    response = client.post(
        url,
        {
            "owner": f"municipality:{cast.uddevalla.pk}",
            "kind": "theme_day",
            "title": "Temadag om våld i nära relationer",
            "attendance": "on_site",
            "seats_on_site": 80,
            "opens_at": _moment(at(-1)),
            "closes_at": _moment(at(20)),
            "cancel_by": _moment(at(15)),
            "promotion": "confirm",
            "offer_hours": 48,
            "language": "sv",
        },
    )
    assert response.status_code == 302
    theme = Offering.objects.get(kind="theme_day")
    assert theme.municipality == cast.uddevalla and theme.course is None


def test_raising_seats_on_the_form_moves_the_waiting_list(cast, login):
    offering = course_scenario(cast, seats=1)["offering"]
    first, second = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=first)
    waiting = reg.register(actor=None, offering=offering, person=second)
    client = _english(login(cast.coordinator))
    url = reverse("courses:offering_edit", args=[offering.pk])
    with override("en"):
        refused = client.post(url, _offering_post(offering, seats_on_site=0))
    assert "1 seats are held already" in refused.content.decode()
    response = client.post(url, _offering_post(offering, seats_on_site=2))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_day_pages_add_and_move_a_day(cast, login, django_capture_on_commit_callbacks):
    offering = course_scenario(cast, seats=1)["offering"]
    holder, waiting = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=holder)
    reg.register(actor=None, offering=offering, person=waiting)
    client = login(cast.coordinator)
    added = client.post(
        reverse("courses:day_add", args=[offering.pk]),
        {"starts_at": _moment(at(44, 9)), "ends_at": _moment(at(44, 12)), "place": "Aulan"},
    )
    assert added.status_code == 302
    day = offering.days.get(place="Aulan")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(
            reverse("courses:day_edit", args=[day.pk]),
            {"starts_at": _moment(at(45, 9)), "ends_at": _moment(at(45, 12)), "place": "Aulan"},
        )
    assert moved.status_code == 302
    day.refresh_from_db()
    assert day.sequence == 1 and [m.to for m in mail.outbox] == [[holder.email]]


def test_an_early_day_is_refused_on_the_page(cast, login):
    offering = OfferingFactory(course=CourseFactory(region=cast.region))
    with override("en"):
        response = _english(login(cast.coordinator)).post(
            reverse("courses:day_add", args=[offering.pk]),
            {"starts_at": _moment(at(5, 9)), "ends_at": _moment(at(5, 12))},
        )
    assert response.status_code == 200
    assert "after the registration deadline" in response.content.decode()
    assert not offering.days.exists()

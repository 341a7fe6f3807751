"""The course page and the offering page, as a participant sees them."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import override

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import ChecklistTask, CourseMaterial, Offering
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import (
    ChecklistTaskFactory,
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
    course_scenario,
)

pytestmark = pytest.mark.django_db


def english(client):
    """Pages in English, whatever the person's saved language (kept in the session)."""
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client


def _page(client, name, pk) -> str:
    with override("en"):
        response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_course_page_shows_the_three_parts_goals_materials_and_leaders(cast, login):
    s = course_scenario(cast)
    course = s["course"]
    course.area_kinds = ["elder_care"]
    course.phases = ["new", "experienced"]
    course.save()
    course.target_titles.add(cast.employee.employments.get().job_title)
    goal = s["goal"]
    goal.knowledge_form = "skill"
    goal.save()
    s["preparation"].goals.add(goal)
    s["preparation"].link = "https://www.socialstyrelsen.se/riktlinjer"
    s["preparation"].minutes = 45
    s["preparation"].save()
    CourseMaterial.objects.create(course=course, title="Bildspel dag 1", link="https://x.se/b")
    material = CourseMaterial(course=course, title="Arbetsblad")
    material.file.save("arbetsblad.pdf", ContentFile(b"%PDF-1.4"), save=True)
    html = _page(english(login(cast.employee)), "courses:course", course.pk)
    for text in (
        "Demensvård steg 1",
        "Elder care",
        "New, Experienced",
        "Undersköterska",
        "Basala hygienrutiner",
        "Skill",
        "Läs Socialstyrelsens riktlinjer",
        "Reading",
        "45 minutes",
        "Ger en gemensam grund inför kursdagen.",
        "https://www.socialstyrelsen.se/riktlinjer",
        "Prova i vardagen",
        "Practical task",
        "Bildspel dag 1",
        material.file.url,
        "Lea Kursledare",
    ):
        assert text in html, text


def test_course_page_lists_upcoming_offerings_with_the_registration_box(cast, login):
    s = course_scenario(cast)
    past = OfferingFactory(
        course=s["course"], opens_at=at(-40), closes_at=at(-20), cancel_by=at(-25)
    )
    CourseDayFactory(offering=past, starts_at=at(-10, 9), ends_at=at(-10, 16))
    response = english(login(cast.employee)).get(reverse("courses:course", args=[s["course"].pk]))
    assert [i["offering"] for i in response.context["offerings"]] == [s["offering"]]
    html = response.content.decode()
    assert f'id="registration-{s["offering"].pk}"' in html
    assert reverse("courses:register", args=[s["offering"].pk]) in html


def test_course_of_another_municipality_is_not_found(cast, login):
    course = CourseFactory(region=None, municipality=cast.vanersborg)
    response = english(login(cast.employee)).get(reverse("courses:course", args=[course.pk]))
    assert response.status_code == 404


def test_offering_page_shows_days_seats_deadlines_and_the_decision_rule(cast, login):
    s = course_scenario(
        cast,
        seats=3,
        attendance=Offering.Attendance.HYBRID,
        seats_digital=None,
        min_participants=6,
        audience="Undersköterskor i äldreomsorgen",
    )
    day = s["days"][0]
    day.address = "Kungsgatan 1"
    day.digital_link = "https://meet.example.org/abc"
    day.save()
    reg.register(actor=None, offering=s["offering"], person=cast.colleague, mode="on_site")
    html = _page(english(login(cast.employee)), "courses:offering", s["offering"].pk)
    for text in (
        "Folkets hus, Uddevalla, Kungsgatan 1",
        "09:00–16:00",
        "On site: 2",
        "Digital: unlimited",
        "Cancelling after that is recorded as a late cancellation.",
        "at least 6 people register",
        "Undersköterskor i äldreomsorgen",
        "Lea Kursledare",
    ):
        assert text in html, text
    # The digital link is for participants only.
    assert "https://meet.example.org/abc" not in html
    reg.register(actor=None, offering=s["offering"], person=cast.employee, mode="digital")
    assert "https://meet.example.org/abc" in _page(
        english(login(cast.employee)), "courses:offering", s["offering"].pk
    )


def test_offering_page_says_when_the_cancellation_deadline_has_passed(cast, login):
    s = course_scenario(cast, cancel_by=at(-1))
    html = _page(english(login(cast.employee)), "courses:offering", s["offering"].pk)
    assert "The cancellation deadline has passed." in html


def test_a_seat_holder_gets_links_to_the_registration_and_to_hand_it_over(cast, login):
    s = course_scenario(cast)
    client = english(login(cast.employee))
    html = _page(client, "courses:offering", s["offering"].pk)
    assert reverse("courses:register", args=[s["offering"].pk]) in html
    assert "Hand my seat to a colleague" not in html
    registration = reg.register(actor=None, offering=s["offering"], person=cast.employee)
    html = _page(client, "courses:offering", s["offering"].pk)
    assert reverse("courses:registration", args=[registration.pk]) in html
    assert reverse("courses:transfer", args=[registration.pk]) in html
    assert "Hand my seat to a colleague" in html


def test_registering_from_the_offering_page_with_htmx_swaps_the_box(cast, login):
    s = course_scenario(cast)
    client = english(login(cast.employee))
    with override("en"):
        response = client.post(
            reverse("courses:register", args=[s["offering"].pk]), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert "You have a seat." in response.content.decode()
    assert s["offering"].registrations.get().person == cast.employee


def test_theme_day_and_its_follow_up_day_link_to_each_other(cast, login):
    theme = OfferingFactory(
        course=None,
        kind=Offering.Kind.THEME_DAY,
        title="Temadag psykisk ohälsa",
        region=cast.region,
    )
    CourseDayFactory(offering=theme, starts_at=at(10, 9), ends_at=at(10, 15))
    follow_up = OfferingFactory(
        course=None,
        kind=Offering.Kind.FOLLOW_UP_DAY,
        title="Uppföljningsdag psykisk ohälsa",
        region=cast.region,
        follows=theme,
        closes_at=at(80),
        cancel_by=at(80),
    )
    CourseDayFactory(offering=follow_up, starts_at=at(100, 9), ends_at=at(100, 12))
    client = english(login(cast.employee))
    html = _page(client, "courses:offering", theme.pk)
    assert "Follow-up days" in html
    assert reverse("courses:offering", args=[follow_up.pk]) in html
    html = _page(client, "courses:offering", follow_up.pk)
    assert "This day follows up an earlier day:" in html
    assert reverse("courses:offering", args=[theme.pk]) in html


def test_someone_the_offering_is_not_for_is_told_so_instead_of_a_register_button(cast, login):
    offering = OfferingFactory(
        course=CourseFactory(region=None, municipality=cast.uddevalla),
        region=None,
        municipality=cast.uddevalla,
    )
    CourseDayFactory(offering=offering)
    # A manager of an Uddevalla unit who lives in (and belongs to) Vänersborg.
    person = f.PersonFactory(municipality=cast.vanersborg)
    f.grant(f.login_for(person), "manager", cast.solgarden)
    html = _page(english(login(person.user)), "courses:offering", offering.pk)
    assert "Registration is for staff of Uddevalla." in html
    assert reverse("courses:register", args=[offering.pk]) not in html


def test_cancelled_offering_says_so(cast, login):
    s = course_scenario(cast)
    reg.decide(actor=None, offering=s["offering"], go=False)
    html = _page(english(login(cast.employee)), "courses:offering", s["offering"].pk)
    assert "This offering has been cancelled by the organiser." in html
    assert reverse("courses:register", args=[s["offering"].pk]) not in html


def test_task_with_a_file_offers_a_download(cast, login):
    s = course_scenario(cast)
    task = ChecklistTaskFactory(course=s["course"], part=ChecklistTask.Part.PREPARATION)
    task.file.save("checklista.pdf", ContentFile(b"%PDF-1.4"), save=True)
    html = _page(english(login(cast.employee)), "courses:course", s["course"].pk)
    assert task.file.url in html
    assert "Download the file" in html

"""The course leader's pages: the course days one leads, and marking attendance."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from stegvis.courses.models import Attendance, CourseDay, Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseDayFactory, OfferingFactory, at, course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _english(login, person):
    person.preferred_language = "en"
    person.save(update_fields=["preferred_language"])
    return login(person)


def _people(cast, n, unit=None):
    unit = unit or cast.solgarden
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"Deltagare{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _day_today(cast, n=3, seats=10):
    """A course day today with ``n`` confirmed participants (registered before it started)."""
    scenario = course_scenario(cast, seats=seats)
    registrations = [
        reg.register(actor=None, offering=scenario["offering"], person=p) for p in _people(cast, n)
    ]
    day = scenario["days"][0]
    CourseDay.objects.filter(pk=day.pk).update(starts_at=at(0, 8), ends_at=at(0, 16))
    day.refresh_from_db()
    return day, registrations


def _url(day) -> str:
    return reverse("courses:attendance", args=[day.pk])


def test_leader_marks_present_and_no_show_with_htmx(cast, login):
    day, (first, second, third) = _day_today(cast)
    client = _english(login, cast.course_leader)
    with override("en"):
        response = client.post(
            _url(day), {"registration": first.pk, "present": "1"}, HTTP_HX_REQUEST="true"
        )
        client.post(_url(day), {"registration": second.pk, "present": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith(f'<li class="attendance-row" id="participant-{first.pk}"')
    assert 'aria-pressed="true"' in content and ">Present<" in content
    assert "1 present, 0 absent, 2 not marked." in content  # the summary, swapped out of band
    marks = dict(Attendance.objects.filter(day=day).values_list("registration_id", "present"))
    assert marks == {first.pk: True, second.pk: False}
    assert Attendance.objects.get(registration=first).marked_by == cast.course_leader.user
    page = client.get(_url(day)).content.decode()
    assert "Absent (no-show)" in page
    assert "3 confirmed: 1 present, 1 absent, 1 not marked." in page
    assert third.person.last_name in page


def test_a_plain_form_post_marks_and_returns_to_the_row(cast, login):
    day, (first, *_rest) = _day_today(cast)
    response = login(cast.course_leader).post(_url(day), {"registration": first.pk, "present": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{_url(day)}#participant-{first.pk}"
    assert Attendance.objects.get(registration=first, day=day).present is True


def test_marking_again_changes_the_mark(cast, login):
    day, (first, *_rest) = _day_today(cast)
    client = login(cast.course_leader)
    client.post(_url(day), {"registration": first.pk, "present": "1"})
    client.post(_url(day), {"registration": first.pk, "present": "0"})
    assert Attendance.objects.get(registration=first, day=day).present is False


def test_a_day_that_has_not_come_is_refused_and_says_so(cast, login):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    day = scenario["days"][0]
    client = _english(login, cast.course_leader)
    with override("en"):
        page = client.get(_url(day)).content.decode()
        assert "This course day has not come yet." in page
        assert "disabled" in page
        response = client.post(
            _url(day), {"registration": registration.pk, "present": "1"}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert "Attendance can be marked from the course day on." in response.content.decode()
    assert not Attendance.objects.exists()


def test_someone_not_confirmed_on_this_offering_cannot_be_marked(cast, login):
    day, _registrations = _day_today(cast, n=1)
    other = course_scenario(cast)["offering"]
    stranger = reg.register(actor=None, offering=other, person=cast.employee)
    client = login(cast.course_leader)
    assert client.post(_url(day), {"registration": stranger.pk, "present": "1"}).status_code == 404
    assert client.post(_url(day), {"registration": "x", "present": "1"}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_post_without_a_choice_is_an_error_not_a_failure(cast, login):
    day, (first,) = _day_today(cast, n=1)
    client = _english(login, cast.course_leader)
    with override("en"):
        response = client.post(_url(day), {"registration": first.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Choose present or absent." in response.content.decode()


@pytest.mark.parametrize("who", ["manager", "hr_other", "employee", "hr"])
def test_not_the_leader_gets_404(cast, login, who):
    day, (first, *_rest) = _day_today(cast)
    client = login(getattr(cast, who))
    assert client.get(_url(day)).status_code == 404
    assert client.post(_url(day), {"registration": first.pk, "present": "1"}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_leader_named_on_the_offering_only_may_mark(cast, login):
    day, (first, *_rest) = _day_today(cast)
    (named,) = _people(cast, 1, unit=cast.linden)
    f.login_for(named)
    day.offering.leaders.add(named)
    client = login(named)
    assert client.get(_url(day)).status_code == 200
    client.post(_url(day), {"registration": first.pk, "present": "1"})
    assert Attendance.objects.filter(registration=first).exists()


def test_page_lists_late_cancellations_and_waiting_list(cast, login):
    scenario = course_scenario(cast, seats=1, cancel_by=at(-1))
    offering = scenario["offering"]
    first, second, third = _people(cast, 3)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.register(actor=None, offering=offering, person=third)
    reg.cancel(actor=None, registration=held)  # late: second gets the seat, third still waits
    client = _english(login, cast.course_leader)
    response = client.get(_url(scenario["days"][0]))
    assert [r.person for r in response.context["participants"]] == [second]
    assert [r.person for r in response.context["late"]] == [first]
    assert [r.person for r in response.context["waiting"]] == [third]
    content = response.content.decode()
    assert "Cancelled late" in content and "Still waiting" in content


# The course days one leads -----------------------------------------------------------


def test_leading_lists_today_then_upcoming_then_the_last_30_days(cast, login):
    scenario = course_scenario(cast)  # days in 30 and 37 days
    offering = scenario["offering"]
    today = CourseDayFactory(offering=offering, starts_at=at(0, 8), ends_at=at(0, 17))
    last_week = CourseDayFactory(offering=offering, starts_at=at(-7), ends_at=at(-7, 16))
    yesterday = CourseDayFactory(offering=offering, starts_at=at(-1), ends_at=at(-1, 16))
    CourseDayFactory(offering=offering, starts_at=at(-31), ends_at=at(-31, 16))  # too old
    CourseDayFactory(offering=OfferingFactory(), starts_at=at(0, 9), ends_at=at(0, 16))  # not led
    registration = reg.register(actor=None, offering=offering, person=cast.employee)
    Attendance.objects.create(registration=registration, day=yesterday, present=True)
    response = _english(login, cast.course_leader).get(reverse("courses:leading"))
    assert response.status_code == 200
    sections = {key: days for key, _heading, days in response.context["sections"]}
    assert sections["today"] == [today]
    assert sections["upcoming"] == scenario["days"]
    assert sections["past"] == [yesterday, last_week]
    assert sections["past"][0].confirmed_count == 1
    assert sections["past"][0].marked_count == 1
    assert sections["past"][1].marked_count == 0
    content = response.content.decode()
    assert content.index("Today") < content.index("Upcoming") < content.index("The last 30 days")
    assert _url(today) in content


def test_leading_shows_nothing_led_by_others(cast, login):
    course_scenario(cast)
    other_leader = f.PersonFactory(municipality=cast.uddevalla)
    user = f.login_for(other_leader)
    f.grant(user, "course_leader", cast.region)
    response = login(user).get(reverse("courses:leading"))
    assert all(days == [] for _key, _heading, days in response.context["sections"])

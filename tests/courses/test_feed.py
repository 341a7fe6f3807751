"""The private calendar subscription and the invitation download."""

from __future__ import annotations

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.courses.models import CalendarFeed
from stegvis.courses.services import registration as reg
from stegvis.courses.services.feed import calendar_feed_renew
from tests import factories as f
from tests.course_factories import CourseDayFactory, OfferingFactory, at, course_scenario

pytestmark = pytest.mark.django_db


def _feed_url(feed: CalendarFeed) -> str:
    return reverse("courses:calendar_feed", args=[feed.token])


def test_calendar_page_offers_to_create_an_address_first(cast, login):
    client = login(cast.employee)
    with translation.override("en"):
        response = client.get(reverse("courses:calendar"))
    assert response.status_code == 200
    assert not CalendarFeed.objects.exists()  # looking does not create anything
    assert b'type="submit"' in response.content


def test_creating_the_address_shows_https_and_webcal_forms(cast, login):
    client = login(cast.employee)
    response = client.post(reverse("courses:calendar"))
    assert response.status_code == 302 and response["Location"] == reverse("courses:calendar")
    feed = CalendarFeed.objects.get(person=cast.employee)
    page = client.get(reverse("courses:calendar")).content.decode()
    assert f"http://testserver{_feed_url(feed)}" in page
    assert f"webcal://testserver{_feed_url(feed)}" in page
    assert AuditEvent.objects.filter(action="courses.calendar_feed.created").exists()


def test_a_new_address_stops_the_old_one(cast, login, client):
    old = calendar_feed_renew(actor=None, person=cast.employee)
    old_url = _feed_url(old)
    assert client.get(old_url).status_code == 200
    login(cast.employee).post(reverse("courses:calendar"))
    new = CalendarFeed.objects.get(person=cast.employee)
    assert new.token != old.token
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(_feed_url(new)).status_code == 200
    assert AuditEvent.objects.filter(action="courses.calendar_feed.renewed").count() == 1


def test_feed_answers_without_login_as_a_private_calendar(cast, client):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    feed = calendar_feed_renew(actor=None, person=cast.employee)
    response = client.get(_feed_url(feed))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar; charset=utf-8")
    assert "private" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert uids == {f"{registration.uid}-{d.uid}@stegvis" for d in scenario["days"]}
    urls = {str(e["URL"]) for e in calendar.walk("VEVENT")}
    assert urls == {f"http://testserver/courses/registrations/{registration.pk}/"}


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("courses:calendar_feed", args=["nope"])).status_code == 404


def test_feed_refuses_post(cast, client):
    feed = calendar_feed_renew(actor=None, person=cast.employee)
    assert client.post(_feed_url(feed)).status_code == 405


def _add_registrations(cast, scenario, n):
    for _ in range(n):
        offering = OfferingFactory(course=scenario["course"])
        CourseDayFactory(offering=offering, starts_at=at(40, 9), ends_at=at(40, 12))
        CourseDayFactory(offering=offering, starts_at=at(41, 9), ends_at=at(41, 12))
        reg.register(actor=None, offering=offering, person=cast.employee)


def _count(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.count(b"BEGIN:VEVENT")


def test_feed_query_count_is_constant(cast, client):
    scenario = course_scenario(cast)
    reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    url = _feed_url(calendar_feed_renew(actor=None, person=cast.employee))
    client.get(url)
    one, events_one = _count(client, url)
    _add_registrations(cast, scenario, 3)
    four, events_four = _count(client, url)
    assert (events_one, events_four) == (2, 8)
    assert one == four <= 3


def test_a_login_without_a_person_has_no_calendar_page(db, login):
    client = login(f.UserFactory())
    assert client.get(reverse("courses:calendar")).status_code == 404
    assert client.post(reverse("courses:calendar")).status_code == 404


# -- the invitation download ----------------------------------------------------------------------


def test_invitation_download_for_the_person_and_their_manager(cast, login):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    url = reverse("courses:registration_ical", args=[registration.pk])
    for who in (cast.employee, cast.manager):
        response = login(who).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
        assert response["Content-Disposition"] == 'attachment; filename="demensvard-steg-1.ics"'
        calendar = icalendar.Calendar.from_ical(response.content)
        assert len(list(calendar.walk("VEVENT"))) == 2
    assert login(cast.colleague).get(url).status_code == 404


def test_invitation_download_after_cancelling_is_the_cancellation(cast, login):
    scenario = course_scenario(cast)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    reg.cancel(actor=None, registration=registration)
    response = login(cast.employee).get(
        reverse("courses:registration_ical", args=[registration.pk])
    )
    assert response["Content-Type"].endswith("method=CANCEL")
    assert str(icalendar.Calendar.from_ical(response.content)["METHOD"]) == "CANCEL"


def test_a_place_in_line_has_no_invitation_to_download(cast, login):
    scenario = course_scenario(cast, seats=0)
    registration = reg.register(actor=None, offering=scenario["offering"], person=cast.employee)
    url = reverse("courses:registration_ical", args=[registration.pk])
    assert login(cast.employee).get(url).status_code == 404

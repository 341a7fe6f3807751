"""Register the selected people of a team for an offering: each person's own outcome."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from stegvis.core.models import AuditEvent
from stegvis.courses.models import Registration
from stegvis.station.team import open_offerings
from tests import factories as f
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at

Status = Registration.Status


def _english(person):
    person.preferred_language = "en"
    person.save(update_fields=["preferred_language"])
    return person


@pytest.fixture
def setting(cast):
    """Uddevalla's own offering with two seats; Solgården has Anna, Bo, Cilla (registered
    already) and Dan (whose home municipality is Vänersborg)."""
    course = CourseFactory(region=cast.region, title="Lyftteknik")
    offering = OfferingFactory(
        course=course, region=None, municipality=cast.uddevalla, seats_on_site=2
    )
    CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))

    def staff(first, last, municipality=cast.uddevalla):
        person = f.PersonFactory(municipality=municipality, first_name=first, last_name=last)
        f.EmploymentFactory(person=person, unit=cast.solgarden)
        return person

    bo = staff("Bo", "Andersson")
    cilla = staff("Cilla", "Carlsson")
    dan = staff("Dan", "Dahl", cast.vanersborg)
    Registration.objects.create(
        offering=offering,
        person=cilla,
        municipality=cast.uddevalla,
        status=Status.CONFIRMED,
        queued_at=timezone.now(),
    )
    return {"offering": offering, "anna": cast.employee, "bo": bo, "cilla": cilla, "dan": dan}


def _url(cast, unit=None):
    return reverse("station:register_team", args=[(unit or cast.solgarden).pk])


def _post(client, cast, people, offering, htmx=True, **extra):
    data = {"offering": offering.pk, "people": [p.pk for p in people], **extra}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(_url(cast), data, **headers)


def test_mixed_results_one_by_one(setting, cast, login, django_capture_on_commit_callbacks):
    client = login(_english(cast.manager))
    people = [setting[name] for name in ("anna", "bo", "cilla", "dan")]
    with override("en"), django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cast, people, setting["offering"])
    assert response.status_code == 200
    results = {r.person.first_name: r for r in response.context["results"]}
    # People are registered in name order: Andersson gets the seat, Lindqvist is in line.
    assert results["Bo"].ok and "Seat confirmed" in results["Bo"].text
    assert results["Anna"].ok and "waiting list, number 1" in results["Anna"].text
    assert not results["Cilla"].ok and "already registered" in results["Cilla"].text
    assert not results["Dan"].ok and "not open to staff of Vänersborg" in results["Dan"].text
    statuses = dict(
        Registration.objects.filter(offering=setting["offering"]).values_list(
            "person__first_name", "status"
        )
    )
    assert statuses == {"Bo": Status.CONFIRMED, "Anna": Status.WAITING, "Cilla": Status.CONFIRMED}
    assert Registration.objects.get(person=setting["bo"]).registered_by == cast.manager.user
    assert AuditEvent.objects.filter(action="courses.registration.created").count() == 2
    assert len(mail.outbox) == 2  # a confirmation and a waiting-list notice
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="team-table"')
    assert "Registration results" in text and "Dahl" in text


def test_without_htmx_results_become_messages_and_filters_are_kept(setting, cast, login):
    client = login(_english(cast.manager))
    with override("en"):
        response = _post(
            client,
            cast,
            [setting["bo"], setting["cilla"]],
            setting["offering"],
            htmx=False,
            phase="new",
            sort="phase",
        )
        texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("station:team", args=[cast.solgarden.pk]) + "?phase=new&sort=phase"
    )
    assert any(t.startswith("Bo Andersson: Seat confirmed") for t in texts)
    assert any(t.startswith("Cilla Carlsson:") and "already registered" in t for t in texts)


def test_people_outside_the_unit_are_refused_and_nobody_is_registered(setting, cast, login):
    client = login(_english(cast.manager))
    with override("en"):
        response = _post(client, cast, [setting["bo"], cast.colleague], setting["offering"])
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "people" in response.context["register_form"].errors
    assert not Registration.objects.filter(person__in=[setting["bo"], cast.colleague]).exists()


def test_hr_cannot_register_another_units_staff_through_this_unit(setting, cast, login):
    client = login(cast.hr)
    response = client.post(
        _url(cast),
        {"offering": setting["offering"].pk, "people": [cast.colleague.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert "people" in response.context["register_form"].errors
    assert not Registration.objects.filter(person=cast.colleague).exists()


def test_another_unit_is_404(setting, cast, login):
    response = login(cast.manager).post(
        _url(cast, cast.linden),
        {"offering": setting["offering"].pk, "people": [cast.colleague.pk]},
    )
    assert response.status_code == 404
    assert not Registration.objects.filter(person=cast.colleague).exists()


def test_an_offering_not_open_is_refused(setting, cast, login):
    closed = OfferingFactory(
        course=setting["offering"].course, opens_at=at(-30), closes_at=at(-1), cancel_by=at(-2)
    )
    CourseDayFactory(offering=closed, starts_at=at(5, 9), ends_at=at(5, 16))
    randers = OfferingFactory(course=CourseFactory(region=cast.other_region))
    client = login(cast.manager)
    for offering in (closed, randers):
        response = _post(client, cast, [setting["bo"]], offering)
        assert "offering" in response.context["register_form"].errors
    assert not Registration.objects.filter(person=setting["bo"]).exists()


def test_a_mode_the_offering_does_not_have_is_refused(setting, cast, login):
    with override("en"):
        response = _post(
            login(_english(cast.manager)),
            cast,
            [setting["bo"]],
            setting["offering"],
            mode="digital",
        )
        assert "cannot be attended that way" in response.content.decode()
    assert not Registration.objects.filter(person=setting["bo"]).exists()


def test_nothing_selected(setting, cast, login):
    with override("en"):
        response = _post(login(_english(cast.manager)), cast, [], setting["offering"])
        assert "Select at least one person" in response.content.decode()


def test_open_offerings_for_the_unit(setting, cast):
    started = OfferingFactory(course=setting["offering"].course)
    CourseDayFactory(offering=started, starts_at=at(-1, 9), ends_at=at(2, 16))
    cancelled = OfferingFactory(course=setting["offering"].course, decision="cancelled")
    vanersborg = OfferingFactory(
        course=setting["offering"].course, region=None, municipality=cast.vanersborg
    )
    regional = OfferingFactory(course=setting["offering"].course)
    found = set(open_offerings(cast.manager.user, cast.solgarden))
    assert setting["offering"] in found and regional in found
    assert not {started, cancelled, vanersborg} & found


def test_the_page_offers_the_open_offerings_and_checkboxes(setting, cast, login):
    response = login(cast.manager).get(reverse("station:team", args=[cast.solgarden.pk]))
    text = response.content.decode()
    assert f'<option value="{setting["offering"].pk}">' in text
    assert f'id="pick-{setting["bo"].pk}"' in text
    assert response.context["registrable"] == {
        setting[name].pk for name in ("anna", "bo", "cilla", "dan")
    } | {cast.manager.pk}

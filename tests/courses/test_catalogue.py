"""The catalogue: who sees which offerings, and each filter narrowing the list."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.courses.models import Offering, Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at

pytestmark = pytest.mark.django_db


def english(client):
    """Pages in English, whatever the person's saved language (kept in the session)."""
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "en"
    session.save()
    return client


def _offering(course_title, *, owner, days=(30,), course_fields=None, **fields):
    """An offering with course days ``days`` from today; ``owner`` a region or municipality."""
    is_region = owner.__class__.__name__ == "Region"
    course = CourseFactory(
        title=course_title,
        region=owner if is_region else None,
        municipality=None if is_region else owner,
        **(course_fields or {}),
    )
    offering = OfferingFactory(
        course=course,
        region=owner if is_region else None,
        municipality=None if is_region else owner,
        **fields,
    )
    for day in days:
        CourseDayFactory(offering=offering, starts_at=at(day, 9), ends_at=at(day, 16))
    return offering


def _titles(response) -> set[str]:
    return {row["offering"].display_title for row in response.context["rows"]}


def _get(client, **params):
    # An explicit (possibly empty) phase keeps the first-visit phase suggestion out of the way.
    params.setdefault("phase", "")
    return client.get(reverse("courses:catalogue"), params)


def test_randers_staff_never_see_fyrbodal_offerings(cast, login):
    _offering("Fyrbodals demensvård", owner=cast.region)
    _offering("Uddevallas introduktion", owner=cast.uddevalla)
    _offering("Randers velfærdsteknologi", owner=cast.randers)
    titles = _titles(_get(english(login(cast.outsider))))
    assert titles == {"Randers velfærdsteknologi"}


def test_municipal_course_of_vanersborg_is_not_shown_to_uddevalla_staff(cast, login):
    _offering("Fyrbodals demensvård", owner=cast.region)
    _offering("Uddevallas introduktion", owner=cast.uddevalla)
    _offering("Vänersborgs introduktion", owner=cast.vanersborg)
    assert _titles(_get(english(login(cast.employee)))) == {
        "Fyrbodals demensvård",
        "Uddevallas introduktion",
    }
    assert "Uddevallas introduktion" not in _titles(_get(english(login(cast.hr_other))))


def test_past_started_and_cancelled_offerings_are_not_listed(cast, login):
    _offering("Kommande", owner=cast.region)
    _offering("Pågående", owner=cast.region, days=(-1, 3))
    _offering("Inställd", owner=cast.region, decision=Offering.Decision.CANCELLED)
    _offering("Planerad utan datum", owner=cast.region, days=())
    _offering(
        "Gammal utan datum",
        owner=cast.region,
        days=(),
        opens_at=at(-30),
        closes_at=at(-2),
        cancel_by=at(-3),
    )
    assert _titles(_get(english(login(cast.employee)))) == {"Kommande", "Planerad utan datum"}


def test_today_counts_as_upcoming(cast, login):
    now = timezone.localtime()
    offering = _offering("I dag", owner=cast.region, days=())
    start = now.replace(hour=0, minute=30, second=0, microsecond=0)
    CourseDayFactory(
        offering=offering, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    assert "I dag" in _titles(_get(english(login(cast.employee))))


def test_free_text_searches_offering_and_course_title_and_description(cast, login):
    _offering("Demensvård steg 1", owner=cast.region)
    _offering("Lågaffektivt bemötande", owner=cast.region, description="Om utmanande beteende")
    _offering(
        "Munhälsa",
        owner=cast.region,
        course_fields={"description": "Tandvård och munvård för äldre"},
    )
    _offering("Lyft och förflyttning", owner=cast.region, title="Förflyttningsteknik vår")
    client = english(login(cast.employee))
    assert _titles(_get(client, q="demens")) == {"Demensvård steg 1"}
    assert _titles(_get(client, q="BETEENDE")) == {"Lågaffektivt bemötande"}
    assert _titles(_get(client, q="munvård äldre")) == {"Munhälsa"}
    assert _titles(_get(client, q="lyft")) == {"Förflyttningsteknik vår"}
    assert _titles(_get(client, q="munvård demens")) == set()


def test_operating_area_filter_keeps_courses_for_every_area(cast, login):
    _offering("Äldreomsorg", owner=cast.region, course_fields={"area_kinds": ["elder_care"]})
    _offering(
        "Funktionshinder och psykiatri",
        owner=cast.region,
        course_fields={"area_kinds": ["disability", "social_psychiatry"]},
    )
    _offering("För alla", owner=cast.region, course_fields={"area_kinds": []})
    event = OfferingFactory(
        course=None, kind=Offering.Kind.LAUNCH_DAY, title="Uppstartsdag", region=cast.region
    )
    CourseDayFactory(offering=event)
    client = english(login(cast.employee))
    assert _titles(_get(client, area="elder_care")) == {"Äldreomsorg", "För alla", "Uppstartsdag"}
    assert _titles(_get(client, area="social_psychiatry")) == {
        "Funktionshinder och psykiatri",
        "För alla",
        "Uppstartsdag",
    }


def test_phase_filter_and_the_suggested_phase_of_ones_own(cast, login):
    _offering("För nya", owner=cast.region, course_fields={"phases": ["new"]})
    _offering("För erfarna", owner=cast.region, course_fields={"phases": ["senior"]})
    _offering("För alla faser", owner=cast.region)
    client = english(login(cast.employee))
    assert _titles(_get(client, phase="new")) == {"För nya", "För alla faser"}
    assert _titles(_get(client, phase="")) == {"För nya", "För erfarna", "För alla faser"}
    # A first visit suggests (and applies) the person's own phase: new, one year in.
    cast.employee.profession_start_date = timezone.localdate() - datetime.timedelta(days=400)
    cast.employee.save()
    response = client.get(reverse("courses:catalogue"))
    assert response.context["form"]["phase"].value() == "new"
    assert _titles(response) == {"För nya", "För alla faser"}
    # Someone whose phase is not known gets no suggestion.
    cast.colleague.profession_start_date = None
    cast.colleague.save()
    response = english(login(cast.colleague)).get(reverse("courses:catalogue"))
    assert response.context["form"]["phase"].value() in ("", None)
    assert len(response.context["rows"]) == 3


def test_owner_filter_joint_or_one_municipality(cast, login):
    _offering("Gemensam", owner=cast.region)
    _offering("Uddevallas egen", owner=cast.uddevalla)
    _offering("Vänersborgs egen", owner=cast.vanersborg)
    client = english(login(cast.coordinator))
    assert _titles(_get(client, owner="region")) == {"Gemensam"}
    assert _titles(_get(client, owner=str(cast.uddevalla.pk))) == {"Uddevallas egen"}
    owners = dict(client.get(reverse("courses:catalogue")).context["form"].fields["owner"].choices)
    assert owners[str(cast.vanersborg.pk)] == "Vänersborg"
    # An employee is offered only the owners they can see.
    owners = dict(
        english(login(cast.employee))
        .get(reverse("courses:catalogue"))
        .context["form"]
        .fields["owner"]
        .choices
    )
    assert str(cast.vanersborg.pk) not in owners


def test_date_range_matches_any_course_day(cast, login):
    _offering("Tidigt", owner=cast.region, days=(10,))
    _offering("Sent", owner=cast.region, days=(60,))
    _offering("Tidigt och sent", owner=cast.region, days=(5, 70))
    client = english(login(cast.employee))
    day = lambda n: (timezone.localdate() + datetime.timedelta(n)).isoformat()  # noqa: E731
    assert _titles(_get(client, date_from=day(50))) == {"Sent", "Tidigt och sent"}
    assert _titles(_get(client, date_to=day(10))) == {"Tidigt", "Tidigt och sent"}
    assert _titles(_get(client, date_from=day(10), date_to=day(10))) == {"Tidigt"}


def test_a_period_ending_before_it_starts_is_an_error_not_a_crash(cast, login):
    _offering("Något", owner=cast.region)
    client = english(login(cast.employee))
    with override("en"):
        response = _get(client, date_from="2030-05-01", date_to="2030-04-01")
    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()
    assert _titles(response) == {"Något"}


def test_only_with_free_seats(cast, login):
    full = _offering("Fullsatt", owner=cast.region, seats_on_site=1)
    _offering("Plats kvar", owner=cast.region, seats_on_site=5)
    _offering("Obegränsat", owner=cast.region, seats_on_site=None)
    hybrid = _offering(
        "Hybrid med digitala platser",
        owner=cast.region,
        attendance=Offering.Attendance.HYBRID,
        seats_on_site=1,
        seats_digital=3,
    )
    reg.register(actor=None, offering=full, person=cast.colleague)
    reg.register(actor=None, offering=hybrid, person=cast.colleague, mode="on_site")
    client = english(login(cast.employee))
    assert _titles(_get(client, free="on")) == {
        "Plats kvar",
        "Obegränsat",
        "Hybrid med digitala platser",
    }
    assert "Fullsatt" in _titles(_get(client))


def test_rows_show_seats_left_per_mode_and_the_place(cast, login):
    hybrid = _offering(
        "Hybrid",
        owner=cast.region,
        attendance=Offering.Attendance.HYBRID,
        seats_on_site=2,
        seats_digital=None,
        days=(20, 27),
    )
    reg.register(actor=None, offering=hybrid, person=cast.colleague, mode="on_site")
    with override("en"):
        response = _get(english(login(cast.employee)))
    (row,) = response.context["rows"]
    assert [(s["mode"], s["left"]) for s in row["seats"]] == [("on_site", 1), ("digital", None)]
    html = response.content.decode()
    assert "unlimited" in html
    assert "(2 days)" in html
    assert "Folkets hus, Uddevalla or digital" in html


def test_ones_own_status_is_shown(cast, login):
    mine = _offering("Min kurs", owner=cast.region, seats_on_site=1)
    waiting = _offering("Kö", owner=cast.region, seats_on_site=1)
    _offering("Annan", owner=cast.region)
    reg.register(actor=None, offering=mine, person=cast.employee)
    reg.register(actor=None, offering=waiting, person=cast.colleague)
    reg.register(actor=None, offering=waiting, person=cast.employee)
    with override("en"):
        response = _get(english(login(cast.employee)))
    status = {r["offering"].display_title: r["my_status_code"] for r in response.context["rows"]}
    assert status == {
        "Min kurs": Registration.Status.CONFIRMED,
        "Kö": Registration.Status.WAITING,
        "Annan": "",
    }
    html = response.content.decode()
    assert "You: Confirmed" in html
    assert "You: On the waiting list" in html


def test_htmx_filtering_answers_with_the_results_fragment(cast, login):
    _offering("Demensvård", owner=cast.region)
    response = english(login(cast.employee)).get(
        reverse("courses:catalogue"), {"q": "demens", "phase": ""}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="catalogue-results"')
    assert "<h1>" not in html
    assert "Demensvård" in html


def test_results_are_paginated(cast, login):
    for i in range(23):
        _offering(f"Kurs {i:02}", owner=cast.region, days=(10 + i,))
    client = english(login(cast.employee))
    first = _get(client)
    assert len(first.context["rows"]) == 20
    assert first.context["page"].paginator.count == 23
    second = _get(client, page=2)
    assert _titles(second) == {"Kurs 20", "Kurs 21", "Kurs 22"}


def test_someone_without_a_personal_record_still_sees_the_catalogue(cast, login):
    _offering("Gemensam", owner=cast.region)
    user = f.UserFactory()
    f.grant(user, "coordinator", cast.region)
    response = _get(login(user))
    assert response.status_code == 200
    assert _titles(response) == {"Gemensam"}


def test_history_restore_gets_the_whole_page(cast, login):
    _offering("Demensvård", owner=cast.region)
    response = login(cast.employee).get(
        reverse("courses:catalogue"),
        {"q": "demens", "phase": ""},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<h1>" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_rows_say_when_registration_opens_or_has_closed(cast, login):
    _offering("Öppnar snart", owner=cast.region, opens_at=at(5), closes_at=at(20))
    _offering("Stängd", owner=cast.region, opens_at=at(-20), closes_at=at(-1), cancel_by=at(-1))
    with override("en"):
        html = _get(english(login(cast.employee))).content.decode()
    assert "registration opens" in html
    assert "registration closed" in html

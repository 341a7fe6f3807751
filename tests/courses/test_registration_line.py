"""A sign-up decides from one read after the offering's lock: the rules it must still keep.

The quick path (no quotas, no expired offers) decides the seat from counts; the full path
passes expired offers on and does the quota accounting first. The place in line a sign-up
reports comes from the same read and must match a fresh count.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.courses.models import Offering, OfferingQuota, Registration
from stegvis.courses.selectors import offerings_visible_to
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _staff(cast, n, unit=None):
    unit = unit or cast.solgarden
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"L{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _fresh(registration: Registration) -> Registration:
    return Registration.objects.get(pk=registration.pk)


def test_the_place_in_line_a_sign_up_reports_matches_a_fresh_count(cast):
    offering = course_scenario(cast, seats=1)["offering"]
    now = timezone.now()
    # One person is put in line with a later time (a caller passing ``now``): later sign-ups
    # with the earlier time stand in front of them.
    times = [now, now, now + datetime.timedelta(hours=1), now, now]
    reported = []
    for person, when in zip(_staff(cast, 5), times, strict=True):
        registration = reg.register(actor=None, offering=offering, person=person, now=when)
        reported.append(getattr(registration, "line_position", None))
        if registration.status == Status.WAITING:
            assert reported[-1] == reg.waiting_position(_fresh(registration))
    assert reported == [None, 1, 2, 2, 3]


def test_a_sign_up_after_an_offer_expired_passes_the_seat_on_first(cast):
    offering = course_scenario(cast, seats=1, promotion="offer", offer_hours=24)["offering"]
    first, second, third, newcomer = _staff(cast, 4)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.register(actor=None, offering=offering, person=third)
    reg.cancel(actor=None, registration=held)
    assert offering.registrations.get(person=second).status == Status.OFFERED
    later = timezone.now() + datetime.timedelta(hours=25)
    mine = reg.register(actor=None, offering=offering, person=newcomer, now=later)
    statuses = dict(offering.registrations.values_list("person_id", "status"))
    assert statuses[second.pk] == Status.DECLINED
    assert statuses[third.pk] == Status.OFFERED
    assert mine.status == Status.WAITING
    assert reg.waiting_position(mine) == reg.waiting_position(_fresh(mine)) == 1
    assert AuditEvent.objects.filter(
        action="courses.registration.declined", target_id=second.pk
    ).exists()


def test_an_offer_not_yet_expired_keeps_its_seat_from_a_newcomer(cast):
    offering = course_scenario(cast, seats=1, promotion="offer", offer_hours=24)["offering"]
    first, second, newcomer = _staff(cast, 3)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.cancel(actor=None, registration=held)
    mine = reg.register(actor=None, offering=offering, person=newcomer)
    assert mine.status == Status.WAITING
    assert offering.registrations.get(person=second).status == Status.OFFERED


def test_a_quota_added_later_is_counted_by_the_next_sign_up(cast):
    offering = course_scenario(cast, seats=2)["offering"]
    uddevalla = _staff(cast, 2)
    assert reg.register(actor=None, offering=offering, person=uddevalla[0]).status == (
        Status.CONFIRMED
    )
    OfferingQuota.objects.create(offering=offering, municipality=cast.vanersborg, seats=1)
    assert reg.register(actor=None, offering=offering, person=uddevalla[1]).status == (
        Status.WAITING
    )
    vanersborg = _staff(cast, 1, cast.ekbacken)[0]
    assert reg.register(actor=None, offering=offering, person=vanersborg).status == (
        Status.CONFIRMED
    )


def test_registering_among_visible_offerings_refuses_one_outside_them(cast):
    offering = course_scenario(cast)["offering"]
    with pytest.raises(Offering.DoesNotExist):
        reg.register(
            actor=cast.outsider.user,
            offering=offering.pk,
            person=cast.outsider,
            among=offerings_visible_to(cast.outsider.user),
        )
    assert not offering.registrations.exists()
    mine = reg.register(
        actor=cast.employee.user,
        offering=offering.pk,
        person=cast.employee,
        among=offerings_visible_to(cast.employee.user),
    )
    assert mine.status == Status.CONFIRMED and mine.offering == offering

"""The registration rules: first come first served, waiting list, offers, transfers, deadlines."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from stegvis.courses.models import OfferingQuota, Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import at, course_scenario

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _staff(cast, n, unit=None):
    unit = unit or cast.solgarden
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"P{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def test_first_come_first_served_then_waiting_list_in_order(cast):
    offering = course_scenario(cast, seats=2)["offering"]
    people = _staff(cast, 4)
    result = [reg.register(actor=None, offering=offering, person=p).status for p in people]
    assert result == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING, Status.WAITING]
    third = offering.registrations.get(person=people[2])
    fourth = offering.registrations.get(person=people[3])
    assert reg.waiting_position(third) == 1
    assert reg.waiting_position(fourth) == 2


def test_cancellation_promotes_first_in_line_and_tells_them(
    cast, django_capture_on_commit_callbacks
):
    offering = course_scenario(cast, seats=1)["offering"]
    first, second, third = _staff(cast, 3)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.register(actor=None, offering=offering, person=third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reg.cancel(actor=None, registration=held)
    statuses = dict(offering.registrations.values_list("person_id", "status"))
    assert statuses[first.pk] == Status.CANCELLED
    assert statuses[second.pk] == Status.CONFIRMED
    assert statuses[third.pk] == Status.WAITING
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


def test_cancelling_after_the_deadline_is_recorded_as_late_and_still_frees_the_seat(cast):
    offering = course_scenario(cast, seats=1, cancel_by=at(-1))["offering"]
    first, second = _staff(cast, 2)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    assert reg.cancel(actor=None, registration=held).status == Status.LATE_CANCELLED
    assert offering.registrations.get(person=second).status == Status.CONFIRMED


def test_offer_mode_gives_time_to_answer_and_passes_on_when_it_expires(cast):
    offering = course_scenario(cast, seats=1, promotion="offer", offer_hours=24)["offering"]
    first, second, third = _staff(cast, 3)
    held = reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.register(actor=None, offering=offering, person=third)
    reg.cancel(actor=None, registration=held)
    offered = offering.registrations.get(person=second)
    assert offered.status == Status.OFFERED
    assert offered.offered_until > timezone.now() + datetime.timedelta(hours=23)
    # A newcomer does not take the offered seat.
    late = _staff(cast, 1)[0]
    assert reg.register(actor=None, offering=offering, person=late).status == Status.WAITING
    later = timezone.now() + datetime.timedelta(hours=25)
    assert reg.expire_offers_of(offering.pk, now=later) == 1
    assert offering.registrations.get(person=second).status == Status.DECLINED
    assert offering.registrations.get(person=third).status == Status.OFFERED
    accepted = reg.accept_offer(
        actor=None, registration=offering.registrations.get(person=third), now=later
    )
    assert accepted.status == Status.CONFIRMED


def test_transfer_keeps_the_seat_within_the_municipality(cast):
    offering = course_scenario(cast, seats=1)["offering"]
    held = reg.register(actor=None, offering=offering, person=cast.employee)
    successor = reg.transfer(actor=None, registration=held, to_person=cast.colleague)
    assert successor.status == Status.CONFIRMED and successor.queued_at == held.queued_at
    held.refresh_from_db()
    assert held.status == Status.TRANSFERRED and held.transferred_to == successor
    ekbacken = _staff(cast, 1, cast.ekbacken)[0]
    with pytest.raises(ValidationError):
        reg.transfer(actor=None, registration=successor, to_person=ekbacken)


def test_outsiders_and_closed_windows_are_refused(cast):
    offering = course_scenario(cast)["offering"]
    with pytest.raises(ValidationError):
        reg.register(actor=None, offering=offering, person=cast.outsider)
    reg.register(actor=None, offering=offering, person=cast.employee)
    with pytest.raises(ValidationError):
        reg.register(actor=None, offering=offering, person=cast.employee)
    offering.closes_at = at(-1)
    offering.opens_at = at(-5)
    offering.save()
    with pytest.raises(ValidationError):
        reg.register(actor=None, offering=offering, person=cast.colleague)


def test_quota_reserves_seats_for_a_municipality(cast):
    offering = course_scenario(cast, seats=3)["offering"]
    OfferingQuota.objects.create(offering=offering, municipality=cast.vanersborg, seats=1)
    uddevalla = _staff(cast, 3)
    vanersborg = _staff(cast, 1, cast.ekbacken)[0]
    statuses = [reg.register(actor=None, offering=offering, person=p).status for p in uddevalla]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]
    assert reg.register(actor=None, offering=offering, person=vanersborg).status == Status.CONFIRMED


def test_no_go_withdraws_every_registration(cast):
    offering = course_scenario(cast, seats=1)["offering"]
    first, second = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=first)
    reg.register(actor=None, offering=offering, person=second)
    reg.decide(actor=None, offering=offering, go=False)
    assert set(offering.registrations.values_list("status", flat=True)) == {Status.WITHDRAWN}

"""Never overbooked: sign-ups, cancellations, transfers and offers arriving at the same moment.

Each thread has its own database connection and waits at a barrier, so the calls into
``services.registration`` really overlap. On PostgreSQL (the second phase of ``make test``)
they meet at the offering's row lock; on SQLite every write transaction is ``BEGIN IMMEDIATE``
and the database serialises them. The rules checked after each run:

* confirmed + offered never exceed the seats;
* everyone else waits, at distinct places in line;
* nobody is promoted twice, and nobody holds two active registrations.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection, connections
from django.db.models import Count

from stegvis.core.models import AuditEvent
from stegvis.courses.models import Registration
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at

Status = Registration.Status
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning"),
]
ON_POSTGRES = connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _notices_stay_queued(settings):
    """The mail of each notice is not what is under test here; queue it and send nothing."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def together(jobs: list[Callable[[], object]]) -> list[object]:
    """Run ``jobs`` in as many threads, released at the same moment; results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = job() if ON_POSTGRES else _busy_waiting(job)
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a registration call never returned"
    return results


def _busy_waiting(job: Callable[[], object]) -> object:
    """SQLite's test database is in memory with a shared cache, where a second writer gets
    "database table is locked" at once instead of waiting for the busy timeout as the file
    database does. Each job is one atomic service call, so trying it again is that wait."""
    for _attempt in range(5000):
        try:
            return job()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.002)
    raise AssertionError("the database stayed locked")


def _staff(unit, n: int, name: str = "P"):
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"{name}{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _offering(cast, seats: int, **fields):
    offering = OfferingFactory(
        course=CourseFactory(region=cast.region), seats_on_site=seats, **fields
    )
    CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
    return offering


def _register(offering, person):
    return lambda: reg.register(actor=None, offering=offering, person=person)


def assert_never_overbooked(offering) -> dict[str, int]:
    """The invariants; returns the count of registrations per status."""
    counts = dict(offering.registrations.values_list("status").annotate(n=Count("id")).order_by())
    holding = counts.get(Status.CONFIRMED, 0) + counts.get(Status.OFFERED, 0)
    assert holding <= offering.seats_on_site, counts
    # Everyone else waits, each at their own place, in the order of the line.
    waiting = list(offering.registrations.filter(status=Status.WAITING).order_by("queued_at", "id"))
    assert [reg.waiting_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    # Nobody holds two active registrations (the partial unique constraint held).
    doubles = (
        offering.registrations.active().values("person").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not doubles.exists()
    # Nobody is promoted twice.
    promoted = Counter(
        e.data["registration"]
        for e in AuditEvent.objects.filter(action="courses.registration.promoted")
    )
    assert all(n == 1 for n in promoted.values()), promoted
    return counts


def _no_errors(results) -> None:
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors[:3]


def test_many_people_press_register_at_once_for_few_seats(cast):
    """40 people for 10 seats on PostgreSQL; 12 for 3 on SQLite, whose writers only queue."""
    people, seats = (40, 10) if ON_POSTGRES else (12, 3)
    offering = _offering(cast, seats=seats)
    results = together([_register(offering, p) for p in _staff(cast.solgarden, people)])
    _no_errors(results)
    counts = assert_never_overbooked(offering)
    assert counts == {Status.CONFIRMED: seats, Status.WAITING: people - seats}
    # First come, first served in the order the lock was taken: the seats went to the
    # earliest rows.
    rows = list(offering.registrations.order_by("id").values_list("status", flat=True))
    assert rows == [Status.CONFIRMED] * seats + [Status.WAITING] * (people - seats)
    # The place in line is taken under the lock too: nobody waiting was queued before anyone
    # who got a seat, and the line's order is the order in which the lock was held.
    line = list(offering.registrations.order_by("queued_at", "id").values_list("id", "status"))
    assert [pk for pk, _status in line] == sorted(pk for pk, _status in line)
    assert [status for _pk, status in line] == rows


def test_a_few_people_press_register_at_once_for_two_seats(cast):
    offering = _offering(cast, seats=2)
    people = _staff(cast.solgarden, 6)
    results = together([_register(offering, p) for p in people])
    _no_errors(results)
    assert assert_never_overbooked(offering) == {Status.CONFIRMED: 2, Status.WAITING: 4}


def test_the_same_person_pressing_twice_gets_one_registration(cast):
    offering = _offering(cast, seats=5)
    results = together([_register(offering, cast.employee) for _ in range(4)])
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 3
    assert all(type(r).__name__ == "ValidationError" for r in refused), refused
    assert offering.registrations.get().status == Status.CONFIRMED


def _scale() -> tuple[int, int, int]:
    """(cancellations, transfers of seats, new sign-ups): fewer threads on SQLite."""
    return (4, 3, 15) if ON_POSTGRES else (2, 1, 3)


def test_cancellations_transfers_and_sign_ups_at_once_refill_every_seat_exactly_once(cast):
    cancels, transfers, newcomers = _scale()
    seats = cancels + transfers + 3
    offering = _offering(cast, seats=seats)
    holders = _staff(cast.solgarden, seats, "C")
    queue = _staff(cast.linden, seats, "W")
    for person in holders + queue:
        reg.register(actor=None, offering=offering, person=person)
    mine = {r.person_id: r for r in offering.registrations.all()}
    successors = _staff(cast.solgarden, transfers + 2, "T")
    late = _staff(cast.linden, newcomers, "N")
    jobs = [
        *((lambda r=mine[p.pk]: reg.cancel(actor=None, registration=r)) for p in holders[:cancels]),
        *(
            (lambda r=mine[p.pk], to=to: reg.transfer(actor=None, registration=r, to_person=to))
            for p, to in zip(holders[cancels : cancels + transfers], successors, strict=False)
        ),
        # Two waiting people hand their place in line on (or their seat, if promoted first).
        *(
            (lambda r=mine[p.pk], to=to: reg.transfer(actor=None, registration=r, to_person=to))
            for p, to in zip(queue[:2], successors[transfers:], strict=True)
        ),
        *(_register(offering, p) for p in late),
    ]
    results = together(jobs)
    _no_errors(results)
    counts = assert_never_overbooked(offering)
    # Every freed seat went to the next in line at once: all seats are held again.
    assert counts[Status.CONFIRMED] == seats
    assert counts[Status.WAITING] == seats + newcomers - cancels
    assert counts[Status.CANCELLED] == cancels
    assert counts[Status.TRANSFERRED] == transfers + 2
    assert AuditEvent.objects.filter(action="courses.registration.promoted").count() == cancels
    # The newcomers queue behind everyone who was already waiting.
    line = list(
        offering.registrations.filter(status=Status.WAITING)
        .order_by("queued_at", "id")
        .values_list("person_id", flat=True)
    )
    assert set(line[-newcomers:]) == {p.pk for p in late}


def test_offered_seats_answered_while_others_sign_up_and_leave(cast):
    """Offer mode: freed seats are offered; answers, expiry and new sign-ups overlap."""
    offering = _offering(cast, seats=3, promotion="offer", offer_hours=24)
    holders = _staff(cast.solgarden, 3, "C")
    queue = _staff(cast.linden, 6, "W")
    for person in holders + queue:
        reg.register(actor=None, offering=offering, person=person)
    mine = {r.person_id: r for r in offering.registrations.all()}
    # Phase 1: two seats are given up while newcomers sign up.
    newcomers = _staff(cast.solgarden, 4 if ON_POSTGRES else 2, "N")
    results = together(
        [
            *((lambda r=mine[p.pk]: reg.cancel(actor=None, registration=r)) for p in holders[:2]),
            *(_register(offering, p) for p in newcomers),
        ]
    )
    _no_errors(results)
    counts = assert_never_overbooked(offering)
    assert counts[Status.CONFIRMED] == 1 and counts[Status.OFFERED] == 2
    offered = list(offering.registrations.filter(status=Status.OFFERED))
    # Phase 2: one accepts, one declines (the seat is offered on), one more leaves the line,
    # and the remaining holder cancels: all at once.
    results = together(
        [
            lambda: reg.accept_offer(actor=None, registration=offered[0]),
            lambda: reg.decline_offer(actor=None, registration=offered[1]),
            lambda: reg.cancel(actor=None, registration=mine[holders[2].pk]),
            lambda: reg.cancel(actor=None, registration=mine[queue[-1].pk]),
        ]
    )
    _no_errors(results)
    counts = assert_never_overbooked(offering)
    assert counts[Status.CONFIRMED] + counts[Status.OFFERED] == 3
    assert counts[Status.CONFIRMED] == 1 and counts[Status.OFFERED] == 2

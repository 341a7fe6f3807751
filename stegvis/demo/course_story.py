"""The demo's course story: the situations the demo logins find on their course pages.

Anna is on a waiting list and has ticked off some preparation, Maria's staff wait for her
sign-off, a seat was handed over to a colleague, one offered after a cancellation, and the past
runs went as runs go (attendance, follow-up, sign-off). Told by ``courses.seed_courses`` once
the catalogue and its offerings exist; it acts through the same services a user would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stegvis.core.models import AuditEvent
from stegvis.courses.models import ChecklistTask, Offering, Registration, TaskCompletion
from stegvis.courses.services import progress
from stegvis.courses.services import registration as reg

from .logins import ANNA, JONAS, MARIA, METTE

if TYPE_CHECKING:
    from .courses import _Seeder

COMMAND = AuditEvent.Source.COMMAND
CONFIRMED = Registration.Status.CONFIRMED
PREPARATION = ChecklistTask.Part.PREPARATION
# Where Maria Berg's staff are registered, most telling first (small demos have few staff).
MARIAS_STAFF = (
    "vardegrund-past",  # attended, follow-up ticked off: waits for Maria's sign-off
    "demens-past",  # completed
    "demens",  # behind Anna on the waiting list
    "lakemedel",
    "hygien",
    "vardegrund",
    "psykisk-ohalsa",
)


def tell(s: _Seeder) -> None:
    """The situations the demo logins show, then the progress on past and current runs."""
    o, at = s.offerings, s.at
    anna, maria = s.by_email[ANNA], s.by_email[MARIA]
    units = {unit for unit, user in s.managers.items() if user.pk == maria.user_id}
    staff = [m for m in s.staff if m.unit_id in units and m is not anna]
    placed = [
        ("vardegrund-past", anna, at(-70, 10)),
        ("demens", anna, at(-5, 13)),  # the seats are gone by then: waiting list
        ("lakemedel", anna, at(-9, 20)),
        ("opsporing", s.by_email[METTE], at(-3, 11)),
        ("leda-larande", maria, at(-4, 8)),
        ("lansering", maria, at(-2, 9)),
    ]
    placed += [(key, m, None) for key, m in zip(MARIAS_STAFF, staff, strict=False)]
    for day, follow_up in (
        ("temadag", "temadag-uppfoljning"),
        ("temadag-randers", "opfolgning-randers"),
    ):
        came = o[day].registrations.order_by("queued_at", "id")[:6]
        placed += [(follow_up, s.members[r.person_id], None) for r in came]
    for key, member, when in placed:
        offering = o[key]
        if not offering.registrations.filter(person_id=member.pk).exists():
            s.register(offering, member, when or min(offering.closes_at, at(-1, 12)))
    # Someone cancelled last night and the seat is offered to the first in line (for three
    # days); earlier, a cancellation where nobody was waiting.
    for key, index, when in (("psykisk-ohalsa", 4, at(-1, 21)), ("lss", 0, at(-2, 15))):
        if confirmed := _confirmed(o[key]):
            registration = confirmed[min(index, len(confirmed) - 1)]
            reg.cancel(
                actor=registration.person.user,
                registration=registration,
                now=when,
                source=COMMAND,
            )
    _hand_over(s, o["vardegrund"])
    for key in ("vardegrund-past", "demens-past", "lagaffektivt"):
        reg.decide(actor=s.coordinator, offering=o[key], go=True, now=o[key].closes_at)
    outcomes = {anna.pk: "complete"}
    outcomes |= {m.pk: "awaiting" for m in staff[:1]}
    outcomes |= {m.pk: "complete" for m in staff[1:2]}
    for key in ("vardegrund-past", "demens-past"):
        _run_past(s, o[key], outcomes)
    for key in ("lagaffektivt", "lakemedel", "demens"):
        _prepare(s, o[key])
    lakemedel = o["lakemedel"].registrations.get(person_id=anna.pk)
    prep = [t for t in s.tasks[lakemedel.offering.course_id] if t.part == PREPARATION]
    user = s.person(anna.pk).user
    for task in prep[:2]:
        progress.task_tick(actor=user, registration=lakemedel, task=task, done=True)


def _hand_over(s: _Seeder, offering: Offering) -> None:
    """A participant hands the seat to a colleague in the same municipality."""
    taken = set(offering.registrations.values_list("person_id", flat=True))
    for r in _confirmed(offering):
        member = s.members[r.person_id]
        colleague = next(
            (
                m
                for m in s.staff
                if m.municipality_id == member.municipality_id
                and m.pk not in taken
                and m.email not in (ANNA, JONAS)
            ),
            None,
        )
        if colleague is not None:
            actor, when = s.manager_of(member), s.at(-1, 10)
            reg.transfer(actor=actor, registration=r, to_person=s.person(colleague.pk), now=when)
            return


def _confirmed(offering: Offering) -> list[Registration]:
    return list(
        offering.registrations.filter(status=CONFIRMED)
        .select_related("person__user", "offering__course")
        .order_by("queued_at", "id")
    )


def _prepare(s: _Seeder, offering: Offering) -> None:
    """Participants of upcoming runs have ticked off some of the preparation."""
    prep = [t for t in s.tasks[offering.course_id] if t.part == PREPARATION]
    TaskCompletion.objects.bulk_create(
        TaskCompletion(registration=r, task=task)
        for r in _confirmed(offering)
        if r.person.email != ANNA
        for task in prep[: s.rng.randint(0, len(prep))]
    )


def _run_past(s: _Seeder, offering: Offering, outcomes: dict[int, str]) -> None:
    """Preparation, attendance, follow-up and the manager's sign-off, as it went."""
    tasks = s.tasks[offering.course_id]
    prep = [t for t in tasks if t.part == PREPARATION]
    follow_up = [t for t in tasks if t.part != PREPARATION]
    days = list(offering.days.all())
    marker = next((p.user for p in offering.leaders.order_by("pk") if p.user_id), None)
    registrations = _confirmed(offering)
    ticks, chosen = [], {}
    for r in registrations:
        outcome = (
            outcomes.get(r.person_id)
            or s.rng.choices(
                ("complete", "awaiting", "partial", "no_show"), weights=(50, 25, 15, 10)
            )[0]
        )
        chosen[r.person_id] = outcome
        done = prep[: len(prep) // 2] if outcome == "partial" else prep
        done = done + (follow_up if outcome in ("complete", "awaiting") else [])
        ticks += [TaskCompletion(registration=r, task=task) for task in done]
    TaskCompletion.objects.bulk_create(ticks)
    for r in registrations:
        for day in days:
            present = chosen[r.person_id] != "no_show" or day != days[-1]
            progress.attendance_mark(actor=marker, day=day, registration=r, present=present)
        manager = s.manager_of(s.members.get(r.person_id))
        if chosen[r.person_id] == "complete" and manager is not None:
            progress.follow_up_sign_off(actor=manager, registration=r)

"""The demo's yearly dialogues and development plans (seed 003: MUS/GRUS, standard 2.1).

``seed_demo`` calls ``seed_development`` after ``seed_journeys``, in the same transaction.
Maria Berg's two units have this year's individual dialogues (sv medarbetarsamtal), the first
held, the rest booked in the coming weeks, and Anna's unit last year's too. Anna and Maria
prepared Anna's dialogue; Anna's plan, approved by both, follows up last year's and has course
activities that are her registrations (with the sharing agreement); three colleagues' plans
are in other states; one note is confidential. In Randers Lars Nielsen holds group dialogues
(da GRUS); Mette Jensen asked for her own MUS, held, with a plan in Danish. The texts are in
``development_content``.

Mail: ``dialogue_book`` queues an invitation per participant on commit, and nothing holds that
back (``notices.suppressed`` covers the courses' notices only), so rounds, dialogues and
participants are written directly (invitations count as sent: ``invited_at``) under one audit
entry. What sends no mail goes through the services, with their checks and audit entries:
preparations, notes, plans, goals, activities, approvals, last year's follow-up; course
activities find their registrations through ``sync.sync_all``, as ``development_tick`` does.
Last year's plan is written directly (the service refuses a past follow-up date). Dates count
from the seed day; follow-up and due dates lie ahead, so no reminder goes to invented people.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from stegvis.competences.models import Item
from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.courses import notices
from stegvis.courses.models import Registration
from stegvis.development import questions, sync
from stegvis.development.models import (
    DevelopmentPlan,
    Dialogue,
    DialogueNote,
    DialogueParticipant,
    DialogueRound,
    PlanActivity,
    PlanGoal,
    Preparation,
    QuestionSet,
    RetentionPolicy,
    RetentionRun,
)
from stegvis.development.services import plan_items, plans, preparations
from stegvis.development.services.dialogues import series_slots, staff_of
from stegvis.organisations.models import Municipality, Region, Role, RoleAssignment, Unit
from stegvis.people.models import Employment, JobTitle, Person

from . import development_content as text
from .journeys import demo_courses
from .logins import ANNA, LARS, MARIA, METTE
from .region import DEMO_REGION_SLUGS

NAMESPACE = uuid.UUID("5b1e9c2a-7d43-4f0e-a8b6-2c9d1e4f7a31")
HELD, PLANNED = Dialogue.Status.HELD, Dialogue.Status.PLANNED
INDIVIDUAL, GROUP = Dialogue.Kind.INDIVIDUAL, Dialogue.Kind.GROUP
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DevelopmentSummary:
    rounds: int
    dialogues: dict[str, int]  # by status
    notes: int
    plans: int
    approved: int

    def lines(self) -> list[str]:
        held, booked = self.dialogues.get(HELD, 0), self.dialogues.get(PLANNED, 0)
        return [
            f"  {self.rounds} dialogue rounds, {held + booked} dialogues ({held} held, {booked} "
            f"booked), {self.notes} notes, {self.plans} development plans ({self.approved} "
            "approved)"
        ]


def seed_development(*, seed: int) -> DevelopmentSummary:
    """Create the dialogue rounds, dialogues, preparations, notes and plans; return the counts."""
    with transaction.atomic(), notices.suppressed():
        seeder = _Seeder(seed, timezone.localdate())
        seeder.fyrbodal()
        seeder.randers()
        sync.sync_all()  # the plans' course activities pick up their registrations
        regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
        rounds = DialogueRound.objects.filter(unit__municipality__region__in=regions)
        dialogues = Dialogue.objects.filter(round__in=rounds)
        found = list(DevelopmentPlan.objects.filter(person__region__in=regions))
        summary = DevelopmentSummary(
            rounds=rounds.count(),
            dialogues=dict(Counter(dialogues.values_list("status", flat=True))),
            notes=DialogueNote.objects.filter(dialogue__in=dialogues).count(),
            plans=len(found),
            approved=sum(plan.approved for plan in found),
        )
        log_action(
            "demo.development_seeded",
            actor=None,
            target=regions.get(slug="fyrbodal"),
            message=gettext_noop("Demo dialogues generated: %(plans)s development plans"),
            data={"dialogues": summary.dialogues, "plans": summary.plans, "seed": seed},
            source=AuditEvent.Source.COMMAND,
        )
    return summary


def remove_development(regions: QuerySet[Region]) -> None:
    """Remove dialogues, plans and the dialogue rules of ``regions`` (before courses, people,
    units and competences go: plans protect all of them)."""
    people = Person.objects.filter(region__in=regions)
    units = Unit.objects.filter(municipality__region__in=regions)
    found = DevelopmentPlan.objects.filter(Q(person__in=people) | Q(unit__in=units))
    found.exclude(previous=None).update(previous=None)
    found.delete()  # goals and activities go with their plan
    taking_part = DialogueParticipant.objects.filter(person__in=people).values("dialogue")
    dialogues = Dialogue.objects.filter(Q(round__unit__in=units) | Q(pk__in=taking_part))
    dialogues = list(dialogues.values_list("pk", flat=True))
    for model in (DialogueNote, Preparation, DialogueParticipant):
        model.objects.filter(Q(dialogue__in=dialogues) | Q(person__in=people)).delete()
    Dialogue.objects.filter(pk__in=dialogues).delete()
    DialogueRound.objects.filter(unit__in=units).delete()
    for model in (QuestionSet, RetentionPolicy, RetentionRun):
        model.objects.filter(municipality__region__in=regions).delete()


class _Seeder:
    def __init__(self, seed: int, today: datetime.date) -> None:
        self.rng = random.Random(f"stegvis-development-{seed}")
        self.today, self.now = today, timezone.now()
        people = Person.objects.select_related("user", "municipality")
        self.people = {p.email: p for p in people.filter(email__in=(ANNA, MARIA, METTE, LARS))}
        regions = {r.slug: r for r in Region.objects.filter(slug__in=DEMO_REGION_SLUGS)}
        towns = {m.name: m for m in Municipality.objects.filter(region__in=regions.values())}
        self.courses = demo_courses(regions, towns)
        goals = Item.objects.filter(courses__in=self.courses.values())
        self.items = {item.code: item for item in goals}
        self.uids = 0

    def at(self, days: int) -> datetime.date:
        return self.today + days * DAY

    def slots(self, first: int, step: int, count: int, minutes: int, end: datetime.time):
        """``count`` weekday times drawn from those of at least twelve weekdays (one a person)
        from ``first`` days on (``step`` -1: back in time)."""
        days, offset = [], first
        while len(days) < max(12, count):
            day = self.at(offset)
            if day.weekday() < 5:
                days.append(day)
            offset += step
        found = series_slots(days, datetime.time(9), end, minutes, 30)
        return sorted(self.rng.sample(found, min(count, len(found))))

    def staff(self, unit: Unit, manager, on: datetime.date | None = None) -> list[Person]:
        rows = staff_of(unit, on).exclude(user_id=manager.pk).select_related("user")
        return list(rows.order_by("last_name", "first_name", "pk"))

    def book(self, dialogue_round, manager, bookings, place: str) -> list[Dialogue]:
        """Write the dialogues (people, start, end) as booked; invitations count as sent."""
        dialogues = [
            Dialogue(
                round=dialogue_round,
                kind=INDIVIDUAL if len(people) == 1 else GROUP,
                manager=manager,
                starts_at=start,
                ends_at=end,
                place=place,
                uid=uuid.uuid5(NAMESPACE, f"{dialogue_round}:{self.uids + number}"),
            )
            for number, (people, start, end) in enumerate(bookings)
        ]
        self.uids += len(dialogues)
        Dialogue.objects.bulk_create(dialogues)
        DialogueParticipant.objects.bulk_create(
            DialogueParticipant(
                dialogue=d, person=p, invited_at=min(d.starts_at - 14 * DAY, self.now - 3 * DAY)
            )
            for d, (people, _start, _end) in zip(dialogues, bookings, strict=True)
            for p in people
        )
        return dialogues

    def mark_held(self, dialogues: list[Dialogue]) -> None:
        """Dialogues whose time has passed were held (prepare them before this; the objects in
        hand keep their old status, which no service used afterwards looks at)."""
        past = [d.pk for d in dialogues if d.starts_at < self.now]
        Dialogue.objects.filter(pk__in=past).update(status=HELD, held_at=F("ends_at"))

    def prepare(self, dialogue: Dialogue, person: Person, role: str, actor, answers, levels):
        """A submitted preparation through the service, dated two days before the dialogue."""
        unit = dialogue.round.unit
        asked = questions.for_role(questions.questions_for(unit.municipality), role)
        lines = questions.assessment_lines(person, self.today)
        assessment = {
            line.key: {"label": line.label, "reason": line.reason, "level": level, "note": ""}
            for line, level in zip(lines, levels * len(lines), strict=False)  # levels: "213"...
        }
        preparation = preparations.preparation_save(
            actor=actor,
            dialogue=dialogue,
            person=person,
            role=role,
            answers={q.text: a for q, a in zip(asked, answers, strict=False)},
            assessment=assessment,
            submit=True,
        )
        before = dialogue.starts_at - 2 * DAY
        Preparation.objects.filter(pk=preparation.pk).update(submitted_at=before)

    def note(self, dialogue: Dialogue, person: Person, actor, note: str, confidential=False):
        made = preparations.note_add(
            actor=actor, dialogue=dialogue, person=person, text=note, confidential=confidential
        )
        DialogueNote.objects.filter(pk=made.pk).update(created_at=dialogue.ends_at)

    def plan(self, dialogue, person, actor, spec: text.PlanSpec, **previous) -> DevelopmentPlan:
        """A plan through the services: goals, activities, approvals as ``spec`` says."""
        when = dialogue.ends_at
        plan = plans.plan_create(
            actor=actor,
            dialogue=dialogue,
            person=person,
            follow_up_on=self.at(spec.follow_up),
            now=when,
            **previous,
        )
        for goal_spec in spec.goals:
            goal = plan_items.goal_add(actor=actor, plan=plan, **self.resolve(goal_spec.fields))
            for activity in goal_spec.activities:
                fields = self.resolve(activity)
                plan_items.activity_add(actor=actor, goal=goal, now=when, **fields)
        if "employee" in spec.approvals and person.user_id:
            plans.plan_approve(actor=person.user, plan=plan, now=when + 2 * DAY)
        if "manager" in spec.approvals:
            plans.plan_approve(actor=actor, plan=plan, now=when + 3 * DAY)
        DevelopmentPlan.objects.filter(pk=plan.pk).update(created_at=when)
        return plan

    def resolve(self, fields: dict) -> dict:
        """Turn the content's references (codes, keys, day offsets, ``{unit}``) into values."""
        lookups = {
            "due_on": self.at,
            "sharing_by": self.at,
            "item": self.items.get,
            "course": self.courses.get,
            "offering": lambda key: self.registrations[key].offering,
            "job_title": lambda code: JobTitle.objects.get(region_id=self.region_id, code=code),
            "sharing_with": lambda value: value.format(unit=self.unit_name),
        }
        return {name: lookups.get(name, lambda v: v)(value) for name, value in fields.items()}

    def load_context(self, person: Person, unit: Unit) -> None:
        """What a plan's content refers to: the person's unit, region and registrations."""
        self.region_id, self.unit_name = unit.municipality.region_id, unit.name
        mine = Registration.objects.filter(person=person).select_related("offering")
        by_course = {r.offering.course_id: r for r in mine.order_by("queued_at", "pk")}
        self.registrations = {key: by_course.get(c.pk) for key, c in self.courses.items()}

    # -- Fyrbodal: Maria Berg's units ----------------------------------------------------------

    def fyrbodal(self) -> None:
        anna, maria = self.people[ANNA], self.people[MARIA].user
        home = Employment.objects.current(self.today).select_related("unit__municipality")
        home = home.get(person=anna).unit
        led = RoleAssignment.objects.active(self.today).filter(user=maria, role=Role.MANAGER)
        led = {a.unit for a in led.exclude(unit=None).select_related("unit")}
        units = sorted(led, key=lambda unit: (unit != home, unit.pk))
        for unit in units:
            staff = [p for p in self.staff(unit, maria) if p.pk != anna.pk]
            self.rng.shuffle(staff)
            staff.sort(key=lambda p: p.user_id is None)  # an approval by both needs a login
            # a good part held (at Anna's unit enough for the colleagues' plans), one booked
            least = min(4 if unit == home else 1, len(staff) - 1)
            count = max(least, round(len(staff) * (0.45 if unit == home else 0.3)))
            held, later = staff[:count], staff[count:]
            past = self.slots(-5, -1, len(held) + 1, 60, datetime.time(15))
            if unit == home:  # Anna's dialogue was about three weeks ago
                past.sort(key=lambda slot: abs((slot[0].date() - self.at(-20)).days))
                held = [anna, *held]
            coming = self.slots(2, 1, len(later), 60, datetime.time(15))
            dialogue_round = DialogueRound.objects.create(
                unit=unit, year=self.today.year, planned_by=maria
            )
            bookings = [([p], *slot) for p, slot in zip(held + later, past + coming, strict=False)]
            dialogues = self.book(dialogue_round, maria, bookings, f"Samtalsrummet, {unit.name}")
            if unit == home:
                self.prepare(dialogues[0], anna, "employee", anna.user, text.ANNA_ANSWERS, "213")
                self.prepare(dialogues[0], anna, "manager", maria, text.MARIA_ANSWERS, "223")
            self.mark_held(dialogues)
            if unit == home:
                self.colleagues(dialogues[1 : len(held)], maria, unit)
                self.annas_plans(dialogues[0], anna, maria, unit)

    def colleagues(self, dialogues, maria, unit) -> None:
        """Plans in other states for a few held dialogues (one approved by both, so by someone
        with a login), and a confidential note about someone else."""
        held = [(d, d.participations.get().person) for d in dialogues]
        for note, spec in text.COLLEAGUE_PLANS:
            fits = [pair for pair in held if pair[1].user_id or "employee" not in spec.approvals]
            if fits:
                held.remove(fits[0])
                dialogue, person = fits[0]
                self.note(dialogue, person, maria, note)
                self.load_context(person, unit)
                self.plan(dialogue, person, maria, spec)
        if held:
            self.note(*held[0], maria, text.CONFIDENTIAL_NOTE, confidential=True)

    def annas_plans(self, dialogue, anna, maria, unit) -> None:
        """Last year's dialogue and plan (written as they were), then this year's plan, which
        follows the old one up."""
        self.note(dialogue, anna, maria, text.ANNA_NOTE)
        self.load_context(anna, unit)
        year = self.today.year - 1
        old_round = DialogueRound.objects.create(unit=unit, year=year, planned_by=maria)
        staff = self.staff(unit, maria, self.at(-365))
        slots = self.slots(-358, -1, len(staff), 60, datetime.time(15))
        bookings = [([p], *slot) for p, slot in zip(staff, slots, strict=False)]
        old = self.book(old_round, maria, bookings, f"Samtalsrummet, {unit.name}")
        self.mark_held(old)
        mine = next(d for d in old if d.participations.filter(person=anna).exists())
        previous = self.previous_plan(mine, anna, maria, unit)
        goals = list(previous.goals.order_by("order"))
        outcomes = {g.pk: o for g, o in zip(goals, text.ANNA_OLD_OUTCOMES, strict=True)}
        closing = {"previous_outcome": text.ANNA_OLD_OUTCOME, "goal_outcomes": outcomes}
        self.plan(dialogue, anna, maria, text.ANNA_PLAN, **closing)

    def previous_plan(self, dialogue, anna, maria, unit) -> DevelopmentPlan:
        end = dialogue.ends_at
        plan = DevelopmentPlan.objects.create(
            person=anna,
            dialogue=dialogue,
            unit=unit,
            year=dialogue.round.year,
            follow_up_on=(end + 200 * DAY).date(),
            employee_approved_at=end + 2 * DAY,
            manager_approved_at=end + 3 * DAY,
            manager_approved_by=maria,
            created_by=maria,
        )
        DevelopmentPlan.objects.filter(pk=plan.pk).update(created_at=end)
        course = self.registrations["vardegrund"]
        for order, (goal, activity) in enumerate(text.ANNA_OLD_GOALS, start=1):
            goal_row = PlanGoal.objects.create(plan=plan, order=order, **self.resolve(goal))
            fields = self.resolve(activity)
            if fields["kind"] == PlanActivity.Kind.COURSE:
                fields.update(
                    registration=course, offering=course.offering, done_at=course.completed_at
                )
            else:
                fields["done_at"] = end + 120 * DAY
            PlanActivity.objects.create(goal=goal_row, status=PlanActivity.Status.DONE, **fields)
        return plan

    # -- Randers: group dialogues, and Mette Jensen's own MUS ----------------------------------

    def randers(self) -> None:
        mette, lars = self.people[METTE], self.people[LARS].user
        unit = Employment.objects.current(self.today).get(person=mette).unit
        staff = [p for p in self.staff(unit, lars) if p.pk != mette.pk]
        self.rng.shuffle(staff)
        staff.insert(2, mette)
        groups = [staff[i : i + 6] for i in range(0, len(staff), 6)]
        if groups and len(groups[-1]) < 2:  # nobody is a group alone
            lone = groups.pop()
            groups[-1:] = [groups[-1] + lone] if groups else []
        held = min(len(groups), max(1, round(len(groups) * 0.4)))
        past = self.slots(-10, -1, held, 90, datetime.time(12))
        coming = self.slots(3, 1, len(groups) - held, 90, datetime.time(12))
        dialogue_round = DialogueRound.objects.create(
            unit=unit, year=self.today.year, uses_group_dialogues=True, planned_by=lars
        )
        place = f"Mødelokalet, {unit.name}"
        bookings = [(group, *slot) for group, slot in zip(groups, past + coming, strict=False)]
        dialogues = self.book(dialogue_round, lars, bookings, place)
        wanting = [mette.pk] + [g[0].pk for g in groups[held:][:1] if len(g) > 2]
        DialogueParticipant.objects.filter(dialogue__in=dialogues, person_id__in=wanting).update(
            wants_individual=True
        )
        day = next(self.at(d) for d in range(-8, -20, -1) if self.at(d).weekday() < 5)
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(13)))
        end = start + datetime.timedelta(hours=1)
        [mus] = self.book(dialogue_round, lars, [([mette], start, end)], place)
        self.prepare(mus, mette, "employee", mette.user, text.METTE_ANSWERS, "32")
        self.mark_held([*dialogues, mus])
        self.note(mus, mette, lars, text.METTE_NOTE)
        self.load_context(mette, unit)
        self.plan(mus, mette, lars, text.METTE_PLAN)

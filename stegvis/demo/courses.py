"""The demo's courses: the catalogue, offerings around today and registrations made by the services.

``seed_demo`` calls ``seed_courses`` after ``generate()``, in the same transaction. Offerings lie
around the day the seed runs (``timezone.localdate()``), so a demo started any day has upcoming
courses, one running today and past ones; the rest is deterministic (one ``random.Random`` from
the seed, ``uuid5`` course-day uids). Content and schedule live in ``course_content``.

Registrations, cancellations, the offer, the hand-over, the go decisions, attendance and sign-off
go through the services, so statuses, audit entries and the competence record entries written on
completion are real. Ticks are bulk-inserted (``task_tick`` writes no audit entry and completion
is checked by the marks and sign-offs after them), except Anna's. Queued mails are dropped.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
import uuid
from collections import Counter

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from stegvis.competences.models import Item
from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.courses import notices
from stegvis.courses.models import (
    ChecklistTask,
    Course,
    CourseDay,
    CourseMaterial,
    Offering,
    OfferingQuota,
    Registration,
)
from stegvis.courses.services import registration as reg
from stegvis.organisations.models import Municipality, Region, Role, RoleAssignment
from stegvis.people.models import Employment, JobTitle, Person

from . import course_content as content
from . import course_schedule as schedule
from . import course_story
from .course_schedule import Plan
from .logins import ANNA, JONAS, MARIA, METTE
from .region import DEMO_REGION_SLUGS

NAMESPACE = uuid.UUID("0c7d6a52-8f3e-4b1a-9d25-6e4f1a7b3c90")
COMMAND = AuditEvent.Source.COMMAND
SPECS = {spec.key: spec for spec in content.COURSES}
STAFF_FIELDS = ("person_id", "person__email", "person__user_id", "person__municipality_id")
STAFF_FIELDS += ("person__region_id", "unit_id", "job_title__code", "job_title__area_kind")


@dataclasses.dataclass
class Member:
    """Someone who may come to a course (loaded as values; ``_Seeder.person`` gives the row)."""

    pk: int
    email: str
    user_id: int | None
    municipality_id: int
    region_id: int
    unit_id: int  # the main job's unit (for a manager: a unit they lead)
    title: str = ""
    area: str = ""


@dataclasses.dataclass(frozen=True)
class CourseSummary:
    courses: int
    offerings: int
    days: int
    statuses: dict[str, int]
    completed: int

    def lines(self) -> list[str]:
        s = self.statuses
        return [
            f"  {self.courses} courses, {self.offerings} offerings ({self.days} course days), "
            f"{sum(s.values())} registrations ({s.get('confirmed', 0)} confirmed, "
            f"{s.get('waiting', 0)} waiting, {s.get('offered', 0)} offered), "
            f"{self.completed} completed"
        ]


def seed_courses(*, seed: int) -> CourseSummary:
    """Create the course catalogue, its offerings and the registrations; return the counts."""
    with transaction.atomic(), notices.suppressed():
        seeder = _Seeder(seed, timezone.localdate())
        seeder.catalogue()
        for plan in schedule.PLANS:
            seeder.offering(plan)
        course_story.tell(seeder)
        regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
        registrations = Registration.objects.filter(_in_tree(regions, "offering__"))
        summary = CourseSummary(
            courses=len(seeder.courses),
            offerings=len(seeder.offerings),
            days=CourseDay.objects.filter(offering__in=seeder.offerings.values()).count(),
            statuses=dict(Counter(registrations.values_list("status", flat=True))),
            completed=registrations.exclude(completed_at=None).count(),
        )
        log_action(
            "demo.courses_seeded",
            actor=None,
            target=regions.get(slug="fyrbodal"),
            message=gettext_noop("Demo courses generated: %(courses)s courses, %(offerings)s runs"),
            data={"courses": summary.courses, "offerings": summary.offerings, "seed": seed},
            source=COMMAND,
        )
    return summary


def _in_tree(regions: QuerySet[Region], path: str = "") -> Q:
    return Q(**{f"{path}region__in": regions}) | Q(**{f"{path}municipality__region__in": regions})


def remove_courses(regions: QuerySet[Region]) -> None:
    """Remove the courses, offerings and registrations of ``regions`` (before their people go)."""
    offerings = Offering.objects.filter(_in_tree(regions))
    registrations = Registration.objects.filter(
        Q(offering__in=offerings) | Q(person__region__in=regions)
    )
    registrations.exclude(transferred_to=None).update(transferred_to=None)
    registrations.delete()
    offerings.exclude(follows=None).update(follows=None)
    offerings.delete()
    OfferingQuota.objects.filter(municipality__region__in=regions).delete()
    Course.objects.filter(_in_tree(regions)).delete()


def _link(model, name: str, pairs: list[tuple[int, int]]) -> None:
    """Bulk-insert the many-to-many rows ``pairs`` (primary keys) of ``model.name``."""
    f = model._meta.get_field(name)
    through = f.remote_field.through
    source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
    through.objects.bulk_create(through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs)


class _Seeder:
    def __init__(self, seed: int, today: datetime.date) -> None:
        self.rng = random.Random(f"stegvis-courses-{seed}")
        self.today = today
        self.regions = {r.slug: r for r in Region.objects.filter(slug__in=DEMO_REGION_SLUGS)}
        titles = JobTitle.objects.filter(region__in=self.regions.values()).select_related("region")
        self.titles = {(t.region.slug, t.code): t for t in titles}
        regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
        goals = Item.objects.filter(
            _in_tree(regions, "framework__") | Q(framework__unit__municipality__region__in=regions),
            kind=Item.Kind.GOAL,
            framework__published_at__isnull=False,
        )
        # goal code -> the goal in the newest published version of the demo's frameworks
        self.items = {item.code: item for item in goals.order_by("framework__version", "pk")}
        towns = Municipality.objects.filter(region__in=self.regions.values())
        self.towns = {m.name: m for m in towns}
        self.people: dict[int, Person] = {}
        self.managers: dict[int, object] = {}  # unit id -> the manager's login
        self.staff, self.leader_pool = self._staff(), self._leader_pool()
        self.members = {m.pk: m for m in self.staff + self.leader_pool}
        self.by_email = {m.email: m for m in self.members.values()}
        self.leaders = self._course_leaders()
        officers = RoleAssignment.objects.active(today).filter(role=Role.HR)
        self.hr = {a.municipality.name: a.user for a in officers.select_related("municipality")}
        self.coordinator = (
            RoleAssignment.objects.filter(role=Role.COORDINATOR, region=self.regions["fyrbodal"])
            .select_related("user__person")
            .first()
            .user
        )
        self.courses: dict[str, Course] = {}
        self.tasks: dict[int, list[ChecklistTask]] = {}  # by course id
        self.offerings: dict[str, Offering] = {}

    # -- the people --------------------------------------------------------------------------

    def _staff(self) -> list[Member]:
        """Everyone with a current care job in the demo, in a fixed order (main job each)."""
        members: dict[int, Member] = {}
        for row in (
            Employment.objects.current(self.today)
            .filter(person__region__in=self.regions.values(), person__municipality__isnull=False)
            .exclude(job_title__area_kind="")
            .order_by("person_id", "-extent_percent", "id")
            .values_list(*STAFF_FIELDS)
        ):
            members.setdefault(row[0], Member(*row))
        return list(members.values())

    def _leader_pool(self) -> list[Member]:
        """Unit managers and HR officers (they come to launch and theme days); also notes who
        manages which unit."""
        units: dict[int, int | None] = {}
        for a in (
            RoleAssignment.objects.active(self.today)
            .filter(Q(role=Role.MANAGER, unit__isnull=False) | Q(role=Role.HR))
            .select_related("user")
            .order_by("id")
        ):
            if a.role == Role.MANAGER:
                self.managers[a.unit_id] = a.user
            units.setdefault(a.user_id, a.unit_id)
        people = Person.objects.filter(user_id__in=units, municipality__isnull=False)
        return [
            Member(pk, email, user, municipality, region, units[user])
            for pk, email, user, municipality, region in people.order_by("pk").values_list(
                "pk", "email", "user_id", "municipality_id", "region_id"
            )
        ]

    def person(self, pk: int) -> Person:
        if pk not in self.people:
            self.load([pk])
        return self.people[pk]

    def load(self, pks) -> None:
        people = Person.objects.select_related("user", "municipality")
        self.people |= people.in_bulk([pk for pk in pks if pk not in self.people])

    def _course_leaders(self) -> dict[str, Person]:
        """Jonas, the generated course leader of each town, a nurse and an experienced colleague
        (from Uddevalla where there is one)."""
        jonas = self.person(self.by_email[JONAS].pk)
        found = {"jonas": jonas}
        for a in (
            RoleAssignment.objects.filter(role=Role.COURSE_LEADER)
            .select_related("municipality", "user__person__municipality")
            .order_by("id")
        ):
            found.setdefault(a.municipality.name, a.user.person)
        fyrbodal = [m for m in self.staff if m.region_id == self.regions["fyrbodal"].pk]
        for key, codes in (
            ("nurse", ("specialistsjukskoterska", "sjukskoterska")),
            ("senior", ("specialistunderskoterska", "stodpedagog")),
        ):
            chosen = [m for m in fyrbodal if m.title in codes and m.email != JONAS]
            local = [m for m in chosen if m.municipality_id == self.towns["Uddevalla"].pk]
            found[key] = self.person(self.rng.choice(local or chosen).pk) if chosen else jonas
        return found

    def manager_of(self, member: Member | None):
        return self.managers.get(member.unit_id) if member else None

    # -- the catalogue -----------------------------------------------------------------------

    def owner(self, name: str) -> dict:
        if name in self.regions:
            return {"region": self.regions[name]}
        return {"municipality": self.towns[name]}

    def creator(self, name: str):
        return self.coordinator if name in self.regions else self.hr.get(name)

    def catalogue(self) -> None:
        courses = [
            Course(
                title=spec.title,
                description=spec.description,
                language=spec.language,
                area_kinds=list(spec.areas),
                phases=list(spec.phases),
                for_managers=spec.for_managers,
                created_by=self.creator(spec.owner),
                **self.owner(spec.owner),
            )
            for spec in content.COURSES
        ]
        Course.objects.bulk_create(courses)
        tasks, goals_of_tasks, materials, titles, goals = [], [], [], [], []
        for spec, course in zip(content.COURSES, courses, strict=True):
            self.courses[spec.key] = course
            region = "midtjylland" if spec.owner == "Randers" else "fyrbodal"
            titles += [(course.pk, self.titles[(region, code)].pk) for code in spec.titles]
            goals += [(course.pk, self.items[code].pk) for code in spec.goals]
            for order, t in enumerate(spec.tasks):
                fields = {k: v for k, v in dataclasses.asdict(t).items() if k != "goals"}
                tasks.append(ChecklistTask(course=course, order=order, **fields))
                goals_of_tasks.append(t.goals or spec.goals)
            materials += [
                CourseMaterial(course=course, title=title, link=link, order=order)
                for order, (title, link) in enumerate(spec.materials)
            ]
        ChecklistTask.objects.bulk_create(tasks)
        CourseMaterial.objects.bulk_create(materials)
        _link(Course, "target_titles", titles)
        _link(Course, "goals", goals + self._competences_taught(goals))
        pairs = zip(tasks, goals_of_tasks, strict=True)
        _link(ChecklistTask, "goals", [(t.pk, self.items[c].pk) for t, cs in pairs for c in cs])
        for task in tasks:
            self.tasks.setdefault(task.course_id, []).append(task)

    # -- offerings ---------------------------------------------------------------------------

    def _competences_taught(self, goals: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(course, competence) for the competences whose knowledge goals a course has: a
        course on basic hygiene gives "Basala hygienrutiner" itself, so completing it meets
        that requirement and the gap analysis sees people on it as in progress."""
        parents = dict(
            Item.objects.filter(pk__in={item for _course, item in goals}).values_list(
                "pk", "parent_id"
            )
        )
        competences = set(
            Item.objects.filter(
                pk__in=set(parents.values()), kind=Item.Kind.COMPETENCE
            ).values_list("pk", flat=True)
        )
        taught = {(course, parents[item]) for course, item in goals}
        return sorted(pair for pair in taught if pair[1] in competences)

    def at(self, days: int, hour: int, minute: int = 0) -> datetime.datetime:
        day = self.today + datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def offering(self, plan: Plan) -> None:
        event = plan.event
        spec = event or SPECS[plan.course]
        leaders = [self.leaders.get(key) or self.leaders["jonas"] for key in plan.leaders]
        if event:  # the organiser leads an event and meets at the event's place
            organiser = self.coordinator if spec.owner in self.regions else self.hr[spec.owner]
            leaders, place = [organiser.person], event.place
        else:  # joint courses meet in the first course leader's town, a municipality's at home
            town = leaders[0].municipality.name if spec.owner in self.regions else spec.owner
            place = schedule.PLACES.get(town, schedule.PLACES["Uddevalla"])
        first = plan.days[0][0]
        offering = Offering.objects.create(
            kind=event.kind if event else Offering.Kind.COURSE,
            course=self.courses.get(plan.course),
            title=event.title if event else "",
            description=event.description if event else "",
            audience=event.audience if event else "",
            language=spec.language,
            follows=self.offerings.get(plan.follows),
            attendance=plan.attendance,
            seats_on_site=plan.seats,
            seats_digital=plan.digital,
            opens_at=self.at(min(first - 45, -2), 8),
            closes_at=self.at(first - plan.closes, 23, 59),
            cancel_by=self.at(first - plan.closes - 3, 23, 59),
            promotion=plan.promotion,
            offer_hours=72,
            created_by=self.creator(spec.owner),
            **self.owner(spec.owner),
        )
        self.offerings[plan.key] = offering
        link = f"https://mote.fyrbodal.demo/{plan.key}" if plan.attendance != "on_site" else ""
        CourseDay.objects.bulk_create(
            CourseDay(
                offering=offering,
                starts_at=self.at(day, start),
                ends_at=self.at(day, end),
                place="" if plan.attendance == "digital" else place,
                digital_link=link,
                uid=uuid.uuid5(NAMESPACE, f"{plan.key}:{number}"),
            )
            for number, (day, start, end) in enumerate(plan.days)
        )
        OfferingQuota.objects.bulk_create(
            OfferingQuota(offering=offering, seats=seats, **self.owner(name))
            for name, seats in plan.quotas
        )
        offering.leaders.add(*leaders)
        if offering.course:
            offering.course.leaders.add(*leaders)
        self.fill(offering, self._pool(offering, plan)[: plan.people])

    def _pool(self, offering: Offering, plan: Plan) -> list[Member]:
        """Who may come, most fitting first: the course's target titles, its operating areas,
        then anyone of the owner's staff; shuffled within each tier."""
        people = self.leader_pool if plan.pool == "leaders" else self.staff
        if offering.municipality_id:
            scope = [m for m in people if m.municipality_id == offering.municipality_id]
        else:
            scope = [m for m in people if m.region_id == offering.region_id]
        spec = SPECS.get(plan.course)
        titles, areas = (spec.titles, spec.areas) if spec else ((), ())
        tiers: list[list[Member]] = [[], [], []]
        for m in scope:
            if m.email not in (ANNA, JONAS, METTE, MARIA):
                tiers[0 if m.title in titles else 1 if m.area in areas else 2].append(m)
        for tier in tiers:
            self.rng.shuffle(tier)
        return tiers[0] + tiers[1] + tiers[2]

    def fill(self, offering: Offering, members: list[Member]) -> None:
        """Register ``members`` in order over the first part of the registration window (the
        demo logins placed by ``story`` come later)."""
        begin = offering.opens_at + datetime.timedelta(hours=1)
        end = min(offering.closes_at, self.at(0, 0)) - datetime.timedelta(hours=1)
        step = (end - begin) / (len(members) + 8)
        self.load(m.pk for m in members)
        for number, member in enumerate(members):
            self.register(offering, member, begin + step * (number + self.rng.random() * 0.9))

    def register(self, offering: Offering, member: Member, when) -> Registration:
        """The person registers themself, or their manager does."""
        modes = offering.modes()
        mode = modes[0] if len(modes) == 1 or self.rng.random() < 0.45 else modes[1]
        person = self.person(member.pk)
        own = person.user_id is not None and self.rng.random() < 0.5
        return reg.register(
            actor=person.user if own else self.manager_of(member) or person.user,
            offering=offering,
            person=person,
            mode=mode,
            now=when,
            source=COMMAND,
        )

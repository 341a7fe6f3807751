"""Data for bench/station.py: one municipality of 30 units and 1,200 staff, one of the units
(Solrosen) with 40 staff, and a realistic competence model around them.

Everything is written with ``bulk_create`` in a few seconds and is deterministic (a fixed
random seed): 66 framework items, 13 requirements (area, title, count and share), a basic
competence rule, a four-step ladder, a journey of 3 suitcases x 4 courses, ~40 record entries
for every person, course registrations in every state, and signed-in sessions for the
simulated employees, managers and HR officers.
"""

from __future__ import annotations

import datetime
import random

UNITS = 30
STAFF_PER_UNIT = 40
ENTRIES_PER_PERSON = 40
BACKEND = "stegvis.accounts.backends.AuthenticationBackend"
FIRST = ["Åsa", "Björn", "Märta", "Sören", "Anna", "Karin", "Jörgen", "Lena", "Ömer", "Signe"]
LAST = ["Öberg", "Åström", "Lindqvist", "Berg", "Ekström", "Holm", "Nyström", "Sjöberg", "Dahl"]


def _organisation():
    from stegvis.organisations.models import (
        Municipality,
        OperatingArea,
        Region,
        Unit,
        UnitPlacement,
    )
    from stegvis.people.models import JobTitle

    region = Region.objects.create(name="Benchregionen", slug="bench")
    town = Municipality.objects.create(region=region, name="Benchby", code="9999")
    area = OperatingArea.objects.create(municipality=town, kind="elder_care", name="Vård")
    units = Unit.objects.bulk_create(
        Unit(
            municipality=town,
            operating_area=area,
            name="Solrosen" if n == 0 else f"Enhet {n:02d}",
            kind="care_home" if n % 3 else "home_care",
        )
        for n in range(UNITS)
    )
    UnitPlacement.objects.bulk_create(
        UnitPlacement(unit=u, operating_area=area, valid_from=datetime.date(2000, 1, 1))
        for u in units
    )
    titles = {
        code: JobTitle.objects.create(region=region, code=code, name=name, area_kind="elder_care")
        for code, name in [
            ("usk", "Undersköterska"),
            ("vb", "Vårdbiträde"),
            ("ssk", "Sjuksköterska"),
        ]
    }
    return region, town, units, titles


def _model(region, town, titles, today):
    from django.utils import timezone

    from stegvis.competences.models import (
        BasicCompetenceRule,
        Framework,
        Item,
        Ladder,
        LadderStep,
        Requirement,
    )

    framework = Framework.objects.create(
        region=region, title="Kompetens i äldreomsorgen", published_at=timezone.now()
    )
    areas = Item.objects.bulk_create(
        Item(framework=framework, kind="area", code=str(a + 1), title=f"Område {a + 1}")
        for a in range(6)
    )
    items = Item.objects.bulk_create(
        Item(
            framework=framework,
            parent=areas[n // 10],
            code=f"{n // 10 + 1}.{n % 10 + 1}",
            title=f"Kompetens {n + 1}: bemötande, hygien och säkerhet",
            position=n,
        )
        for n in range(60)
    )
    since = datetime.date(2024, 1, 1)
    common = {"municipality": town, "reason": "law", "valid_from": since}
    rows = [
        Requirement(item=items[n], applies_to="area", area_kind="elder_care", criticality=1 + n % 3)
        for n in range(5)
    ]
    rows += [
        Requirement(item=items[5 + n], applies_to="title", job_title=titles["usk"], criticality=2)
        for n in range(3)
    ]
    rows += [
        Requirement(item=items[8 + n], applies_to="title", job_title=titles["ssk"], criticality=1)
        for n in range(2)
    ]
    rows += [
        Requirement(item=items[10 + n], applies_to="unit", unit_kind="care_home", min_count=2 + n)
        for n in range(2)
    ]
    rows.append(Requirement(item=items[12], applies_to="unit", unit_kind="care_home", min_share=50))
    for row in rows:
        row.item_identifier = row.item.identifier
        for key, value in common.items():
            setattr(row, key, value)
    Requirement.objects.bulk_create(rows)
    BasicCompetenceRule.objects.create(
        job_title=titles["usk"], kind="education", code="voo", description="Vård och omsorg"
    )
    ladder = Ladder.objects.create(region=region, title="Kompetenstrappa")
    steps = []
    for position in range(1, 5):
        step = LadderStep.objects.create(ladder=ladder, position=position, name=f"Steg {position}")
        step.package.set(items[position * 5 : position * 5 + 5])
        steps.append(step)
    return items, steps


def _people(town, units, titles, today, rng):
    from stegvis.people.models import Employment, Person, Qualification

    people = Person.objects.bulk_create(
        Person(
            region=town.region,
            municipality=town,
            first_name=FIRST[n % len(FIRST)],
            last_name=f"{LAST[n // len(FIRST) % len(LAST)]} {n}",
            email=f"p{n}@bench.example",
            profession_start_date=today - datetime.timedelta(days=rng.randrange(30, 4000)),
        )
        for n in range(UNITS * STAFF_PER_UNIT)
    )
    codes = ["usk"] * 7 + ["vb"] * 2 + ["ssk"]
    Employment.objects.bulk_create(
        Employment(
            person=p,
            unit=units[n // STAFF_PER_UNIT],
            job_title=titles[codes[n % len(codes)]],
            start_date=datetime.date(2020, 1, 1),
        )
        for n, p in enumerate(people)
    )
    Qualification.objects.bulk_create(
        Qualification(person=p, kind="education", code="voo", title="VoO", issued_on=since(rng))
        for p in people
        if rng.random() < 0.8
    )
    return people


def since(rng) -> datetime.date:
    return datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3000))


def _records(people, items, today, rng):
    from stegvis.competences.models import CompetenceRecord

    kinds = ["course", "certificate", "assessed", "education", "self_assessed"]
    rows = []
    for person in people:
        for item in rng.sample(items, ENTRIES_PER_PERSON):
            expires = None
            if rng.random() < 0.3:
                expires = today + datetime.timedelta(days=rng.randrange(-200, 900))
            rows.append(
                CompetenceRecord(
                    person=person,
                    item=item,
                    item_identifier=item.identifier,
                    kind=rng.choice(kinds),
                    achieved_on=today - datetime.timedelta(days=rng.randrange(10, 2000)),
                    expires_on=expires,
                )
            )
    CompetenceRecord.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _journey(region, town, items, steps, people, now, rng):
    """Three suitcases of four courses; each person of the municipality has three
    registrations: confirmed with a task ticked, waiting, and completed."""
    from stegvis.competences.models import LadderPlacement
    from stegvis.courses.models import (
        ChecklistTask,
        Course,
        CourseDay,
        Offering,
        Registration,
        TaskCompletion,
    )
    from stegvis.journeys.models import Journey, Stop, Suitcase

    journey = Journey.objects.create(
        municipality=town, title="Yrkesresan", area_kind="elder_care", published=True
    )
    offerings, tasks = [], {}
    for order, phase in enumerate(["new", "experienced", "senior"]):
        suitcase = Suitcase.objects.create(journey=journey, order=order, title=phase, phase=phase)
        for n in range(4):
            course = Course.objects.create(region=region, title=f"Kurs {order + 1}.{n + 1}")
            course.goals.add(items[order * 4 + n])
            Stop.objects.create(suitcase=suitcase, order=n, course=course, required=n < 3)
            tasks[course.pk] = ChecklistTask.objects.bulk_create(
                ChecklistTask(course=course, part=part, kind="reading", title=f"Uppgift {part}")
                for part in ["preparation", "preparation", "follow_up"]
            )
            offering = Offering.objects.create(
                course=course,
                region=region,
                seats_on_site=5000,
                opens_at=now - datetime.timedelta(days=5),
                closes_at=now + datetime.timedelta(days=20),
                cancel_by=now + datetime.timedelta(days=15),
            )
            for week in (4, 5):
                start = now + datetime.timedelta(weeks=week)
                CourseDay.objects.create(
                    offering=offering, starts_at=start, ends_at=start + datetime.timedelta(hours=6)
                )
            offerings.append(offering)
    registrations = []
    for person in people:
        chosen = rng.sample(offerings, 3)
        for status, offering in zip(["confirmed", "waiting", "confirmed"], chosen, strict=True):
            registrations.append(
                Registration(
                    offering=offering,
                    person=person,
                    municipality=town,
                    status=status,
                    queued_at=now - datetime.timedelta(days=rng.randrange(1, 5)),
                    completed_at=now if offering is chosen[2] else None,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    TaskCompletion.objects.bulk_create(
        TaskCompletion(registration=r, task=tasks[r.offering.course_id][0])
        for r in registrations
        if r.status == "confirmed"
    )
    LadderPlacement.objects.bulk_create(
        LadderPlacement(person=p, step=steps[n % 3], since=datetime.date(2024, 6, 1))
        for n, p in enumerate(people)
    )
    return len(registrations)


def _session(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _logins(town, unit, people, clients):
    """Sessions: ``clients`` employees of the 40-person unit, as many managers of it and as
    many HR officers of the municipality (with TOTP, as HR must have)."""
    from allauth.mfa.totp.internal.auth import TOTP

    from stegvis.accounts.models import User
    from stegvis.organisations.models import RoleAssignment

    employees = [p for p in people[:STAFF_PER_UNIT]][:clients]
    result = {"employee": [], "manager": [], "hr": [], "employee_person": []}
    for person in employees:
        user = User.objects.create(email=person.email, display_name=str(person), password="!")
        person.user = user
        person.save(update_fields=["user"])
        result["employee"].append(_session(user))
        result["employee_person"].append(person.pk)
    for role in ("manager", "hr"):
        for n in range(clients):
            user = User.objects.create(
                email=f"{role}{n}@bench.example", display_name=f"{role} {n}", password="!"
            )
            scope = {"unit": unit} if role == "manager" else {"municipality": town}
            RoleAssignment.objects.create(
                user=user, role=role, valid_from=datetime.date(2020, 1, 1), **scope
            )
            if role == "hr":
                TOTP.activate(user, "JBSWY3DPEHPK3PXP")
            result[role].append(_session(user))
    return result


def make_data(clients: int) -> dict:
    from django.utils import timezone

    rng = random.Random(20261124)
    now = timezone.now()
    today = timezone.localdate()
    region, town, units, titles = _organisation()
    items, steps = _model(region, town, titles, today)
    people = _people(town, units, titles, today, rng)
    entries = _records(people, items, today, rng)
    registrations = _journey(region, town, items, steps, people, now, rng)
    logins = _logins(town, units[0], people, clients)
    from django.db import connection

    if connection.vendor == "postgresql":  # fresh statistics, as autovacuum would give them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "unit": units[0],
        "municipality": town,
        "people": len(people),
        "entries": entries,
        "registrations": registrations,
        **logins,
    }

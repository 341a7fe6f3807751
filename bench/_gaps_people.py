"""bench/gaps.py: staff, employments, competence record entries and course registrations,
one municipality at a time (so memory stays small at 300,000 staff).

Per person: one current employment in a unit of 10-60 staff (part-time for some), for some a
second unit, an ended or a future employment; 8-15 record entries of every kind (formal,
assessed, self-assessed with and without confirmation, withdrawn, expired, expiring, some
recorded or achieved after the analysis day); for some, registrations in every state on courses
that teach required competences.
"""

from __future__ import annotations

import datetime

from _gaps_load import Loader
from _gaps_model import ON, UTC, Model, title_mix, uid

DAYS = {k: ON - datetime.timedelta(days=k) for k in range(-1200, 6000)}  # ON - k days
MOMENTS = {k: datetime.datetime.combine(d, datetime.time(9, 30), UTC) for k, d in DAYS.items()}
FIRST = ["Åsa", "Björn", "Märta", "Sören", "Anna", "Karin", "Jörgen", "Lena", "Ömer", "Fatima"]
LAST = ["Öberg", "Åström", "Lindqvist", "Berg", "Ekström", "Holm", "Nyström", "Yilmaz", "Dahl"]
EVIDENCE = ["education"] * 2 + ["certificate"] * 2 + ["course"] * 7 + ["assessed"] * 4
EVIDENCE += ["self_assessed"] * 5
EXTENTS = [100] * 6 + [75, 80, 90, 50]
PERSON_COLUMNS = [
    "id", "first_name", "last_name", "email", "phone", "preferred_language", "identity_number",
    "identity_number_hash", "employee_number", "created_at", "municipality_id", "region_id",
]  # fmt: skip
EMPLOYMENT_COLUMNS = [
    "id", "person_id", "unit_id", "job_title_id", "extent_percent", "permanent",
    "start_date", "end_date", "source_key",
]  # fmt: skip
RECORD_COLUMNS = [
    "id", "person_id", "item_id", "item_identifier", "kind", "achieved_on", "expires_on",
    "evidence", "refers_to_id", "recorded_at",
]  # fmt: skip
REGISTRATION_COLUMNS = [
    "id", "offering_id", "person_id", "municipality_id", "mode", "status", "queued_at",
    "offered_until", "uid", "sequence", "completed_at", "created_at", "changed_at",
]  # fmt: skip
CREATED = MOMENTS[700]


def people(loader: Loader, model: Model) -> None:
    for town in model.units:
        rows = _municipality(loader, model, town)
        for table, columns in (
            ("people_person", PERSON_COLUMNS),
            ("people_employment", EMPLOYMENT_COLUMNS),
            ("competences_competencerecord", RECORD_COLUMNS),
            ("courses_registration", REGISTRATION_COLUMNS),
        ):
            loader.write(table, columns, rows[table])


def _municipality(loader: Loader, model: Model, town: int) -> dict[str, list]:
    rng = model.rng
    region, _staff = model.municipalities[town]
    units = model.units[town]
    open_units = [u for u in units if not u.closed]
    closed_units = [u for u in units if u.closed]
    rows = {"people_person": [], "people_employment": [], "competences_competencerecord": []}
    rows["courses_registration"] = []
    employment_ids = iter(loader.ids("people_employment", sum(u.size for u in units) * 2))

    def employ(person, unit, code, start, end=None, extent=100):
        title = model.titles[(region, code)]
        permanent = rng.random() < 0.8
        rows["people_employment"].append(
            (next(employment_ids), person, unit.pk, title, extent, permanent, start, end, "")
        )

    for unit in open_units:
        codes, shares = title_mix(unit.area)
        person_ids = loader.ids("people_person", unit.size)
        for person in person_ids:
            n = person % 1000
            rows["people_person"].append(
                (
                    person,
                    FIRST[n % 10],
                    f"{LAST[n % 9]} {person}",
                    f"p{person}@bench.example",
                    "",
                    "sv",
                    "",
                    "",
                    "",
                    CREATED,
                    town,
                    region,
                )
            )
            code = rng.choices(codes, shares)[0]
            start = DAYS[rng.randrange(-5, 4000)]  # a few start after ON: not staff yet
            end = None
            chance = rng.random()
            if chance < 0.02:
                end = ON  # the last day is ON: still counts
            elif chance < 0.05:
                end = DAYS[rng.randrange(1, 300)]  # left shortly before ON
            if end is not None and end < start:
                end = None
            employ(person, unit, code, start, end, rng.choice(EXTENTS))
            chance = rng.random()
            if chance < 0.06:  # a second, part-time employment in another unit
                other = rng.choice(open_units)
                other_code = rng.choices(*title_mix(other.area))[0]
                employ(person, other, other_code, DAYS[rng.randrange(30, 900)], None, 25)
            elif chance < 0.07:  # two titles in the same unit
                employ(person, unit, rng.choice(codes), DAYS[rng.randrange(30, 900)], None, 20)
            elif chance < 0.17:  # worked elsewhere before
                other = rng.choice(closed_units or open_units)
                employ(person, other, code, DAYS[4500], DAYS[rng.randrange(301, 400)])
            _records(loader, model, rows, person, region, unit.area, code)
            if rng.random() < 0.3:
                _registrations(loader, model, rows, person, region, town, unit.area, code)
    return rows


def _records(loader, model, rows, person, region, area, code):
    rng = model.rng
    items = model.items[region]
    relevant = model.relevant[(area, code)]
    wanted = rng.randint(8, 15)
    out = rows["competences_competencerecord"]
    ids = iter(loader.ids("competences_competencerecord", wanted + 2))
    made = 0
    while made < wanted:
        competence = rng.choice(relevant) if rng.random() < 0.7 else rng.randrange(len(items))
        new, old, identifier = items[competence]
        item = old if rng.random() < 0.3 else new
        kind = rng.choice(EVIDENCE)
        ago = rng.randrange(-20, 3000) if rng.random() < 0.01 else rng.randrange(10, 3000)
        achieved = DAYS[ago]
        expires = None
        if kind in ("certificate", "course", "assessed") and rng.random() < 0.45:
            expires = DAYS[min(rng.randrange(-700, 250), ago)]  # never before achieved
        recorded_ago = ago - rng.randrange(0, 15)
        if rng.random() < 0.02:
            recorded_ago = -rng.randrange(1, 30)  # recorded after ON: not in the analysis
        entry = next(ids)
        out.append(
            (
                entry,
                person,
                item,
                identifier,
                kind,
                achieved,
                expires,
                "",
                None,
                MOMENTS[recorded_ago],
            )
        )
        made += 1
        if kind == "self_assessed" and rng.random() < 0.5:
            # confirmed by the manager later (for a few: only after ON)
            later = recorded_ago - rng.randrange(1, 60)
            out.append(
                (
                    next(ids),
                    person,
                    item,
                    identifier,
                    "confirmation",
                    DAYS[max(later, -1000)],
                    None,
                    "",
                    entry,
                    MOMENTS[max(later, -1000)],
                )
            )
            made += 1
        elif rng.random() < 0.03:  # a mistaken entry, withdrawn
            later = recorded_ago - rng.randrange(1, 100)
            out.append(
                (
                    next(ids),
                    person,
                    item,
                    identifier,
                    "withdrawal",
                    DAYS[max(later, -1000)],
                    None,
                    "",
                    entry,
                    MOMENTS[max(later, -1000)],
                )
            )
            made += 1


STATUSES = ["confirmed"] * 9 + ["waiting"] * 3 + ["offered", "cancelled", "cancelled"]
STATUSES += ["completed"] * 4 + ["completed_later"]


def _registrations(loader, model, rows, person, region, town, area, code):
    """One or two courses, mostly ones that teach something the person is asked for."""
    rng = model.rng
    courses = model.courses[region]
    relevant = set(model.relevant[(area, code)])
    useful = [c for c in courses if relevant.intersection(c[1])]
    pool = useful if useful and rng.random() < 0.8 else courses
    chosen = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
    for offering, _taught in chosen:
        pk = loader.ids("courses_registration", 1)[0]
        status = rng.choice(STATUSES)
        queued = MOMENTS[-rng.randrange(1, 10) if rng.random() < 0.03 else rng.randrange(1, 200)]
        completed = offered = None
        if status == "completed":
            status, completed = "confirmed", MOMENTS[rng.randrange(1, 10)]
        elif status == "completed_later":  # completed after ON: still under way on ON
            status, completed = "confirmed", MOMENTS[-rng.randrange(1, 20)]
        elif status == "offered":
            offered = MOMENTS[-2]
        rows["courses_registration"].append(
            (
                pk,
                offering,
                person,
                town,
                "on_site",
                status,
                queued,
                offered,
                uid(rng),
                0,
                completed,
                queued,
                queued,
            )
        )

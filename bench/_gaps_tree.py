"""bench/gaps.py: the organisation tree, the competence model, requirements in all three
layers and the course catalogue, written as rows (see ``_gaps_model`` for the shapes)."""

from __future__ import annotations

import datetime
import random

from _gaps_load import Loader
from _gaps_model import (
    AREA_NAMES,
    AREA_REQS,
    AREAS,
    COMPETENCE_COUNT,
    COMPETENCES,
    KIND_REQS,
    ON,
    TITLE_REQS,
    TITLES,
    Model,
    Unit,
    at,
    relevant_competences,
    sizes,
    uid,
)

DAY = datetime.timedelta(days=1)
LONG_AGO = datetime.date(2020, 1, 1)
CREATED = at(datetime.date(2024, 1, 1))


def build(loader: Loader, staff: int, seed: int) -> Model:
    rng = random.Random(seed)
    model = Model(rng=rng, relevant=relevant_competences())
    counts, region_of = sizes(staff, rng)
    _organisation(loader, model, counts, region_of)
    _titles(loader, model)
    _frameworks(loader, model)
    _requirements(loader, model)
    _courses(loader, model)
    return model


def _organisation(loader: Loader, model: Model, counts: list[int], region_of: list[int]):
    rng = model.rng
    regions = loader.ids("organisations_region", max(region_of) + 1)
    model.regions = list(regions)
    loader.write(
        "organisations_region",
        ["id", "name", "slug"],
        [(pk, f"Region {n + 1:02d}", f"bench-region-{n + 1}") for n, pk in enumerate(regions)],
    )
    towns = loader.ids("organisations_municipality", len(counts))
    loader.write(
        "organisations_municipality",
        ["id", "name", "code", "country", "language", "region_id"],
        [
            (pk, f"Kommun {n + 1:03d}", f"B{pk}", "SE", "sv", regions[region_of[n]])
            for n, pk in enumerate(towns)
        ],
    )
    area_rows, unit_rows = [], []
    for n, town in enumerate(towns):
        region = regions[region_of[n]]
        model.municipalities[town] = (region, counts[n])
        model.units[town] = []
        for area, (share, kinds, _mix) in AREAS.items():
            area_pk = loader.ids("organisations_operatingarea", 1)[0]
            area_rows.append((area_pk, area, AREA_NAMES[area], town))
            left = max(10, round(counts[n] * share))
            while left > 0:
                size = min(left, max(10, round(rng.triangular(10, 60, 25))))
                left -= size
                unit = Unit(0, town, region, area, rng.choice(kinds), size)
                unit.pk = loader.ids("organisations_unit", 1)[0]
                model.units[town].append(unit)
                unit_rows.append((unit, area_pk))
            if rng.random() < 0.3:  # a unit closed last year: its staff's employments ended
                unit = Unit(0, town, region, area, rng.choice(kinds), 0, closed=True)
                unit.pk = loader.ids("organisations_unit", 1)[0]
                model.units[town].append(unit)
                unit_rows.append((unit, area_pk))
    loader.write(
        "organisations_operatingarea", ["id", "kind", "name", "municipality_id"], area_rows
    )
    loader.write(
        "organisations_unit",
        [
            "id",
            "name",
            "kind",
            "source_key",
            "opened_on",
            "closed_on",
            "municipality_id",
            "operating_area_id",
        ],
        [
            (
                u.pk,
                f"Enhet {u.pk}",
                u.kind,
                "",
                LONG_AGO,
                ON - 300 * DAY if u.closed else None,
                u.municipality,
                area_pk,
            )
            for u, area_pk in unit_rows
        ],
    )
    loader.write(
        "organisations_unitplacement",
        ["id", "valid_from", "valid_to", "operating_area_id", "unit_id"],
        [
            (pk, LONG_AGO, ON - 301 * DAY if u.closed else None, area_pk, u.pk)
            for pk, (u, area_pk) in zip(
                loader.ids("organisations_unitplacement", len(unit_rows)), unit_rows, strict=True
            )
        ],
    )


def _titles(loader: Loader, model: Model):
    rows = []
    for region in model.regions:
        for code, (name, area, licensed) in TITLES.items():
            pk = loader.ids("people_jobtitle", 1)[0]
            model.titles[(region, code)] = pk
            rows.append((pk, code, name, area, 1, licensed, region, licensed, ""))
    loader.write(
        "people_jobtitle",
        ["id", "code", "name", "area_kind", "level", "licensed", "region_id", "protected", "tasks"],
        rows,
    )


def _frameworks(loader: Loader, model: Model):
    """Each region's framework in two versions: competences keep their identifier, so entries
    and course goals that name the old version's items still count."""
    rng = model.rng
    frameworks, items = [], []
    for region in model.regions:
        lineage = uid(rng)
        identifiers = [uid(rng) for _ in range(COMPETENCE_COUNT)]
        versions = []
        for version in (1, 2):
            pk = loader.ids("competences_framework", 1)[0]
            versions.append(pk)
            frameworks.append(
                (
                    pk,
                    lineage,
                    uid(rng),
                    version,
                    "Kompetensmodell för vård och omsorg",
                    "",
                    "",
                    "sv",
                    LONG_AGO,
                    CREATED,
                    "{}",
                    CREATED,
                    region,
                )
            )
        pks = {}
        for fw in versions:
            for n, identifier in enumerate(identifiers):
                pk = loader.ids("competences_item", 1)[0]
                pks[(fw, n)] = pk
                title = COMPETENCES[n] if n < len(COMPETENCES) else f"Fördjupning {n + 1}"
                items.append((pk, identifier, "competence", str(n + 1), title, "", "", n, "{}", fw))
        model.items[region] = [
            (pks[(versions[1], n)], pks[(versions[0], n)], identifiers[n])
            for n in range(COMPETENCE_COUNT)
        ]
    loader.write(
        "competences_framework",
        [
            "id",
            "lineage",
            "identifier",
            "version",
            "title",
            "code",
            "description",
            "language",
            "valid_from",
            "published_at",
            "extra",
            "created_at",
            "region_id",
        ],
        frameworks,
    )
    loader.write(
        "competences_item",
        [
            "id",
            "identifier",
            "kind",
            "code",
            "title",
            "description",
            "knowledge_form",
            "position",
            "extra",
            "framework_id",
        ],
        items,
    )


REQUIREMENT_COLUMNS = [
    "id",
    "lineage",
    "item_identifier",
    "applies_to",
    "area_kind",
    "min_count",
    "min_share",
    "reason",
    "reason_text",
    "criticality",
    "version",
    "valid_from",
    "valid_to",
    "item_id",
    "job_title_id",
    "region_id",
    "municipality_id",
    "unit_id",
    "target_unit_id",
    "unit_kind",
]


def _requirement(loader, model, region, owner, competence, applies_to, **target):
    """One requirement row; ``owner`` is (region, municipality, unit), exactly one set."""
    item, _old, identifier = model.items[region][competence]
    pk = loader.ids("competences_requirement", 1)[0]
    return [
        pk,
        target.get("lineage") or uid(model.rng),
        identifier,
        applies_to,
        target.get("area", ""),
        target.get("min_count"),
        target.get("min_share"),
        "law",
        "",
        target.get("criticality", 2),
        target.get("version", 1),
        target.get("valid_from", datetime.date(2024, 1, 1)),
        target.get("valid_to"),
        item,
        target.get("title"),
        *owner,
        target.get("target_unit"),
        target.get("unit_kind", ""),
    ]


def _requirements(loader: Loader, model: Model):
    rng, rows = model.rng, []
    for region in model.regions:
        owner = (region, None, None)
        for area, wanted in AREA_REQS.items():
            for competence, criticality in wanted:
                rows.append(
                    _requirement(loader, model, region, owner, competence, "area", area=area)
                )
                rows[-1][9] = criticality
        for code, wanted in TITLE_REQS.items():
            title = model.titles[(region, code)]
            for competence, criticality in wanted:
                rows.append(_requirement(loader, model, region, owner, competence, "title"))
                rows[-1][9], rows[-1][14] = criticality, title
        for kind, wanted in KIND_REQS.items():
            for competence, count, share, criticality in wanted:
                rows.append(
                    _requirement(
                        loader, model, region, owner, competence, "unit", unit_kind=kind,
                        min_count=count, min_share=share, criticality=criticality,
                    )
                )  # fmt: skip
        # A superseded version (ended before ON), one ending on ON, one from next month.
        old = _requirement(loader, model, region, owner, 9, "area", area="elder_care")
        old[12] = ON - 30 * DAY
        new = _requirement(loader, model, region, owner, 9, "area", area="elder_care")
        new[1], new[10], new[11] = old[1], 2, ON - 29 * DAY
        rows += [old, new]
        rows.append(_requirement(loader, model, region, owner, 28, "area", area="disability"))
        rows[-1][12] = ON
        rows.append(_requirement(loader, model, region, owner, 25, "area", area="elder_care"))
        rows[-1][11] = ON + 30 * DAY
    for town, units in model.units.items():
        region = model.municipalities[town][0]
        owner = (None, town, None)
        for _ in range(rng.randrange(5)):
            competence = rng.randrange(30, COMPETENCE_COUNT)
            choice = rng.random()
            if choice < 0.4:
                area = rng.choice(list(AREAS))
                rows.append(
                    _requirement(loader, model, region, owner, competence, "area", area=area)
                )
            elif choice < 0.7:
                title = model.titles[(region, rng.choice(list(TITLES)))]
                rows.append(
                    _requirement(loader, model, region, owner, competence, "title", title=title)
                )
            else:
                kind = rng.choice(["care_home", "home_care", "group_home", "day_activity"])
                rows.append(
                    _requirement(
                        loader, model, region, owner, competence, "unit", unit_kind=kind,
                        min_count=rng.randint(1, 3),
                    )
                )  # fmt: skip
        for unit in units:
            if unit.closed or rng.random() >= 0.05:
                continue
            count, share = rng.choice([(1, None), (2, None), (None, 50), (2, 20)])
            rows.append(
                _requirement(
                    loader, model, region, (None, None, unit.pk), rng.randrange(COMPETENCE_COUNT),
                    "unit", target_unit=unit.pk, min_count=count, min_share=share,
                    criticality=1,
                )
            )  # fmt: skip
    loader.write("competences_requirement", REQUIREMENT_COLUMNS, rows)


def _courses(loader: Loader, model: Model):
    """Forty joint courses per region, each teaching one to three required competences (some
    named by the framework's old version), with one offering each."""
    rng = model.rng
    courses, goals, offerings = [], [], []
    opens = at(ON - 120 * DAY)
    required = sorted({c for found in model.relevant.values() for c in found})
    for region in model.regions:
        model.courses[region] = []
        for n in range(40):
            course = loader.ids("courses_course", 1)[0]
            courses.append((course, f"Kurs {n + 1}", "", "sv", "[]", "[]", False, False))
            courses[-1] += (CREATED, region)
            taught = rng.sample(required, rng.randint(1, 3))
            for competence in taught:
                new, old, _identifier = model.items[region][competence]
                goals.append((loader.ids("courses_course_goals", 1)[0], course))
                goals[-1] += (old if rng.random() < 0.3 else new,)
            offering = loader.ids("courses_offering", 1)[0]
            offerings.append(
                (
                    offering,
                    "course",
                    "",
                    "",
                    "on_site",
                    10000,
                    None,
                    opens,
                    at(ON + 60 * DAY),
                    at(ON + 50 * DAY),
                    None,
                    "confirm",
                    48,
                    "",
                    "sv",
                    "open",
                    CREATED,
                    course,
                    region,
                )
            )
            model.courses[region].append((offering, taught))
    loader.write(
        "courses_course",
        [
            "id",
            "title",
            "description",
            "language",
            "area_kinds",
            "phases",
            "for_managers",
            "archived",
            "created_at",
            "region_id",
        ],
        courses,
    )
    loader.write("courses_course_goals", ["id", "course_id", "item_id"], goals)
    loader.write(
        "courses_offering",
        [
            "id",
            "kind",
            "title",
            "description",
            "attendance",
            "seats_on_site",
            "seats_digital",
            "opens_at",
            "closes_at",
            "cancel_by",
            "min_participants",
            "promotion",
            "offer_hours",
            "audience",
            "language",
            "decision",
            "created_at",
            "course_id",
            "region_id",
        ],
        offerings,
    )

"""The demo's competence model: sources, frameworks in three layers, the basic competence of the
job titles, ladders and requirements. Identifiers are ``uuid5`` so that a seed gives the same
model every time. Content lives in the ``competence_*`` content modules.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from stegvis.competences.models import (
    BasicCompetenceRule,
    Framework,
    Item,
    Ladder,
    LadderStep,
    Requirement,
    Source,
)
from stegvis.people.models import JobTitle

from .competence_frameworks import FRAMEWORKS, Area
from .competence_requirements import HYGIENE_HISTORY, HYGIENE_WHY, REQUIREMENTS
from .competence_sources import SOURCES
from .competence_titles import (
    CARE_STEPS,
    LICENSED_STEPS,
    RULES,
    TITLES,
    USK_FROM,
    USK_TRANSITION_UNTIL,
)
from .organisation import MunicipalityInfo, Organisation

BATCH = 1000
NAMESPACE = uuid.UUID("5b0f6d1e-3c4a-4d2b-9a53-2f1e7c0d8a61")
LICENSED = ("sjukskoterska", "specialistsjukskoterska", "arbetsterapeut", "fysioterapeut")
CARE_TRACK = {"vardbitrade": 1, "underskoterska": 2, "specialistunderskoterska": 3}


def stable_uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))


def moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@dataclass
class Built:
    """A framework's versions, oldest first, each with its items by code."""

    versions: list[tuple[Framework, dict[str, Item]]] = field(default_factory=list)

    def latest(self, code: str) -> Item:
        return self.versions[-1][1][code]

    def at(self, code: str, day: datetime.date) -> Item:
        """The item in the version in force on ``day`` (the first version before that)."""
        chosen = self.versions[0][1]
        for framework, items in self.versions:
            if framework.valid_from and framework.valid_from <= day:
                chosen = items
        return chosen[code]


def first_unit(info: MunicipalityInfo, recipe: str):
    return next(u for u in info.units if u.recipe == recipe)


def layer_owners(org: Organisation) -> dict[str, dict]:
    uddevalla, randers = org.municipality("Uddevalla"), org.municipality("Randers")
    return {
        "fyrbodal": {"region": org.regions["fyrbodal"]},
        "uddevalla": {"municipality": uddevalla.municipality},
        "uddevalla-group-home": {"unit": first_unit(uddevalla, "group_home").unit},
        "randers": {"municipality": randers.municipality},
        "randers-group-home": {"unit": first_unit(randers, "group_home").unit},
    }


def build_sources() -> dict[str, Source]:
    result = {}
    for key, (kind, title, issuer, reference, url) in SOURCES.items():
        source = Source.objects.filter(title=title, reference=reference).first()
        result[key] = source or Source.objects.create(
            kind=kind, title=title, issuer=issuer, reference=reference, url=url
        )
    return result


def _flatten(code: str, areas: tuple[Area, ...]) -> list[tuple]:
    """(code, kind, title, description, knowledge form, parent code) in reading order."""
    rows: list[tuple] = []
    for a, (area, description, competences) in enumerate(areas, 1):
        area_code = f"{code}-{a}"
        rows.append((area_code, Item.Kind.AREA, area, description, "", None))
        for c, (competence, goals) in enumerate(competences, 1):
            competence_code = f"{area_code}.{c}"
            rows.append((competence_code, Item.Kind.COMPETENCE, competence, "", "", area_code))
            for g, (goal, form) in enumerate(goals, 1):
                rows.append(
                    (f"{competence_code}.{g}", Item.Kind.GOAL, goal, "", form, competence_code)
                )
    return rows


def build_frameworks(org: Organisation, sources: dict[str, Source]) -> dict[str, Built]:
    owners = layer_owners(org)
    built: dict[str, Built] = {}
    versions: list[tuple[Framework, list[tuple], dict[str, str]]] = []
    for spec in FRAMEWORKS:
        owner = owners[spec.owner]
        title = spec.title.format(unit=owner["unit"].name if "unit" in owner else "")
        renames: dict[str, str] = {}
        built[spec.key] = Built()
        rows = _flatten(spec.code, spec.areas)
        for number, (valid_from, changes) in enumerate(
            ((spec.valid_from, {}), *spec.revisions), start=1
        ):
            renames = {**renames, **changes}
            framework = Framework(
                lineage=stable_uuid("framework", spec.code),
                identifier=stable_uuid("framework", spec.code, number),
                version=number,
                title=title,
                code=spec.code,
                description=spec.description,
                language=spec.language,
                source=sources[spec.source],
                valid_from=valid_from,
                published_at=moment(valid_from - datetime.timedelta(days=30)),
                created_at=moment(valid_from - datetime.timedelta(days=75)),
                **owner,
            )
            versions.append((framework, rows, renames))
            built[spec.key].versions.append((framework, {}))
    Framework.objects.bulk_create([v[0] for v in versions])
    by_framework = {id(f): items for b in built.values() for f, items in b.versions}
    # Areas, then competences, then goals, so each level's parents have their keys.
    for kind in (Item.Kind.AREA, Item.Kind.COMPETENCE, Item.Kind.GOAL):
        level = []
        for framework, rows, renames in versions:
            items = by_framework[id(framework)]
            for position, (code, row_kind, title, description, form, parent) in enumerate(rows):
                if row_kind != kind:
                    continue
                item = Item(
                    framework=framework,
                    identifier=stable_uuid("item", framework.code, code),
                    parent=items[parent] if parent else None,
                    kind=kind,
                    code=code,
                    title=renames.get(code, title),
                    description=description,
                    knowledge_form=form,
                    position=position,
                )
                items[code] = item
                level.append(item)
        Item.objects.bulk_create(level, batch_size=BATCH)
    return built


def update_titles(org: Organisation) -> None:
    changed = []
    for (region, code), info in TITLES.items():
        title = org.title(region, code)
        title.protected = info.protected
        title.tasks = info.tasks
        title.next_level = org.title(region, info.next_level) if info.next_level else None
        changed.append(title)
    JobTitle.objects.bulk_update(changed, ["protected", "tasks", "next_level"])


def build_rules(org: Organisation, sources: dict[str, Source]) -> int:
    rules = [
        BasicCompetenceRule(
            job_title=org.title(rule.region, rule.title),
            group=rule.group,
            kind=rule.kind,
            code=rule.code,
            description=rule.description,
            min_points=rule.min_points,
            required_from=USK_FROM if rule.transition else None,
            transition_if_employed_on=USK_FROM if rule.transition else None,
            transition_until=USK_TRANSITION_UNTIL if rule.transition else None,
            source=sources[rule.source],
        )
        for rule in RULES
    ]
    BasicCompetenceRule.objects.bulk_create(rules)
    return len(rules)


def build_ladders(
    org: Organisation, sources: dict[str, Source], built: dict[str, Built]
) -> dict[str, list[LadderStep]]:
    fyrbodal = org.regions["fyrbodal"]
    specs = {
        "licensed": (
            "Kompetensutvecklingsmodell för legitimerad personal",
            "Legitimerad personal",
            "Fyra steg från nyexaminerad till specialist för sjuksköterskor, arbetsterapeuter "
            "och fysioterapeuter, med uppgiftsväxling och kompetensplanering.",
            "fyrbodal-legitimerad",
            LICENSED,
            LICENSED_STEPS,
            built["health"],
        ),
        "care": (
            "Kompetenstrappa – vård och omsorg (äldreomsorg)",
            "Vård och omsorg",
            "Från vårdbiträde via undersköterska till specialistundersköterska, med kurspaket "
            "för varje steg.",
            "fyrbodal-baspersonal",
            tuple(CARE_TRACK),
            CARE_STEPS,
            built["elder"],
        ),
    }
    result: dict[str, list[LadderStep]] = {}
    links = []
    for key, (title, track, description, source, titles, steps, framework) in specs.items():
        ladder = Ladder.objects.create(
            region=fyrbodal,
            title=title,
            track=track,
            description=description,
            source=sources[source],
        )
        ladder.job_titles.set([org.title("fyrbodal", code) for code in titles])
        created = LadderStep.objects.bulk_create(
            LadderStep(ladder=ladder, position=position, name=name, entry_criteria=criteria)
            for position, (name, criteria, _package) in enumerate(steps, start=1)
        )
        for step, (_name, _criteria, package) in zip(created, steps, strict=True):
            links.extend(
                LadderStep.package.through(ladderstep_id=step.pk, item_id=framework.latest(c).pk)
                for c in package
            )
        result[key] = created
    LadderStep.package.through.objects.bulk_create(links)
    return result


def build_requirements(
    org: Organisation, sources: dict[str, Source], built: dict[str, Built]
) -> int:
    owners = layer_owners(org)
    rows = []
    for index, req in enumerate(REQUIREMENTS):
        owner = owners[req.owner]
        region = "midtjylland" if req.owner.startswith("randers") else "fyrbodal"
        common = {
            "item": built[req.framework].latest(req.code),
            "applies_to": req.applies,
            "min_count": req.min_count,
            "min_share": req.min_share,
            "reason": req.reason,
            "reason_text": req.why,
            "criticality": req.criticality,
            "source": sources[req.source],
            "valid_from": req.valid_from,
            **owner,
        }
        if req.applies == Requirement.AppliesTo.AREA:
            rows.append(
                Requirement(lineage=stable_uuid("req", index), area_kind=req.target, **common)
            )
        elif req.applies == Requirement.AppliesTo.TITLE:
            rows.append(
                Requirement(
                    lineage=stable_uuid("req", index),
                    job_title=org.title(region, req.target),
                    **common,
                )
            )
        elif req.target == "unit":
            rows.append(
                Requirement(lineage=stable_uuid("req", index), target_unit=owner["unit"], **common)
            )
        else:
            rows.append(
                Requirement(lineage=stable_uuid("req", index), unit_kind=req.target, **common)
            )
    elder = built["elder"]
    for version, (valid_from, valid_to, criticality) in enumerate(HYGIENE_HISTORY, 1):
        rows.append(
            Requirement(
                lineage=stable_uuid("req", "hygiene"),
                version=version,
                item=elder.at("ÄO-9.1", valid_from),
                applies_to=Requirement.AppliesTo.AREA,
                area_kind="elder_care",
                reason=Requirement.Reason.LAW,
                reason_text=HYGIENE_WHY,
                criticality=criticality,
                source=sources["sosfs-2015-10"],
                valid_from=valid_from,
                valid_to=valid_to,
                **owners["fyrbodal"],
            )
        )
    for row in rows:
        row.item_identifier = row.item.identifier
    Requirement.objects.bulk_create(rows)
    return len(rows)

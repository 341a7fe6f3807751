"""The competence model of bench/gaps.py: regions, municipalities, areas, units, job titles,
frameworks and requirements, as plain rows (no Django models), deterministic from a seed.

The people and their records are made per municipality in ``_gaps_people.py``; both write
through ``_gaps_load.py``.
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass, field

ON = datetime.date(2026, 11, 24)  # the day the analysis is asked for
UTC = datetime.UTC
STAFF_PER_MUNICIPALITY_MIN = 40

# Operating areas: share of a municipality's staff, unit kinds and job titles (code, share).
AREAS = {
    "elder_care": (
        0.62,
        ["care_home", "care_home", "home_care", "home_care", "nursing"],
        [("usk", 0.58), ("vb", 0.2), ("spec_usk", 0.08), ("ssk", 0.1), ("at", 0.04)],
    ),
    "disability": (
        0.26,
        ["group_home", "group_home", "supported_living", "day_activity", "personal_assistance"],
        [("stodassistent", 0.5), ("stodpedagog", 0.2), ("boendestodjare", 0.2), ("pa", 0.1)],
    ),
    "child_youth": (  # individual and family care (sv IFO)
        0.12,
        ["social_services", "residential", "social_services"],
        [("socsek", 0.5), ("behandlingsassistent", 0.4), ("familjebehandlare", 0.1)],
    ),
}
AREA_NAMES = {
    "elder_care": "Vård och omsorg",
    "disability": "Funktionshinder",
    "child_youth": "Individ- och familjeomsorg",
}
TITLES = {
    "usk": ("Undersköterska", "elder_care", False),
    "vb": ("Vårdbiträde", "elder_care", False),
    "spec_usk": ("Specialistundersköterska", "elder_care", False),
    "ssk": ("Sjuksköterska", "elder_care", True),
    "at": ("Arbetsterapeut", "elder_care", True),
    "stodassistent": ("Stödassistent", "disability", False),
    "stodpedagog": ("Stödpedagog", "disability", False),
    "boendestodjare": ("Boendestödjare", "disability", False),
    "pa": ("Personlig assistent", "disability", False),
    "socsek": ("Socialsekreterare", "child_youth", False),
    "behandlingsassistent": ("Behandlingsassistent", "child_youth", False),
    "familjebehandlare": ("Familjebehandlare", "child_youth", False),
}
COMPETENCES = [
    "Basala hygienrutiner",
    "Demens och BPSD",
    "Fallprevention",
    "Munhälsa",
    "Nutrition och måltid",
    "Palliativ vård",
    "Förflyttningsteknik",
    "Läkemedel under delegering",
    "Social dokumentation",
    "Lex Sarah och avvikelser",
    "Lågaffektivt bemötande",
    "Autism och NPF",
    "Tydliggörande pedagogik",
    "Alternativ och kompletterande kommunikation",
    "Delaktighet och självbestämmande",
    "Psykisk ohälsa",
    "Suicidprevention",
    "Våld i nära relationer",
    "Missbruk och beroende",
    "Barnkonventionen",
    "BBIC",
    "Motiverande samtal",
    "Utredning enligt SoL",
    "Sekretess och tystnadsplikt",
    "HLR",
    "Brandskydd",
    "Diabetes",
    "Sårvård",
    "Hot och våld i arbetet",
    "Kultur och språk i omsorgen",
]
COMPETENCE_COUNT = 60  # the named ones, then "Fördjupning 31..60"
# Region layer: area requirements (competence index, criticality), title requirements,
# requirements on every unit of a kind (competence, min_count, min_share, criticality).
AREA_REQS = {
    "elder_care": [(0, 1), (1, 1), (2, 2), (3, 2), (4, 3), (23, 2)],
    "disability": [(0, 1), (10, 1), (11, 2), (14, 2), (23, 3)],
    "child_youth": [(17, 1), (19, 1), (21, 2), (23, 2)],
}
TITLE_REQS = {
    "usk": [(7, 1), (8, 2)],
    "spec_usk": [(1, 1), (5, 2)],
    "ssk": [(26, 1), (27, 2)],
    "stodpedagog": [(12, 2)],
    "socsek": [(22, 1), (20, 1)],
    "behandlingsassistent": [(18, 2)],
}
KIND_REQS = {
    "care_home": [(5, 2, None, 1), (24, None, 30, 2)],
    "home_care": [(7, None, 40, 1)],
    "group_home": [(13, 2, 25, 2)],
    "residential": [(16, 1, None, 1)],
}


@dataclass
class Unit:
    pk: int
    municipality: int
    region: int
    area: str  # the operating area's kind
    kind: str
    size: int
    closed: bool = False


@dataclass
class Model:
    """Everything above the people: ids and the facts the people generator needs."""

    rng: random.Random
    regions: list[int] = field(default_factory=list)
    municipalities: dict[int, tuple[int, int]] = field(default_factory=dict)  # pk → region, staff
    units: dict[int, list[Unit]] = field(default_factory=dict)  # municipality → units
    titles: dict[tuple[int, str], int] = field(default_factory=dict)  # (region, code) → pk
    items: dict[int, list[tuple[int, int, uuid.UUID]]] = field(default_factory=dict)
    # region → [(current item pk, old item pk, identifier)], one per competence
    relevant: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    # (area, title code) → competence indexes its staff are asked for
    courses: dict[int, list[tuple[int, list[int]]]] = field(default_factory=dict)
    # region → [(offering pk, competence indexes taught)]


def uid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 15, tzinfo=UTC)


def sizes(staff: int, rng: random.Random) -> tuple[list[int], list[int]]:
    """Regions and municipalities: ~290 municipalities in ~21 regions at 300,000 staff, sized
    like Sweden's (a few large, many small: Zipf-like weights)."""
    municipalities = max(3, round(290 * staff / 300_000))
    regions = max(1, round(21 * staff / 300_000))
    weights = [(n + 1) ** -0.8 for n in range(municipalities)]
    total = sum(weights)
    spare = staff - STAFF_PER_MUNICIPALITY_MIN * municipalities
    counts = [STAFF_PER_MUNICIPALITY_MIN + int(spare * w / total) for w in weights]
    counts[0] += staff - sum(counts)
    region_weights = [(n + 1) ** -0.6 for n in range(regions)]
    order = list(range(municipalities))
    rng.shuffle(order)
    region_of = [0] * municipalities
    for position, m in enumerate(order):
        region_of[m] = (
            position if position < regions else rng.choices(range(regions), region_weights)[0]
        )
    return counts, region_of


def title_mix(area: str) -> tuple[list[str], list[float]]:
    mix = AREAS[area][2]
    return [code for code, _share in mix], [share for _code, share in mix]


def relevant_competences() -> dict[tuple[str, str], list[int]]:
    result = {}
    for area, (_share, kinds, mix) in AREAS.items():
        for code, _ in mix:
            found = [c for c, _ in AREA_REQS[area]] + [c for c, _ in TITLE_REQS.get(code, [])]
            found += [r[0] for kind in set(kinds) for r in KIND_REQS.get(kind, [])]
            result[(area, code)] = sorted(set(found))
    return result

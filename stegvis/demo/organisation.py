"""Build the demo organisation tree: regions, municipalities, operating areas, units, titles."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from stegvis.organisations.models import (
    Municipality,
    OperatingArea,
    Region,
    Unit,
    UnitPlacement,
)
from stegvis.people.models import JobTitle

from . import region as spec
from .persons import date_between, slugify_name


@dataclass
class UnitInfo:
    unit: Unit
    recipe: str
    weight: int  # relative number of staff
    predecessor: Unit | None = None  # a closed unit merged into this one


@dataclass
class MunicipalityInfo:
    municipality: Municipality
    spec: spec.MunicipalitySpec
    region_spec: spec.RegionSpec
    slug: str
    units: list[UnitInfo] = field(default_factory=list)  # open units, in creation order

    @property
    def country(self) -> str:
        return self.spec.country


@dataclass
class Organisation:
    regions: dict[str, Region]  # by slug
    municipalities: list[MunicipalityInfo]
    titles: dict[tuple[str, str], JobTitle]  # (region slug, code) -> title
    closed_units: list[Unit]
    area_count: int
    placement_count: int

    def municipality(self, name: str) -> MunicipalityInfo:
        return next(info for info in self.municipalities if info.municipality.name == name)

    def title(self, region_slug: str, code: str) -> JobTitle:
        return self.titles[(region_slug, code)]

    @property
    def unit_count(self) -> int:
        return sum(len(info.units) for info in self.municipalities) + len(self.closed_units)


class _Namer:
    """Invented unit names from shuffled pools, so that no name repeats in the demo."""

    def __init__(self, rng: random.Random) -> None:
        self.pools = {
            "care_home": rng.sample(spec.CARE_HOME_STEMS, len(spec.CARE_HOME_STEMS)),
            "group_home": rng.sample(spec.GROUP_HOME_STEMS, len(spec.GROUP_HOME_STEMS)),
            "day_activity": rng.sample(spec.DAY_ACTIVITY_STEMS, len(spec.DAY_ACTIVITY_STEMS)),
            "sp_unit": rng.sample(spec.PSYCHIATRY_STEMS, len(spec.PSYCHIATRY_STEMS)),
        }
        self.rng = rng

    def _next(self, pool: str) -> str:
        return self.pools[pool].pop(0)

    def swedish(self, recipe: str, index: int, count: int, town: str) -> tuple[str, str]:
        """(name, unit kind) of the ``index``-th of ``count`` units of ``recipe`` in ``town``."""
        kind = spec.RECIPES[recipe].kind
        if recipe == "care_home":
            suffix = self.rng.choice(("äldreboende", "vård- och omsorgsboende"))
            return f"{spec.genitive(self._next('care_home'))} {suffix}", kind
        if recipe == "home_care":
            district = town if count == 1 else spec.HOME_CARE_DISTRICTS[index]
            return f"Hemtjänst {district}", kind
        if recipe == "group_home":
            prefix = "Servicebostad" if self.rng.random() < 0.25 else "Gruppbostad"
            return f"{prefix} {self._next('group_home')}", kind
        if recipe == "day_activity":
            return f"Daglig verksamhet {self._next('day_activity')}", kind
        if recipe == "personal_assistance":
            return f"Personlig assistans {town}", kind
        if recipe == "boendestod":
            district = town if count == 1 else f"{town} {spec.SUPPORT_DISTRICTS[index]}"
            return f"Boendestöd {district}", kind
        if recipe == "sp_unit":
            stem = self._next("sp_unit")
            if self.rng.random() < 0.5:
                return f"Träffpunkt {stem}", Unit.Kind.DAY_ACTIVITY
            return f"Boendet {stem}", Unit.Kind.RESIDENTIAL
        if recipe == "rehab":
            return f"Kommunrehab {town}", kind
        if recipe == "nursing":
            return f"Hemsjukvården {town}", kind
        return f"Socialkontoret {town}, barn och familj", kind

    @staticmethod
    def danish(recipe: str, index: int, town: str) -> tuple[str, str]:
        kind = spec.RECIPES[recipe].kind
        names = {
            "care_home": lambda: f"Plejecenter {spec.DANISH_CARE_HOMES[index]}",
            "home_care": lambda: f"Hjemmeplejen {('Nord', 'Syd', 'Øst', 'Vest')[index]}",
            "group_home": lambda: f"Bofællesskabet {spec.DANISH_GROUP_HOMES[index]}",
            "day_activity": lambda: "Dagtilbuddet Værkstedet",
            "personal_assistance": lambda: f"Handicaphjælpere {town}",
            "boendestod": lambda: f"Bostøtten {town}",
            "sp_unit": lambda: "Botilbuddet Fyrtårnet",
            "rehab": lambda: f"Træning og Rehabilitering {town}",
            "nursing": lambda: f"Sygeplejen {town}",
            "social_services": lambda: f"Familiecentret {town}",
        }
        return names[recipe](), kind


def _opened_on(rng: random.Random) -> datetime.date:
    if rng.random() < 0.8:
        return date_between(rng, datetime.date(1975, 1, 1), datetime.date(2000, 12, 31))
    return date_between(rng, datetime.date(2001, 1, 1), datetime.date(2018, 12, 31))


def build_organisation(rng: random.Random) -> Organisation:
    namer = _Namer(rng)
    regions: dict[str, Region] = {}
    infos: list[MunicipalityInfo] = []
    titles: dict[tuple[str, str], JobTitle] = {}
    closed: list[Unit] = []
    areas = 0
    placements: list[UnitPlacement] = []

    for region_spec in spec.REGIONS:
        region = Region.objects.create(name=region_spec.name, slug=region_spec.slug)
        regions[region_spec.slug] = region
        created = JobTitle.objects.bulk_create(
            JobTitle(
                region=region, code=code, name=name, area_kind=area, level=level, licensed=licensed
            )
            for code, name, area, level, licensed in region_spec.titles
        )
        titles.update({(region_spec.slug, title.code): title for title in created})

        for muni_spec in region_spec.municipalities:
            municipality = Municipality.objects.create(
                region=region,
                name=muni_spec.name,
                code=muni_spec.code,
                country=muni_spec.country,
                language=muni_spec.language,
            )
            info = MunicipalityInfo(
                municipality, muni_spec, region_spec, slugify_name(muni_spec.name)
            )
            infos.append(info)
            kinds = [
                area
                for area in OperatingArea.Kind
                if any(spec.RECIPES[r].area == area for r in muni_spec.plan)
            ]
            area_objects = {
                area.kind: area
                for area in OperatingArea.objects.bulk_create(
                    OperatingArea(
                        municipality=municipality, kind=kind, name=region_spec.area_names[kind]
                    )
                    for kind in kinds
                )
            }
            areas += len(area_objects)
            units: list[tuple[Unit, str]] = []
            for recipe, count in muni_spec.plan.items():
                for index in range(count):
                    if muni_spec.country == "DK":
                        name, kind = namer.danish(recipe, index, muni_spec.name)
                    else:
                        name, kind = namer.swedish(recipe, index, count, muni_spec.name)
                    unit = Unit(
                        municipality=municipality,
                        operating_area=area_objects[spec.RECIPES[recipe].area],
                        name=name,
                        kind=kind,
                        opened_on=_opened_on(rng),
                    )
                    units.append((unit, recipe))
            for number, (unit, _recipe) in enumerate(units, start=1):
                unit.source_key = f"ORG-{muni_spec.code}-{number:03d}"
            Unit.objects.bulk_create([unit for unit, _recipe in units])
            for unit, recipe in units:
                low, high = spec.RECIPES[recipe].staff
                info.units.append(UnitInfo(unit, recipe, rng.randint(low, high)))
            closed.extend(_closed_units(info, area_objects, len(units)))

    for info in infos:
        for unit_info in info.units:
            unit = unit_info.unit
            placements.append(
                UnitPlacement(
                    unit=unit, operating_area_id=unit.operating_area_id, valid_from=unit.opened_on
                )
            )
    for unit in closed:
        placements.append(
            UnitPlacement(
                unit=unit, operating_area_id=unit.operating_area_id, valid_from=unit.opened_on
            )
        )
    UnitPlacement.objects.bulk_create(placements)
    return Organisation(regions, infos, titles, closed, areas, len(placements))


# Two units closed by merger, so the demo shows history: (municipality, closed unit name,
# recipe of the unit it was merged into, closing date).
_MERGERS = (
    ("Trollhättan", "Hemtjänst Landsbygd", "home_care", datetime.date(2024, 3, 31)),
    ("Vänersborg", "Lindängens äldreboende", "care_home", datetime.date(2023, 12, 31)),
)


def _closed_units(
    info: MunicipalityInfo, areas: dict[str, OperatingArea], existing: int
) -> list[Unit]:
    result = []
    for town, name, recipe, closed_on in _MERGERS:
        if town != info.municipality.name:
            continue
        target = next(u for u in info.units if u.recipe == recipe)
        unit = Unit.objects.create(
            municipality=info.municipality,
            operating_area=areas[spec.RECIPES[recipe].area],
            name=name,
            kind=spec.RECIPES[recipe].kind,
            opened_on=datetime.date(1991, 9, 1),
            closed_on=closed_on,
            merged_into=target.unit,
            source_key=f"ORG-{info.spec.code}-{existing + len(result) + 1:03d}",
        )
        target.predecessor = unit
        result.append(unit)
    return result

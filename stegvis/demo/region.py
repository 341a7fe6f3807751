"""The demo organisation: Fyrbodal's 14 municipalities and Randers, their areas, units and titles.

Municipality names and official codes are real; unit names are invented. Every generated date
is counted back from ``ANCHOR`` (a fixed date, so that two runs give the same rows): nothing in
the demo lies after it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from stegvis.organisations.models import OperatingArea, Unit

ANCHOR = datetime.date(2026, 9, 1)

A = OperatingArea.Kind
K = Unit.Kind


@dataclass(frozen=True)
class MunicipalitySpec:
    name: str
    code: str
    plan: dict[str, int]  # recipe key -> number of units
    country: str = "SE"
    language: str = "sv"


@dataclass(frozen=True)
class RegionSpec:
    name: str
    slug: str
    country: str
    municipalities: tuple[MunicipalitySpec, ...]
    area_names: dict[str, str]
    titles: tuple[tuple[str, str, str, int, bool], ...]  # code, name, area kind, level, licensed
    recipe_titles: dict[str, tuple[tuple[str, int], ...]]  # recipe key -> (title code, weight)
    manager_title: str


@dataclass(frozen=True)
class Recipe:
    area: str
    kind: str
    staff: tuple[int, int]  # typical number of staff (min, max)


RECIPES: dict[str, Recipe] = {
    "care_home": Recipe(A.ELDER_CARE, K.CARE_HOME, (30, 60)),
    "home_care": Recipe(A.ELDER_CARE, K.HOME_CARE, (35, 65)),
    "group_home": Recipe(A.DISABILITY, K.GROUP_HOME, (10, 18)),
    "day_activity": Recipe(A.DISABILITY, K.DAY_ACTIVITY, (8, 16)),
    "personal_assistance": Recipe(A.DISABILITY, K.PERSONAL_ASSISTANCE, (25, 50)),
    "boendestod": Recipe(A.SOCIAL_PSYCHIATRY, K.SUPPORTED_LIVING, (8, 14)),
    "sp_unit": Recipe(A.SOCIAL_PSYCHIATRY, K.RESIDENTIAL, (10, 16)),
    "rehab": Recipe(A.HEALTH_CARE, K.REHAB, (12, 22)),
    "nursing": Recipe(A.HEALTH_CARE, K.NURSING, (18, 35)),
    "social_services": Recipe(A.CHILD_YOUTH, K.SOCIAL_SERVICES, (18, 35)),
}

# Unit plans by municipality size. Larger municipalities also run child and youth social
# services and municipal health care as operating areas of their own.
_LARGE = {
    "care_home": 6,
    "home_care": 5,
    "group_home": 4,
    "day_activity": 2,
    "personal_assistance": 1,
    "boendestod": 2,
    "sp_unit": 1,
    "rehab": 1,
    "nursing": 1,
    "social_services": 1,
}
_MEDIUM = {
    "care_home": 4,
    "home_care": 4,
    "group_home": 3,
    "day_activity": 1,
    "personal_assistance": 1,
    "boendestod": 1,
    "sp_unit": 1,
    "rehab": 1,
    "nursing": 1,
    "social_services": 1,
}
_TOWN = {
    "care_home": 2,
    "home_care": 1,
    "group_home": 1,
    "boendestod": 1,
    "rehab": 1,
    "nursing": 1,
    "social_services": 1,
}


def _small(care: int, home: int, group: int, day: int) -> dict[str, int]:
    plan = {
        "care_home": care,
        "home_care": home,
        "group_home": group,
        "day_activity": day,
        "boendestod": 1,
    }
    return {key: count for key, count in plan.items() if count}


FYRBODAL_MUNICIPALITIES = (
    MunicipalitySpec("Bengtsfors", "1460", _small(2, 1, 1, 1)),
    MunicipalitySpec("Dals-Ed", "1438", _small(1, 1, 1, 0)),
    MunicipalitySpec("Färgelanda", "1439", _small(1, 1, 1, 1)),
    MunicipalitySpec("Lysekil", "1484", _TOWN),
    MunicipalitySpec("Mellerud", "1461", _small(2, 1, 1, 1)),
    MunicipalitySpec("Munkedal", "1430", _small(2, 1, 1, 1)),
    MunicipalitySpec("Orust", "1421", _small(2, 2, 2, 1)),
    MunicipalitySpec("Sotenäs", "1427", _small(2, 1, 1, 1)),
    MunicipalitySpec("Strömstad", "1486", _small(2, 2, 1, 1)),
    MunicipalitySpec("Tanum", "1435", _small(2, 2, 1, 1)),
    MunicipalitySpec("Trollhättan", "1488", _LARGE),
    MunicipalitySpec("Uddevalla", "1485", _LARGE),
    MunicipalitySpec("Vänersborg", "1487", _MEDIUM),
    MunicipalitySpec("Åmål", "1492", _TOWN),
)

RANDERS = MunicipalitySpec(
    "Randers",
    "730",
    {
        "care_home": 3,
        "home_care": 2,
        "group_home": 2,
        "day_activity": 1,
        "boendestod": 1,
        "sp_unit": 1,
        "rehab": 1,
        "social_services": 1,
    },
    country="DK",
    language="da",
)

FYRBODAL = RegionSpec(
    name="Fyrbodal",
    slug="fyrbodal",
    country="SE",
    municipalities=FYRBODAL_MUNICIPALITIES,
    area_names={
        A.DISABILITY: "Funktionshinder",
        A.SOCIAL_PSYCHIATRY: "Socialpsykiatri",
        A.ELDER_CARE: "Vård och omsorg",
        A.CHILD_YOUTH: "Barn och unga",
        A.HEALTH_CARE: "Kommunal hälso- och sjukvård",
    },
    titles=(
        ("vardbitrade", "Vårdbiträde", A.ELDER_CARE, 1, False),
        ("underskoterska", "Undersköterska", A.ELDER_CARE, 1, False),
        ("specialistunderskoterska", "Specialistundersköterska", A.ELDER_CARE, 2, False),
        ("stodassistent", "Stödassistent", A.DISABILITY, 1, False),
        ("stodpedagog", "Stödpedagog", A.DISABILITY, 2, False),
        ("personlig-assistent", "Personlig assistent", A.DISABILITY, 1, False),
        ("boendestodjare", "Boendestödjare", A.SOCIAL_PSYCHIATRY, 1, False),
        (
            "stodpedagog-socialpsykiatri",
            "Stödpedagog socialpsykiatri",
            A.SOCIAL_PSYCHIATRY,
            2,
            False,
        ),
        ("personligt-ombud", "Personligt ombud", A.SOCIAL_PSYCHIATRY, 2, False),
        ("sjukskoterska", "Sjuksköterska", A.HEALTH_CARE, 1, True),
        ("specialistsjukskoterska", "Specialistsjuksköterska", A.HEALTH_CARE, 2, True),
        ("arbetsterapeut", "Arbetsterapeut", A.HEALTH_CARE, 1, True),
        ("fysioterapeut", "Fysioterapeut", A.HEALTH_CARE, 1, True),
        ("rehabassistent", "Rehabassistent", A.HEALTH_CARE, 1, False),
        ("socialsekreterare", "Socialsekreterare", A.CHILD_YOUTH, 1, False),
        ("familjebehandlare", "Familjebehandlare", A.CHILD_YOUTH, 1, False),
        ("enhetschef", "Enhetschef", "", 1, False),
        ("hr-specialist", "HR-specialist", "", 1, False),
        ("verksamhetsutvecklare", "Verksamhetsutvecklare", "", 1, False),
    ),
    recipe_titles={
        "care_home": (
            ("underskoterska", 68),
            ("vardbitrade", 20),
            ("specialistunderskoterska", 12),
        ),
        "home_care": (("underskoterska", 60), ("vardbitrade", 32), ("specialistunderskoterska", 8)),
        "group_home": (("stodassistent", 65), ("stodpedagog", 35)),
        "day_activity": (("stodassistent", 55), ("stodpedagog", 45)),
        "personal_assistance": (("personlig-assistent", 100),),
        "boendestod": (
            ("boendestodjare", 76),
            ("stodpedagog-socialpsykiatri", 20),
            ("personligt-ombud", 4),
        ),
        "sp_unit": (("boendestodjare", 60), ("stodpedagog-socialpsykiatri", 40)),
        "rehab": (("arbetsterapeut", 45), ("fysioterapeut", 40), ("rehabassistent", 15)),
        "nursing": (("sjukskoterska", 85), ("specialistsjukskoterska", 15)),
        "social_services": (("socialsekreterare", 75), ("familjebehandlare", 25)),
    },
    manager_title="enhetschef",
)

MIDTJYLLAND = RegionSpec(
    name="Region Midtjylland",
    slug="midtjylland",
    country="DK",
    municipalities=(RANDERS,),
    area_names={
        A.DISABILITY: "Handicap",
        A.SOCIAL_PSYCHIATRY: "Psykiatri",
        A.ELDER_CARE: "Ældre og sundhed",
        A.CHILD_YOUTH: "Børn og familie",
        A.HEALTH_CARE: "Sundhed og træning",
    },
    titles=(
        # Social- og sundhedsassistenter are authorised health personnel in Denmark.
        ("social-og-sundhedsassistent", "Social- og sundhedsassistent", A.ELDER_CARE, 2, True),
        ("social-og-sundhedshjaelper", "Social- og sundhedshjælper", A.ELDER_CARE, 1, False),
        ("paedagog", "Pædagog", A.DISABILITY, 2, False),
        ("paedagogisk-assistent", "Pædagogisk assistent", A.DISABILITY, 1, False),
        ("bostottemedarbejder", "Bostøttemedarbejder", A.SOCIAL_PSYCHIATRY, 1, False),
        ("socialpaedagog", "Socialpædagog", A.SOCIAL_PSYCHIATRY, 2, False),
        ("sygeplejerske", "Sygeplejerske", A.HEALTH_CARE, 1, True),
        ("ergoterapeut", "Ergoterapeut", A.HEALTH_CARE, 1, True),
        ("fysioterapeut", "Fysioterapeut", A.HEALTH_CARE, 1, True),
        ("socialraadgiver", "Socialrådgiver", A.CHILD_YOUTH, 1, False),
        ("leder", "Leder", "", 1, False),
        ("hr-konsulent", "HR-konsulent", "", 1, False),
    ),
    recipe_titles={
        "care_home": (("social-og-sundhedshjaelper", 50), ("social-og-sundhedsassistent", 50)),
        "home_care": (("social-og-sundhedshjaelper", 60), ("social-og-sundhedsassistent", 40)),
        "group_home": (("paedagogisk-assistent", 55), ("paedagog", 45)),
        "day_activity": (("paedagogisk-assistent", 60), ("paedagog", 40)),
        "boendestod": (("bostottemedarbejder", 70), ("socialpaedagog", 30)),
        "sp_unit": (("socialpaedagog", 50), ("bostottemedarbejder", 50)),
        "rehab": (("fysioterapeut", 55), ("ergoterapeut", 45)),
        "nursing": (("sygeplejerske", 100),),
        "social_services": (("socialraadgiver", 100),),
    },
    manager_title="leder",
)

REGIONS = (FYRBODAL, MIDTJYLLAND)
DEMO_REGION_SLUGS = tuple(spec.slug for spec in REGIONS)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Stems for invented unit names, used in order after one shuffle, so names do not repeat.
CARE_HOME_STEMS = _words(
    "Solgården Ekbacken Lindhaga Björkhagen Rosengården Granbacken Tallåsen Sjöhaga Ängsgården "
    "Lärkbacken Furuhöjden Bokhagen Strandgården Fyrbåken Sörgården Almhaga Lönnhagen "
    "Syrenbacken Kvarnbacken Skogsbrynet Åkerhöjden Havsbrisen Klippgården Ljunghaga Mossbacken "
    "Vassgården Ekhaga Nyponbacken Solhöjden Hagtornet Kastanjegården Björkelund Tallbacken "
    "Ljungbacken Bäckagården Sjöglimten Ekliden Vallmogården Blåklinten Hästhagen Kullagården "
    "Ängslyckan Vitsippan Furulund Bergsgården Ekängen Nyckelpigan Linnégården"
)
GROUP_HOME_STEMS = _words(
    "Linden Tallen Björken Eken Aspen Rönnen Hasseln Vitsippan Blåsippan Liljan Vallmon "
    "Kastanjen Lönnen Pilen Enen Almen Kaprifolen Lavendeln Syrenen Körsbäret Plommonet Humlan "
    "Måsen Tärnan Ejdern Svalan Trasten Vildrosen Kvarnen Fyren"
)
DAY_ACTIVITY_STEMS = _words(
    "Verkstan Ateljén Trädgården Caféet Snickeriet Växthuset Återbruket Stallet Lagret "
    "Textilverkstan Musikhuset Tryckeriet Bageriet Hönsgården"
)
PSYCHIATRY_STEMS = _words("Kompassen Navet Ankaret Bryggan Hamnen Seglet Tornet Vågen")
HOME_CARE_DISTRICTS = ("Centrum", "Norr", "Söder", "Öster", "Väster", "Natt")
SUPPORT_DISTRICTS = ("Norr", "Söder", "Öster", "Väster")

DANISH_CARE_HOMES = ("Solbakken", "Lindegården", "Kastaniehaven", "Bøgely", "Engbo")
DANISH_GROUP_HOMES = ("Birkely", "Engvang", "Skovly", "Åbo")


def genitive(name: str) -> str:
    """Swedish genitive: ``Solgården`` → ``Solgårdens``, ``Ekhus`` → ``Ekhus``."""
    return name if name[-1] in "sxz" else name + "s"

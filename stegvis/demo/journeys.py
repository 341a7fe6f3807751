"""The demo's journeys (sv yrkesresor, seed 004): suitcases by phase, routes of the demo courses.

``seed_demo`` calls ``seed_journeys`` after ``seed_courses``, in the same transaction. Three
published journeys, each with the suitcases of Yrkesresan (new 0–2 years, experienced 2–5,
senior over 5) whose stops are courses of the demo catalogue (``course_content``):

* Fyrbodal, elder care (sv *vård och omsorg*), for vårdbiträden and undersköterskor: Anna
  Lindqvist follows it, so her registrations colour the stops of her suitcase;
* Fyrbodal, disability (sv *funktionshinder*, LSS), for stödassistenter and stödpedagoger;
* Randers, elder care in Danish (da *ældre og sundhed*), for social- og sundhedshjælpere and
  -assistenter: Mette Jensen follows it. Randers' own courses are about elder care and
  psychiatry, so its journey is for elder care, where Mette works.

Each suitcase opens with the area's general base knowledge for everyone (seed 000: *generell
baskunskap för "alla"*): Värdegrund in elder care, LSS in disability, Tidlig opsporing in Randers.
The journeys follow job titles, not operating areas, so a unit's manager (employed in the unit)
is not given the care staff's route. There is no journey service (journeys are kept in the
admin), so the rows are written directly; nothing here is random.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from stegvis.courses.models import Course
from stegvis.journeys.models import Journey, Stop, Suitcase
from stegvis.organisations.models import Municipality, Region
from stegvis.people.models import JobTitle

from . import course_content as content
from .region import DEMO_REGION_SLUGS


@dataclass(frozen=True)
class SuitcaseSpec:
    phase: str
    title: str
    description: str
    stops: tuple[str, ...]  # course keys of ``course_content.COURSES``, in route order


@dataclass(frozen=True)
class JourneySpec:
    owner: str  # a region slug or a municipality name
    title: str
    description: str
    titles: tuple[str, ...]  # job title codes of the owner's region
    suitcases: tuple[SuitcaseSpec, ...]


JOURNEYS = (
    JourneySpec(
        "fyrbodal",
        "Yrkesresan i vård och omsorg",
        "Fyrbodals gemensamma yrkesresa för baspersonal i äldreomsorgen. Resan har tre "
        "resväskor, en för varje fas i yrkeslivet, och i varje resväska en resväg med "
        "hållplatser: kurser med förberedelser, kursdagar och efterarbete. Värdegrunden är "
        "generell baskunskap för alla och står därför först i varje resväska.",
        ("vardbitrade", "underskoterska", "specialistunderskoterska"),
        (
            SuitcaseSpec(
                "new",
                "Ny: 0–2 år i yrket",
                "Grunden för dig som är ny: värdegrund och bemötande, basala hygienrutiner och "
                "säker läkemedelshantering.",
                ("vardegrund", "hygien", "lakemedel"),
            ),
            SuitcaseSpec(
                "experienced",
                "Van: 2–5 år i yrket",
                "För dig som har arbetat några år: läkemedel och delegering, demens, psykisk "
                "ohälsa och palliativ vård. Har du inte gått Värdegrund och bemötande gör du "
                "det först.",
                ("vardegrund", "lakemedel", "demens", "psykisk-ohalsa", "palliativ"),
            ),
            SuitcaseSpec(
                "senior",
                "Erfaren: mer än 5 år i yrket",
                "För dig med lång erfarenhet: fördjupning i psykisk ohälsa och palliativ vård, "
                "och att dela med dig som handledare eller kursledare.",
                ("vardegrund", "psykisk-ohalsa", "palliativ"),
            ),
        ),
    ),
    JourneySpec(
        "fyrbodal",
        "Yrkesresan inom funktionshinder (LSS)",
        "Fyrbodals gemensamma yrkesresa för dig som arbetar i bostäder med särskild service, "
        "daglig verksamhet och personlig assistans. LSS och självbestämmandet är grunden och "
        "står först i varje resväska.",
        ("stodassistent", "stodpedagog", "personlig-assistent"),
        (
            SuitcaseSpec(
                "new",
                "Ny: 0–2 år i yrket",
                "Rättigheterna enligt LSS, lågaffektivt bemötande och läkemedel.",
                ("lss", "lagaffektivt", "lakemedel"),
            ),
            SuitcaseSpec(
                "experienced",
                "Van: 2–5 år i yrket",
                "Fördjupning i bemötande och kommunikation: AKK, tecken som stöd och bildstöd.",
                ("lss", "lagaffektivt", "akk"),
            ),
            SuitcaseSpec(
                "senior",
                "Erfaren: mer än 5 år i yrket",
                "För dig som leder arbetet kring den enskilde och handleder nya kollegor.",
                ("lss", "akk"),
            ),
        ),
    ),
    JourneySpec(
        "Randers",
        "Fagrejsen i ældre og sundhed",
        "Randers Kommunes faglige rejse for frontpersonalet i ældreplejen. Rejsen har tre "
        "kufferter, én for hver fase i arbejdslivet, med kurser, der hver består af "
        "forberedelse, kursusdage og opfølgning. Tidlig opsporing er fælles grundviden for alle.",
        ("social-og-sundhedshjaelper", "social-og-sundhedsassistent"),
        (
            SuitcaseSpec(
                "new",
                "Ny: 0–2 år i faget",
                "Grundviden om mental sundhed og tidlig opsporing af mistrivsel hos borgeren.",
                ("opsporing",),
            ),
            SuitcaseSpec(
                "experienced",
                "Øvet: 2–5 år i faget",
                "Fra opsporing til den motiverende samtale med borgeren.",
                ("opsporing", "motiverende-samtale"),
            ),
            SuitcaseSpec(
                "senior",
                "Erfaren: mere end 5 år i faget",
                "Fordybelse i samtalen og sparring med nye kolleger.",
                ("opsporing", "motiverende-samtale"),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class JourneySummary:
    journeys: int
    suitcases: int
    stops: int

    def lines(self) -> list[str]:
        return [
            f"  {self.journeys} journeys ({self.suitcases} suitcases, {self.stops} stops)",
        ]


def _in_tree(regions: QuerySet[Region]) -> Q:
    return Q(region__in=regions) | Q(municipality__region__in=regions)


def seed_journeys() -> JourneySummary:
    """Create the published demo journeys from the demo courses; return the counts."""
    regions = {r.slug: r for r in Region.objects.filter(slug__in=DEMO_REGION_SLUGS)}
    towns = {m.name: m for m in Municipality.objects.filter(region__in=regions.values())}
    titles = {
        (t.region_id, t.code): t for t in JobTitle.objects.filter(region__in=regions.values())
    }
    courses = demo_courses(regions, towns)
    suitcases: list[Suitcase] = []
    stops: list[Stop] = []
    for spec in JOURNEYS:
        region, town = regions.get(spec.owner), towns.get(spec.owner)
        owner = {"region": region} if region else {"municipality": town}
        journey = Journey.objects.create(
            title=spec.title, description=spec.description, published=True, **owner
        )
        region_id = region.pk if region else town.region_id
        journey.job_titles.set([titles[(region_id, code)] for code in spec.titles])
        for order, case in enumerate(spec.suitcases):
            suitcase = Suitcase(
                journey=journey,
                order=order,
                title=case.title,
                phase=case.phase,
                description=case.description,
            )
            suitcases.append(suitcase)
            stops += [
                Stop(suitcase=suitcase, order=number, course=courses[key], required=True)
                for number, key in enumerate(case.stops, start=1)
            ]
    Suitcase.objects.bulk_create(suitcases)
    Stop.objects.bulk_create(stops)  # each stop's suitcase has its key now
    return JourneySummary(len(JOURNEYS), len(suitcases), len(stops))


def demo_courses(regions: dict[str, Region], towns: dict[str, Municipality]) -> dict[str, Course]:
    """The demo courses by their key in ``course_content`` (matched on owner and title)."""
    rows = Course.objects.filter(
        Q(region__in=regions.values()) | Q(municipality__in=towns.values())
    )
    by_owner = {(c.region_id, c.municipality_id, c.title): c for c in rows}
    found = {}
    for spec in content.COURSES:
        region, town = regions.get(spec.owner), towns.get(spec.owner)
        found[spec.key] = by_owner[(region and region.pk, town and town.pk, spec.title)]
    return found


def remove_journeys(regions: QuerySet[Region]) -> None:
    """Remove the journeys of ``regions`` (before their courses go: a stop protects its course)."""
    Journey.objects.filter(_in_tree(regions)).delete()

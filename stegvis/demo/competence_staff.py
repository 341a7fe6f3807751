"""The demo staff as the competence seeding sees them (jobs, years in the profession, who
manages their unit), and their qualifications: formal competence by job title, with gaps.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from stegvis.organisations.models import Role, RoleAssignment
from stegvis.people.models import Employment, JobTitle, Person, Qualification

from .competence_model import BATCH, LICENSED, moment
from .competence_titles import QUALIFICATIONS, USK_FROM
from .logins import ANNA
from .organisation import MunicipalityInfo, Organisation
from .persons import add_years, date_between
from .region import ANCHOR

ONE_DAY = datetime.timedelta(days=1)


@dataclass
class Job:
    unit_id: int
    title: JobTitle
    extent: int
    start: datetime.date
    end: datetime.date | None

    def current(self, on: datetime.date = ANCHOR) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass
class Member:
    pk: int
    email: str
    user_id: int | None
    since: datetime.date  # in the profession since
    info: MunicipalityInfo
    jobs: list[Job] = field(default_factory=list)
    held: dict[str, datetime.date] = field(default_factory=dict)  # qualification -> issued

    @property
    def main(self) -> Job:
        """The current job with the largest extent, else the last one."""
        current = [j for j in self.jobs if j.current()]
        return max(current, key=lambda j: j.extent) if current else self.jobs[-1]

    @property
    def region(self) -> str:
        return self.info.region_spec.slug

    def years(self, on: datetime.date = ANCHOR) -> float:
        return (on - self.since).days / 365.25


def staff_of(org: Organisation) -> list[Member]:
    """Everyone who has held a care job in a demo municipality, in a fixed order."""
    infos = {info.municipality.pk: info for info in org.municipalities}
    titles = {t.pk: t for t in org.titles.values()}
    regions = list(org.regions.values())
    members: dict[int, Member] = {}
    for pk, email, user_id, since, municipality_id in (
        Person.objects.filter(region__in=regions, municipality__isnull=False)
        .order_by("pk")
        .values_list("pk", "email", "user_id", "profession_start_date", "municipality_id")
    ):
        members[pk] = Member(pk, email, user_id, since or ANCHOR, infos[municipality_id])
    for person_id, unit_id, title_id, extent, start, end in (
        Employment.objects.filter(person_id__in=members)
        .order_by("person_id", "start_date", "id")
        .values_list(
            "person_id", "unit_id", "job_title_id", "extent_percent", "start_date", "end_date"
        )
    ):
        if titles[title_id].area_kind:
            members[person_id].jobs.append(Job(unit_id, titles[title_id], extent, start, end))
    for member in members.values():
        if member.jobs:
            member.since = min(member.since, member.jobs[0].start)
    return [m for m in members.values() if m.jobs]


def unit_managers() -> dict[int, int]:
    return dict(
        RoleAssignment.objects.filter(
            role=Role.MANAGER, unit__isnull=False, valid_to__isnull=True, valid_from__lte=ANCHOR
        )
        .order_by("valid_from", "id")
        .values_list("unit_id", "user_id")
    )


# -- qualifications -----------------------------------------------------------------------------


def clamp(day: datetime.date) -> datetime.date:
    return min(day, ANCHOR - ONE_DAY)


def seed_qualifications(rng: random.Random, staff: list[Member]) -> list[Qualification]:
    """Formal competence by job title, a plausible mix with gaps."""
    rows: list[Qualification] = []
    for member in staff:
        if member.email == ANNA:
            plan = [
                ("vard-och-omsorgsprogrammet", datetime.date(2023, 6, 9), None),
                ("usk-bevis", datetime.date(2023, 10, 16), None),
            ]
        else:
            plan = _qualification_plan(rng, member)
        for code, issued, points in plan:
            kind, title, issuer = QUALIFICATIONS[code]
            issued = clamp(issued)
            member.held[code] = issued
            rows.append(
                Qualification(
                    person_id=member.pk,
                    kind=kind,
                    code=code,
                    title=title,
                    points=points,
                    issued_on=issued,
                    issuer=issuer.format(town=member.info.municipality.name),
                    evidence="Kopia av betyg/bevis inskannad" if kind != "licence" else "",
                    recorded_at=moment(clamp(issued + datetime.timedelta(days=14))),
                )
            )
    Qualification.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _qualification_plan(rng: random.Random, m: Member) -> list[tuple]:
    title = m.main.title.code if m.region == "fyrbodal" else f"dk:{m.main.title.code}"
    roll = rng.random()
    before = m.since - datetime.timedelta(days=rng.randint(20, 800))
    later = date_between(rng, m.since, ANCHOR - datetime.timedelta(days=30))
    out: list[tuple] = []

    def add(code: str, when: datetime.date, points: int | None = None) -> None:
        out.append((code, when, points))

    if title in ("underskoterska", "specialistunderskoterska", "vardbitrade"):
        edu: datetime.date | None = None
        hired_after = m.main.start >= USK_FROM  # hired after the title was protected
        cut = {
            "vardbitrade": (0.12, 0.62),
            "underskoterska": (0.86, 0.93),
            "specialistunderskoterska": (0.95, 1.0),
        }[title]
        if title == "underskoterska" and hired_after:
            cut = (0.93, 0.98)
        if roll < cut[0]:
            edu = before if title != "vardbitrade" and rng.random() < 0.7 else later
            add("vard-och-omsorgsprogrammet", edu)
        elif roll < cut[1]:
            low, high = (2, 14) if title == "vardbitrade" else (15, 23)
            edu = later
            add("vard-och-omsorg-poang", edu, rng.randint(low, high) * 100)
        elif title == "underskoterska" and rng.random() < 0.5:
            add("vard-och-omsorg-poang", later, rng.randint(6, 13) * 100)  # still studying
        # Socialstyrelsen's certificate, for those with the education; older staff apply slowly.
        certified = 0.95 if hired_after or title != "underskoterska" else 0.48
        if edu and title != "vardbitrade" and rng.random() < certified:
            first = max(datetime.date(2023, 9, 1), edu + datetime.timedelta(days=20))
            add("usk-bevis", date_between(rng, first, ANCHOR - datetime.timedelta(days=10)))
        if title == "specialistunderskoterska" and rng.random() < 0.88:
            add("yh-specialistusk", date_between(rng, add_years(m.since, 3), m.main.start))
    elif title in (
        "stodassistent",
        "stodpedagog",
        "personlig-assistent",
        "boendestodjare",
        "stodpedagog-socialpsykiatri",
        "rehabassistent",
    ):
        base = {
            "stodassistent": (0.55, 0.85),
            "stodpedagog": (0.6, 0.85),
            "personlig-assistent": (0.1, 0.4),
            "boendestodjare": (0.3, 0.8),
            "stodpedagog-socialpsykiatri": (0.4, 0.8),
            "rehabassistent": (0.0, 0.6),
        }[title]
        if roll < base[0]:
            add("barn-och-fritidsprogrammet", before)
        elif roll < base[1]:
            add("vard-och-omsorgsprogrammet", before)
        if title in ("stodpedagog", "stodpedagog-socialpsykiatri") and rng.random() < 0.85:
            add("yh-stodpedagog", date_between(rng, add_years(m.since, 2), m.main.start))
        if title in ("boendestodjare", "stodpedagog-socialpsykiatri") and rng.random() < 0.68:
            add("psykiatri-poang", later, rng.choice((100, 300, 300, 300, 400)))
    elif title in LICENSED:
        profession = "sjukskoterska" if "sjukskoterska" in title else title
        add(f"leg-{profession}", m.since - datetime.timedelta(days=rng.randint(10, 70)))
        if title == "specialistsjukskoterska" and rng.random() < 0.92:
            add(
                "specialistsjukskoterskeexamen",
                date_between(rng, add_years(m.since, 2), m.main.start),
            )
    elif title in ("socialsekreterare", "familjebehandlare", "personligt-ombud"):
        if roll < {"socialsekreterare": 0.96}.get(title, 0.55):
            add("socionomexamen", before)
    elif title in ("dk:social-og-sundhedshjaelper", "dk:social-og-sundhedsassistent"):
        if roll < 0.95:
            code = "sosu-hjaelper" if title.endswith("hjaelper") else "sosu-assistent"
            add(code, before)
            if code == "sosu-assistent" and rng.random() < 0.97:
                add(
                    "autorisation-sosu-assistent",
                    before + datetime.timedelta(days=rng.randint(20, 120)),
                )
    elif title in (
        "dk:paedagog",
        "dk:socialpaedagog",
        "dk:paedagogisk-assistent",
        "dk:bostottemedarbejder",
    ):
        if title in ("dk:paedagog", "dk:socialpaedagog") and roll < 0.93:
            add("paedagoguddannelse", before)
        elif roll < 0.5:
            add("pau", before)
    elif title in ("dk:sygeplejerske", "dk:ergoterapeut", "dk:fysioterapeut"):
        add(f"autorisation-{title[3:]}", m.since - datetime.timedelta(days=rng.randint(10, 70)))
    return out

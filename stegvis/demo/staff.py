"""Demo people as drafts (plain Python objects), then written with a few bulk inserts."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db.models import Model

from stegvis.accounts.models import User
from stegvis.organisations.models import Region, Role, RoleAssignment, Unit
from stegvis.people.identity import identity_number_hash
from stegvis.people.models import Employment, JobTitle, Person

from . import persons
from .names import draw_name
from .organisation import MunicipalityInfo, Organisation, UnitInfo
from .region import ANCHOR

ANCHOR_MOMENT = datetime.datetime(2026, 9, 1, 6, 0, tzinfo=datetime.UTC)
ONE_DAY = datetime.timedelta(days=1)
BATCH = 1000


@dataclass
class EmploymentDraft:
    unit: Unit
    title: JobTitle
    extent: int
    start: datetime.date
    end: datetime.date | None = None


@dataclass
class RoleDraft:
    role: str
    scope: Model  # a Region, Municipality or Unit
    valid_from: datetime.date
    valid_to: datetime.date | None = None


@dataclass
class PersonDraft:
    region: Region
    info: MunicipalityInfo | None
    first: str
    last: str
    female: bool
    email: str
    login: bool = False
    profession_start: datetime.date | None = None
    identity_number: str = ""
    phone: str = ""
    employee_number: str = ""
    employments: list[EmploymentDraft] = field(default_factory=list)
    roles: list[RoleDraft] = field(default_factory=list)
    user: User | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


class StaffBuilder:
    """Makes people in a fixed order from one random generator, so runs repeat exactly."""

    def __init__(self, rng: random.Random, org: Organisation) -> None:
        self.rng = rng
        self.org = org
        self.emails = persons.EmailBook()
        self.drafts: list[PersonDraft] = []
        self._employee_numbers: dict[int, int] = {}

    # -- people ---------------------------------------------------------------------------

    def person(
        self,
        info: MunicipalityInfo | None,
        *,
        region_slug: str | None = None,
        female: bool | None = None,
        name: tuple[str, str] | None = None,
        email: str | None = None,
        female_share: float = 0.82,
    ) -> PersonDraft:
        """A new person in ``info`` (or region staff when ``info`` is None), with a unique email."""
        region = info.municipality.region if info else self.org.regions[region_slug or ""]
        country = info.country if info else "SE"
        if female is None:
            female = self.rng.random() < female_share
        first, last = name or draw_name(self.rng, country, female)
        domain = f"{info.slug if info else region.slug}.demo"
        address = self.emails.claim(email) if email else self.emails.issue(first, last, domain)
        draft = PersonDraft(region, info, first, last, female, address)
        draft.phone = persons.phone(self.rng, country)
        self.drafts.append(draft)
        return draft

    def finish(
        self,
        draft: PersonDraft,
        *,
        identity_share: float = 0.7,
        profession_start: datetime.date | None = None,
    ) -> PersonDraft:
        """Profession start, birth date, identity number and employee number from the career."""
        starts = [e.start for e in draft.employments]
        if profession_start is None and starts:
            earliest = min(starts)
            profession_start = earliest
            if self.rng.random() < 0.45:
                profession_start = earliest - datetime.timedelta(
                    days=self.rng.randint(365, 15 * 365)
                )
        draft.profession_start = profession_start
        career_start = profession_start or persons.days_back(self.rng, 1, 20)
        born = persons.birth_date(self.rng, career_start)
        country = draft.info.country if draft.info else "SE"
        if country == "DK":
            draft.identity_number = persons.cpr_number(self.rng, born, draft.female)
        elif self.rng.random() < identity_share:
            draft.identity_number = persons.personnummer(self.rng, born, draft.female)
        if draft.info and draft.employments:
            key = draft.info.municipality.pk
            number = self._employee_numbers.get(key, 10000 + self.rng.randint(0, 9000))
            number += self.rng.randint(1, 7)
            self._employee_numbers[key] = number
            draft.employee_number = str(number)
        return draft

    def employ(
        self,
        draft: PersonDraft,
        unit_info: UnitInfo,
        start: datetime.date,
        *,
        title: JobTitle | None = None,
        extent: int = 100,
        end: datetime.date | None = None,
    ) -> EmploymentDraft:
        employment = EmploymentDraft(
            unit_info.unit,
            title or self.title_for(draft, unit_info),
            extent,
            max(start, unit_info.unit.opened_on),
            end,
        )
        draft.employments.append(employment)
        return employment

    def title_for(self, draft: PersonDraft, unit_info: UnitInfo) -> JobTitle:
        region_spec = draft.info.region_spec if draft.info else None
        assert region_spec is not None
        codes, weights = zip(*region_spec.recipe_titles[unit_info.recipe], strict=True)
        code = self.rng.choices(codes, weights=weights)[0]
        return self.org.title(region_spec.slug, code)

    # -- staff and managers ---------------------------------------------------------------

    def staff(self, info: MunicipalityInfo, unit_info: UnitInfo) -> PersonDraft:
        """An employee of ``unit_info`` with a plausible career, sometimes with a second job."""
        rng = self.rng
        draft = self.person(info, female_share=0.85 if info.country == "DK" else 0.82)
        start = max(persons.employment_start(rng), unit_info.unit.opened_on)
        others = [u for u in info.units if u is not unit_info]
        roll = rng.random()
        if unit_info.predecessor is not None and roll < 0.35:
            # Came over when the closed unit merged into this one.
            closed = unit_info.predecessor
            assert closed.closed_on is not None
            earlier = persons.date_between(
                rng,
                persons.add_years(closed.closed_on, -15),
                closed.closed_on - datetime.timedelta(days=200),
            )
            draft.employments.append(
                EmploymentDraft(
                    closed,
                    self.title_for(draft, unit_info),
                    persons.extent(rng),
                    max(earlier, closed.opened_on),
                    closed.closed_on,
                )
            )
            start = closed.closed_on + ONE_DAY
        elif others and roll < 0.02:
            # Worked in another unit of the municipality before.
            other = rng.choice(others)
            end = start - ONE_DAY
            begun = max(
                end - datetime.timedelta(days=rng.randint(365, 8 * 365)), other.unit.opened_on
            )
            if begun < end:
                self.employ(draft, other, begun, extent=persons.extent(rng), end=end)
        main = self.employ(draft, unit_info, start, extent=persons.extent(rng))
        roll = rng.random()
        if roll < 0.015:
            # Left the municipality: the record stays in the HR data.
            last_day = ANCHOR - datetime.timedelta(days=30)
            if main.start + datetime.timedelta(days=30) < last_day:
                main.end = persons.date_between(
                    rng, main.start + datetime.timedelta(days=30), last_day
                )
        elif others and roll < 0.065:
            # A second, concurrent employment in another unit of the same municipality.
            main.extent = rng.choice((50, 60, 75))
            second = rng.choice(others)
            extent = rng.choice([e for e in (25, 40, 50) if main.extent + e <= 100])
            self.employ(
                draft,
                second,
                persons.date_between(rng, main.start, ANCHOR - datetime.timedelta(days=7)),
                extent=extent,
            )
        draft.login = main.end is None and rng.random() < 0.30
        return self.finish(draft)

    def manager(
        self,
        info: MunicipalityInfo,
        units: list[UnitInfo],
        draft: PersonDraft | None = None,
        start: datetime.date | None = None,
    ) -> PersonDraft:
        """The manager (enhetschef/leder) of ``units``, employed in the first of them."""
        rng = self.rng
        draft = draft or self.person(info, female_share=0.7)
        title = self.org.title(info.region_spec.slug, info.region_spec.manager_title)
        start = start or persons.days_back(rng, 0.3, 14)
        employment = self.employ(draft, units[0], start, title=title)
        for unit_info in units:
            draft.roles.append(
                RoleDraft(
                    Role.MANAGER, unit_info.unit, max(employment.start, unit_info.unit.opened_on)
                )
            )
            closed = unit_info.predecessor
            if closed is not None and closed.closed_on and employment.start < closed.closed_on:
                draft.roles.append(
                    RoleDraft(
                        Role.MANAGER,
                        closed,
                        max(employment.start, closed.opened_on),
                        closed.closed_on,
                    )
                )
        draft.login = True
        return self.finish(
            draft,
            profession_start=employment.start
            - datetime.timedelta(days=rng.randint(2 * 365, 20 * 365)),
        )


def write(drafts: list[PersonDraft], password_hash: str) -> dict[str, int]:
    """Insert users, people, employments and role assignments; return the counts."""
    users = []
    for draft in drafts:
        if draft.login:
            draft.user = User(
                email=draft.email,
                display_name=draft.full_name,
                password=password_hash,
                date_joined=ANCHOR_MOMENT,
            )
            users.append(draft.user)
    User.objects.bulk_create(users, batch_size=BATCH)

    people = [
        Person(
            user=draft.user,
            municipality=draft.info.municipality if draft.info else None,
            region=draft.region,
            first_name=draft.first,
            last_name=draft.last,
            email=draft.email,
            phone=draft.phone,
            preferred_language=draft.info.spec.language if draft.info else "sv",
            identity_number=draft.identity_number,
            identity_number_hash=identity_number_hash(draft.identity_number),
            profession_start_date=draft.profession_start,
            employee_number=draft.employee_number,
        )
        for draft in drafts
    ]
    Person.objects.bulk_create(people, batch_size=BATCH)

    sequence: dict[int, int] = {}
    employments = []
    for draft, person in zip(drafts, people, strict=True):
        for item in sorted(draft.employments, key=lambda e: e.start):
            municipality = item.unit.municipality
            sequence[municipality.pk] = sequence.get(municipality.pk, 0) + 1
            employments.append(
                Employment(
                    person=person,
                    unit=item.unit,
                    job_title=item.title,
                    extent_percent=item.extent,
                    start_date=item.start,
                    end_date=item.end,
                    source_key=f"EMP-{municipality.code}-{sequence[municipality.pk]:06d}",
                )
            )
    Employment.objects.bulk_create(employments, batch_size=BATCH)

    assignments = []
    for draft in drafts:
        for role in draft.roles:
            scope = {type(role.scope).__name__.lower(): role.scope}
            assignments.append(
                RoleAssignment(
                    user=draft.user,
                    role=role.role,
                    valid_from=role.valid_from,
                    valid_to=role.valid_to,
                    **scope,
                )
            )
    RoleAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    return {
        "users": len(users),
        "people": len(people),
        "employments": len(employments),
        "role_assignments": len(assignments),
    }

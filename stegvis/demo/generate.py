"""``generate()``: the whole demo in one transaction, the same rows for the same seed and size.

All randomness comes from one ``random.Random(seed)``; all dates are counted back from the fixed
``region.ANCHOR`` (2026-09-01), never from today. The demo logins in ``LOGINS`` exist whatever
the size; they all share one password, and those that must use a second factor (HR officers and
the administrator) share the TOTP secret ``DEMO_TOTP_SECRET`` (``manage.py demo_totp EMAIL``
prints the current code).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_noop

from stegvis.accounts.models import User
from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.organisations.models import (
    Municipality,
    OperatingArea,
    Region,
    Role,
    RoleAssignment,
    Unit,
)
from stegvis.organisations.roles import SECOND_FACTOR_ROLES
from stegvis.people.models import Employment, JobTitle, Person

from . import persons
from .competences import remove_competences, seed_competences
from .courses import remove_courses
from .development import remove_development
from .funding import remove_funding
from .journeys import remove_journeys
from .logins import ANNA, JONAS, LARS, MARIA, METTE
from .organisation import MunicipalityInfo, Organisation, UnitInfo, build_organisation
from .region import DEMO_REGION_SLUGS
from .regionplan import remove_regionplan
from .staff import PersonDraft, RoleDraft, StaffBuilder, write
from .strategy import remove_strategy

DEFAULT_EMPLOYEES = 3000
DEFAULT_SEED = 2026
# Published on purpose: both are for the demo only and documented in the README.
DEFAULT_PASSWORD = "stegvis-demo-2026"  # noqa: S105
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105
DEMO_EMAIL_SUFFIX = ".demo"
DANISH_SHARE = 0.08

# The documented demo logins: (role label, email). They exist for every size and seed.
LOGINS: list[tuple[str, str]] = [
    ("Employee", ANNA),
    ("Manager", MARIA),
    ("HR officer", "hr@uddevalla.demo"),
    ("Regional coordinator", "koordinator@fyrbodal.demo"),
    ("Administrator", "admin@fyrbodal.demo"),
    ("Statistics reader", "statistik@fyrbodal.demo"),
    ("Auditor", "revisor@uddevalla.demo"),
    ("Course leader", JONAS),
    ("Employee (Denmark)", METTE),
    ("Leader (Denmark)", LARS),
    ("HR officer (Denmark)", "hr@randers.demo"),
]
SECOND_FACTOR_LOGINS = ("hr@uddevalla.demo", "admin@fyrbodal.demo", "hr@randers.demo")

# Small units that one manager sometimes leads together.
_SHARED_MANAGEMENT = {"group_home", "day_activity", "boendestod", "sp_unit"}
# Municipalities with a generated course leader (Uddevalla has the fixed one).
_COURSE_LEADER_TOWNS = ("Trollhättan", "Vänersborg", "Lysekil", "Åmål", "Randers")


class DemoDataExists(Exception):
    """The database already holds an organisation; the demo is only seeded into an empty one."""


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    employees: int
    regions: int
    municipalities: int
    operating_areas: int
    units: int
    job_titles: int
    people: int
    employments: int
    users: int
    role_assignments: int
    logins: list[tuple[str, str]] = field(default_factory=list)
    competences: dict[str, int] = field(default_factory=dict)
    second_factor_logins: tuple[str, ...] = SECOND_FACTOR_LOGINS
    password: str = DEFAULT_PASSWORD
    totp_secret: str = DEMO_TOTP_SECRET

    def lines(self) -> list[str]:
        """A short report: the counts and the table of demo logins."""
        width = max(len(label) for label, _email in self.logins)
        result = [
            f"Demo data (seed {self.seed}, {self.employees} employees requested):",
            f"  {self.municipalities} municipalities in {self.regions} regions, "
            f"{self.operating_areas} operating areas, {self.units} units",
            f"  {self.people} people, {self.employments} employments, {self.users} logins, "
            f"{self.role_assignments} role assignments",
            *self._competence_lines(),
            f"Demo logins (password {self.password}):",
        ]
        for label, email in self.logins:
            note = (
                "  (TOTP: manage.py demo_totp EMAIL)" if email in self.second_factor_logins else ""
            )
            result.append(f"  {label.ljust(width)}  {email}{note}")
        return result

    def _competence_lines(self) -> list[str]:
        c = self.competences
        if not c:
            return []
        return [
            f"  {c['frameworks']} framework versions ({c['items']} items), {c['rules']} basic "
            f"competence rules, {c['ladders']} ladders, {c['requirements']} requirements",
            f"  {c['qualifications']} qualifications, {c['records']} competence record entries, "
            f"{c['placements']} ladder placements",
        ]


def generate(
    *,
    employees: int = DEFAULT_EMPLOYEES,
    seed: int = DEFAULT_SEED,
    password: str = DEFAULT_PASSWORD,
    reset: bool = False,
) -> DemoSummary:
    """Seed the demo into an empty database (or, with ``reset``, after removing the old demo)."""
    if employees < 0:
        raise ValueError("employees must be zero or more")
    with transaction.atomic():
        if reset:
            reset_demo_data()
        if Region.objects.exists():
            raise DemoDataExists(
                "A region already exists: seed only an empty database "
                "(or reset the demo data first)."
            )
        rng = random.Random(seed)
        org = build_organisation(rng)
        builder = StaffBuilder(rng, org)
        for _label, email in LOGINS:
            builder.emails.reserve(email)
        fixed = _fixed_people(builder, org)
        _managers(builder, org)
        _hr_officers(builder, org)
        _employees(builder, org, employees, fixed)
        _course_leaders(builder, org)
        counts = write(builder.drafts, make_password(password))
        _second_factors(builder.drafts)
        competences = seed_competences(org, seed)
        log_action(
            "demo.seeded",
            actor=None,
            target=org.regions["fyrbodal"],
            message=gettext_noop("Demo data generated: %(people)s people in %(units)s units"),
            data={"people": counts["people"], "units": org.unit_count, "seed": seed},
            source=AuditEvent.Source.COMMAND,
        )
    return DemoSummary(
        seed=seed,
        employees=employees,
        regions=len(org.regions),
        municipalities=len(org.municipalities),
        operating_areas=org.area_count,
        units=org.unit_count,
        job_titles=len(org.titles),
        people=counts["people"],
        employments=counts["employments"],
        users=counts["users"],
        role_assignments=counts["role_assignments"],
        logins=list(LOGINS),
        competences=competences,
        password=password,
    )


def reset_demo_data() -> None:
    """Remove the demo regions with everything under them, and every ``*.demo`` login."""
    with transaction.atomic():
        regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
        users = User.objects.filter(email__endswith=DEMO_EMAIL_SUFFIX)
        in_regions = Q(municipality__region__in=regions)
        remove_funding(regions)  # fundings protect registrations, grants the tree
        remove_regionplan(regions)  # proposals protect courses, plans their region
        remove_strategy(regions)  # strategy plans and meetings protect units and courses
        remove_development(regions)  # plans and journeys protect courses, units and people
        remove_journeys(regions)
        remove_courses(regions)
        remove_competences(regions)
        RoleAssignment.objects.filter(
            Q(user__in=users)
            | Q(region__in=regions)
            | in_regions
            | Q(unit__municipality__region__in=regions)
        ).delete()
        Employment.objects.filter(
            Q(unit__municipality__region__in=regions) | Q(person__region__in=regions)
        ).delete()
        Person.objects.filter(region__in=regions).delete()
        users.delete()
        units = Unit.objects.filter(in_regions)
        units.exclude(merged_into=None).update(merged_into=None)
        units.delete()
        JobTitle.objects.filter(region__in=regions).delete()
        OperatingArea.objects.filter(in_regions).delete()
        Municipality.objects.filter(region__in=regions).delete()
        regions.delete()


def _units(info: MunicipalityInfo, recipe: str) -> list[UnitInfo]:
    return [u for u in info.units if u.recipe == recipe]


def _fixed_people(builder: StaffBuilder, org: Organisation) -> list[UnitInfo]:
    """The documented logins; returns the units where a fixed person holds a staff place."""
    uddevalla, randers = org.municipality("Uddevalla"), org.municipality("Randers")
    care_homes = _units(uddevalla, "care_home")
    group_home = _units(uddevalla, "group_home")[0]
    dk_care_home = _units(randers, "care_home")[0]
    date = datetime.date

    anna = builder.person(uddevalla, female=True, name=("Anna", "Lindqvist"), email=ANNA)
    builder.employ(
        anna,
        care_homes[0],
        date(2024, 2, 1),
        extent=90,
        title=org.title("fyrbodal", "underskoterska"),
    )
    anna.login = True
    builder.finish(anna, profession_start=date(2023, 8, 14))

    maria = builder.person(uddevalla, female=True, name=("Maria", "Berg"), email=MARIA)
    builder.manager(uddevalla, care_homes[:2], draft=maria, start=date(2018, 3, 1))

    jonas = builder.person(uddevalla, female=False, name=("Jonas", "Ekberg"), email=JONAS)
    builder.employ(jonas, group_home, date(2015, 8, 17), title=org.title("fyrbodal", "stodpedagog"))
    jonas.login = True
    jonas.roles.append(RoleDraft(Role.COURSE_LEADER, uddevalla.municipality, date(2022, 1, 10)))
    builder.finish(jonas)

    def official(
        info: MunicipalityInfo | None,
        name: tuple[str, str],
        female: bool,
        email: str,
        role: str,
        since: datetime.date,
    ) -> None:
        draft = builder.person(info, region_slug="fyrbodal", female=female, name=name, email=email)
        scope = {Role.HR: info and info.municipality, Role.AUDITOR: info and info.municipality}.get(
            role, org.regions["fyrbodal"]
        )
        draft.roles.append(RoleDraft(role, scope, since))
        draft.login = True
        builder.finish(draft)

    official(uddevalla, ("Helena", "Ström"), True, "hr@uddevalla.demo", Role.HR, date(2021, 4, 1))
    official(
        None,
        ("Karin", "Sjöberg"),
        True,
        "koordinator@fyrbodal.demo",
        Role.COORDINATOR,
        date(2020, 1, 13),
    )
    official(
        None,
        ("Peter", "Holmgren"),
        False,
        "admin@fyrbodal.demo",
        Role.ADMINISTRATOR,
        date(2019, 9, 2),
    )
    # A union representative who follows the region's figures.
    official(
        None,
        ("Lena", "Ekström"),
        True,
        "statistik@fyrbodal.demo",
        Role.STATISTICS_READER,
        date(2023, 1, 16),
    )
    official(
        uddevalla,
        ("Göran", "Dahl"),
        False,
        "revisor@uddevalla.demo",
        Role.AUDITOR,
        date(2024, 5, 6),
    )

    mette = builder.person(randers, female=True, name=("Mette", "Jensen"), email=METTE)
    builder.employ(
        mette,
        dk_care_home,
        date(2019, 5, 1),
        extent=80,
        title=org.title("midtjylland", "social-og-sundhedsassistent"),
    )
    mette.login = True
    builder.finish(mette, profession_start=date(2012, 8, 1))
    lars = builder.person(randers, female=False, name=("Lars", "Nielsen"), email=LARS)
    builder.manager(randers, [dk_care_home], draft=lars, start=date(2016, 1, 4))
    official(randers, ("Camilla", "Rasmussen"), True, "hr@randers.demo", Role.HR, date(2020, 2, 3))
    return [care_homes[0], group_home, dk_care_home]


def _managed_units(drafts: list[PersonDraft]) -> set[int]:
    return {
        r.scope.pk
        for d in drafts
        for r in d.roles
        if r.role == Role.MANAGER and isinstance(r.scope, Unit)
    }


def _managers(builder: StaffBuilder, org: Organisation) -> None:
    """A manager for every open unit; some lead two small units of the same operating area."""
    managed = _managed_units(builder.drafts)
    for info in org.municipalities:
        pending = [u for u in info.units if u.unit.pk not in managed]
        while pending:
            group = [pending.pop(0)]
            first = group[0]
            if first.recipe in _SHARED_MANAGEMENT and builder.rng.random() < 0.35:
                partner = next(
                    (
                        u
                        for u in pending
                        if u.recipe in _SHARED_MANAGEMENT
                        and u.unit.operating_area_id == first.unit.operating_area_id
                    ),
                    None,
                )
                if partner is not None:
                    pending.remove(partner)
                    group.append(partner)
            builder.manager(info, group)


def _hr_officers(builder: StaffBuilder, org: Organisation) -> None:
    """One HR officer per municipality (hr@<municipality>.demo)."""
    taken = {r.scope.pk for d in builder.drafts for r in d.roles if r.role == Role.HR}
    for info in org.municipalities:
        if info.municipality.pk in taken:
            continue
        draft = builder.person(info, email=f"hr@{info.slug}.demo", female_share=0.8)
        draft.roles.append(
            RoleDraft(Role.HR, info.municipality, persons.days_back(builder.rng, 0.5, 8))
        )
        draft.login = True
        builder.finish(draft)


def _allocate(total: int, units: list[UnitInfo]) -> list[int]:
    """``total`` places over ``units`` by weight (largest remainder), at least one each if able."""
    if not units:
        return []
    base = 1 if total >= len(units) else 0
    rest = total - base * len(units)
    weight_sum = sum(u.weight for u in units)
    shares = [rest * u.weight / weight_sum for u in units]
    counts = [int(s) for s in shares]
    order = sorted(range(len(units)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [base + c for c in counts]


def _employees(builder: StaffBuilder, org: Organisation, total: int, fixed: list[UnitInfo]) -> None:
    danish = round(total * DANISH_SHARE)
    for countries, share in ((("SE",), total - danish), (("DK",), danish)):
        infos = [i for i in org.municipalities if i.country in countries]
        units = [(info, u) for info in infos for u in info.units]
        counts = _allocate(share, [u for _info, u in units])
        for (info, unit_info), count in zip(units, counts, strict=True):
            count -= sum(1 for f in fixed if f is unit_info)
            for _ in range(max(count, 0)):
                builder.staff(info, unit_info)


def _course_leaders(builder: StaffBuilder, org: Organisation) -> None:
    """Course leaders are experienced staff (a level-2 title where there is one)."""
    for town in _COURSE_LEADER_TOWNS:
        info = org.municipality(town)
        staff = [
            d
            for d in builder.drafts
            if d.info is info and not d.roles and any(e.end is None for e in d.employments)
        ]
        senior = [
            d for d in staff if any(e.end is None and e.title.level >= 2 for e in d.employments)
        ]
        if not (senior or staff):
            continue
        draft = builder.rng.choice(senior or staff)
        draft.login = True
        draft.roles.append(
            RoleDraft(Role.COURSE_LEADER, info.municipality, persons.days_back(builder.rng, 0.2, 4))
        )


def _second_factors(drafts: list[PersonDraft]) -> None:
    """HR officers and administrators get a TOTP authenticator with the known demo secret."""
    from allauth.mfa.totp.internal.auth import TOTP

    for draft in drafts:
        if draft.user is not None and any(r.role in SECOND_FACTOR_ROLES for r in draft.roles):
            TOTP.activate(draft.user, DEMO_TOTP_SECRET)

"""The demo's strategy plans and joint committee meetings (seed 003: standard 2.1, MED-udvalg).

``seed_demo`` calls ``seed_strategy`` after ``seed_development``, in the same transaction.
Maria Berg's two care homes in Uddevalla and Lars Nielsen's unit in Randers each get last
year's plan, adopted, and this year's draft started as a copy of it. Committee meetings:

* Maria's first unit: its samverkansgrupp discussed strategic competence development four
  months ago (and a year before that): in order;
* Maria's second unit: the last discussion was thirteen months ago: **overdue** (the
  ``strategy_tick`` reminds Maria and Uddevalla's HR);
* Uddevalla's central samverkansgrupp met last month without it on the agenda;
* Lars's unit: the lokale MED-udvalg discussed it eleven months ago: **due soon**.

Everything goes through the services (with their audit entries), except the dates of last
year's adoption, which are set afterwards (the service stamps the present moment).
``remove_strategy`` takes it away again before ``reset_demo_data`` deletes the units.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from stegvis.accounts.models import User
from stegvis.organisations.models import Municipality, Region, Role, RoleAssignment, Unit
from stegvis.strategy import services
from stegvis.strategy.models import JointCommitteeMeeting, StrategyPlan
from stegvis.strategy.selectors import course_choices

from .logins import LARS, MARIA
from .region import DEMO_REGION_SLUGS

HR_UDDEVALLA = "hr@uddevalla.demo"

SV = {
    "tasks_ahead": (
        "Fler boende med demenssjukdom och med flera diagnoser. Välfärdsteknik (digital "
        "tillsyn, läkemedelsrobotar) införs under året. Fler medarbetare går i pension."
    ),
    "goals_and_strategies": (
        "Kommunens mål: trygg och personcentrerad vård. Strategi: alla baspersonal har "
        "undersköterskebevis senast 2027; minst två per pass har demensutbildning."
    ),
    "staff_expectations": (
        "Alla deltar i arbetsplatsträffar och reflektion, delar kunskap efter kurs och tar "
        "ansvar för sin egen utveckling i medarbetarsamtalet."
    ),
    "development_offered": (
        "Yrkesresans kurser enligt kompetenstrappan, handledning varannan vecka, "
        "validering för undersköterskebevis och studietid inom statsbidraget."
    ),
}
DA = {
    "tasks_ahead": (
        "Flere borgere med komplekse psykiatriske og somatiske behov. Ny dokumentationspraksis "
        "og velfærdsteknologi i bofællesskabet."
    ),
    "goals_and_strategies": (
        "Kommunens aftalemål: borgerinddragelse og rehabilitering. Strategi: alle "
        "medarbejdere kender og bruger den pædagogiske referenceramme."
    ),
    "staff_expectations": (
        "Medarbejderne deltager i MUS og GRUS, deler viden efter kurser og bidrager til "
        "vidensbanken."
    ),
    "development_offered": (
        "Kurser i den fælles kompetencetrappe, supervision hver måned og sidemandsoplæring "
        "af nye kolleger."
    ),
}
BUDGET_SV = [
    ("Kursavgifter Yrkesresan", Decimal("48000")),
    ("Vikarier under kursdagar", Decimal("62500")),
    ("Extern handledning", Decimal("18000")),
]
BUDGET_DA = [
    ("Kursusgebyrer", Decimal("35000")),
    ("Vikardækning", Decimal("42000")),
    ("Supervision", Decimal("24000")),
]


@dataclass(frozen=True)
class StrategySummary:
    plans: int
    adopted: int
    meetings: int

    def lines(self) -> list[str]:
        return [
            f"  {self.plans} strategy plans ({self.adopted} adopted), "
            f"{self.meetings} joint committee meetings"
        ]


def _managed_units(email: str) -> list[Unit]:
    assignments = RoleAssignment.objects.active().filter(
        role=Role.MANAGER, user__email=email, unit__isnull=False
    )
    return list(
        Unit.objects.filter(pk__in=assignments.values("unit"))
        .select_related("municipality")
        .order_by("name", "pk")
    )


def _plans(unit: Unit, actor, today: datetime.date, texts: dict, budget) -> None:
    """Last year's plan, adopted in January of last year; this year's draft as its copy."""
    last = services.plan_create(actor=actor, unit=unit, year=today.year - 1, copy_previous=False)
    services.plan_update(
        actor=actor,
        plan=last,
        sections=texts,
        courses=list(course_choices(unit)[:3]),
        budget_lines=budget,
    )
    services.plan_adopt(actor=actor, plan=last)
    adopted_at = timezone.make_aware(datetime.datetime(today.year - 1, 1, 28, 10, 0))
    StrategyPlan.objects.filter(pk=last.pk).update(adopted_at=adopted_at)
    services.plan_create(actor=actor, unit=unit, year=today.year)


def _meeting(actor, unit: Unit | None, municipality: Municipality, held_on, committee, **kw):
    services.meeting_record(
        actor=actor,
        municipality=municipality,
        unit=unit,
        held_on=held_on,
        committee=committee,
        strategic_competence_on_agenda=kw.get("on_agenda", True),
        minutes=kw.get("minutes", ""),
        decisions=kw.get("decisions", ""),
    )


def seed_strategy(*, seed: int) -> StrategySummary:
    """Create the demo plans and meetings; return the counts. ``seed`` is accepted for the
    call's sake: nothing here is drawn at random."""
    del seed
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    users = {u.email: u for u in User.objects.filter(email__in=(MARIA, LARS, HR_UDDEVALLA))}
    with transaction.atomic():
        maria_units = _managed_units(MARIA)[:2]
        for unit in maria_units:
            _plans(unit, users.get(MARIA), today, SV, BUDGET_SV)
        if maria_units:
            first = maria_units[0]
            for ago in (485, 120):
                _meeting(
                    users.get(MARIA),
                    first,
                    first.municipality,
                    today - ago * day,
                    "Samverkansgrupp " + first.name,
                    minutes="Kompetensplanen och årets utbildningsbehov gicks igenom.",
                    decisions="Två medarbetare går demensutbildning; handledning fortsätter.",
                )
            _meeting(
                users.get(HR_UDDEVALLA),
                None,
                first.municipality,
                today - 30 * day,
                "Förvaltningens samverkansgrupp",
                on_agenda=False,
                minutes="Budget och arbetsmiljö.",
            )
        if len(maria_units) > 1:
            second = maria_units[1]
            _meeting(
                users.get(MARIA),
                second,
                second.municipality,
                today - 395 * day,
                "Samverkansgrupp " + second.name,
                minutes="Strategisk kompetensutveckling: behov inför nästa år.",
                decisions="Planen antas; uppföljning om ett år.",
            )
        for unit in _managed_units(LARS)[:1]:
            _plans(unit, users.get(LARS), today, DA, BUDGET_DA)
            _meeting(
                users.get(LARS),
                unit,
                unit.municipality,
                today - 340 * day,
                "Lokalt MED-udvalg",
                minutes="Strategisk kompetenceudvikling: mål, behov og indsats blev evalueret.",
                decisions="Alle nye medarbejdere får sidemandsoplæring.",
            )
    regions = Region.objects.filter(slug__in=DEMO_REGION_SLUGS)
    plans = StrategyPlan.objects.filter(unit__municipality__region__in=regions)
    return StrategySummary(
        plans=plans.count(),
        adopted=plans.filter(status=StrategyPlan.Status.ADOPTED).count(),
        meetings=JointCommitteeMeeting.objects.filter(municipality__region__in=regions).count(),
    )


def remove_strategy(regions: QuerySet[Region]) -> None:
    """Remove the plans and meetings of ``regions`` (before their units go: both protect it)."""
    in_regions = Q(unit__municipality__region__in=regions)
    plans = StrategyPlan.objects.filter(in_regions)
    plans.exclude(copied_from=None).update(copied_from=None)
    plans.delete()  # budget lines go with their plan
    JointCommitteeMeeting.objects.filter(municipality__region__in=regions).delete()

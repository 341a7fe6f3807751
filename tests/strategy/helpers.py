"""Shared builders for the strategy tests: plans and committee meetings on the standard cast."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from stegvis.strategy import services
from stegvis.strategy.models import BudgetLine, JointCommitteeMeeting, StrategyPlan

SECTIONS = {
    "tasks_ahead": "Fler brukare med demenssjukdom och ökad digitalisering.",
    "goals_and_strategies": "Trygg vård för varje brukare; alla baspersonal undersköterskor.",
    "staff_expectations": "Alla deltar i arbetsplatsträffar och delar kunskap efter kurs.",
    "development_offered": "Handledning varannan vecka och två kurser per person och år.",
}


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def plan(unit, year: int | None = None, *, adopted: bool = False, **fields) -> StrategyPlan:
    """A plan with every section written and two budget lines (adopted if asked)."""
    found = StrategyPlan.objects.create(
        unit=unit,
        year=year or timezone.localdate().year,
        currency="DKK" if unit.municipality.country == "DK" else "SEK",
        **{**SECTIONS, **fields},
    )
    BudgetLine.objects.create(plan=found, description="Kursavgifter", amount=Decimal("12000"))
    BudgetLine.objects.create(
        plan=found, description="Vikarier", amount=Decimal("8500.50"), order=1
    )
    if adopted:
        found = services.plan_adopt(actor=None, plan=found)
    return found


def meeting(*, unit=None, municipality=None, held_on=None, on_agenda=True, **fields):
    municipality = municipality or unit.municipality
    return JointCommitteeMeeting.objects.create(
        municipality=municipality,
        unit=unit,
        held_on=held_on or days(-10),
        committee=fields.pop("committee", "Samverkansgrupp"),
        strategic_competence_on_agenda=on_agenda,
        minutes=fields.pop("minutes", "Vi gick igenom kompetensplanen."),
        **fields,
    )

"""The strategy plan's rules: one per unit and year, copy of last year, adopt, changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.strategy import services
from stegvis.strategy.models import StrategyPlan
from tests.course_factories import CourseFactory
from tests.strategy.helpers import SECTIONS, plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are matched in English."""
    with translation.override("en"):
        yield


def test_one_plan_per_unit_and_year(cast):
    services.plan_create(actor=cast.manager.user, unit=cast.solgarden, year=2026)
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=cast.manager.user, unit=cast.solgarden, year=2026)
    assert "year" in error.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategyPlan.objects.create(unit=cast.solgarden, year=2026)
    services.plan_create(actor=cast.manager.user, unit=cast.solgarden, year=2027)
    services.plan_create(actor=cast.hr.user, unit=cast.linden, year=2026)
    assert StrategyPlan.objects.count() == 3


def test_the_currency_follows_the_municipalitys_country(cast):
    swedish = services.plan_create(actor=None, unit=cast.solgarden, year=2026)
    danish = services.plan_create(actor=None, unit=cast.kildevang, year=2026)
    assert (swedish.currency, danish.currency) == ("SEK", "DKK")


def test_a_new_year_starts_as_a_copy_of_the_latest_plan(cast):
    kept = CourseFactory(region=cast.region, title="Demens ABC")
    archived = CourseFactory(region=cast.region, title="Gammal kurs", archived=True)
    older = plan(cast.solgarden, 2024, adopted=True, tasks_ahead="Äldre text")
    last = plan(cast.solgarden, 2025, adopted=True)
    last.courses.set([kept, archived])
    new = services.plan_create(actor=cast.manager.user, unit=cast.solgarden, year=2026)
    assert new.copied_from == last and new.copied_from != older
    assert new.status == StrategyPlan.Status.DRAFT and new.adopted_at is None
    assert {name: getattr(new, name) for name in SECTIONS} == SECTIONS
    assert [(x.description, x.amount) for x in new.budget_lines.all()] == [
        ("Kursavgifter", Decimal("12000.00")),
        ("Vikarier", Decimal("8500.50")),
    ]
    assert list(new.courses.all()) == [kept]
    # last year's plan is untouched: its lines are its own
    assert last.budget_lines.count() == 2 and last.is_adopted
    event = AuditEvent.objects.get(action="strategy.plan.created", target_id=new.pk)
    assert event.data["source"] == 2025


def test_a_plan_may_start_empty(cast):
    plan(cast.solgarden, 2025, adopted=True)
    new = services.plan_create(actor=None, unit=cast.solgarden, year=2026, copy_previous=False)
    assert new.copied_from is None and new.tasks_ahead == "" and not new.budget_lines.exists()


def test_adopting_needs_every_section_and_locks_the_plan(cast):
    draft = services.plan_create(actor=None, unit=cast.solgarden, year=2026)
    with pytest.raises(ValidationError, match="Write every section"):
        services.plan_adopt(actor=cast.manager.user, plan=draft)
    services.plan_update(
        actor=cast.manager.user, plan=draft, sections=SECTIONS, courses=[], budget_lines=[]
    )
    adopted = services.plan_adopt(actor=cast.manager.user, plan=draft)
    assert adopted.is_adopted and adopted.adopted_by == cast.manager.user
    assert adopted.adopted_by_label == str(cast.manager.user) and adopted.adopted_at
    with pytest.raises(ValidationError, match="adopted"):
        services.plan_adopt(actor=cast.manager.user, plan=adopted)
    with pytest.raises(ValidationError, match="adopted"):
        services.plan_update(
            actor=cast.manager.user, plan=adopted, sections={}, courses=[], budget_lines=[]
        )
    assert StrategyPlan.objects.get(pk=draft.pk).tasks_ahead == SECTIONS["tasks_ahead"]
    adoptions = AuditEvent.objects.filter(action="strategy.plan.adopted", target_id=draft.pk)
    assert adoptions.count() == 1


def test_update_saves_sections_courses_and_budget_and_records_what_changed(cast):
    course = CourseFactory(region=cast.region)
    draft = services.plan_create(actor=None, unit=cast.solgarden, year=2026)
    services.plan_update(
        actor=cast.manager.user,
        plan=draft,
        sections={**SECTIONS, "tasks_ahead": "  Nya uppdrag  "},
        courses=[course],
        budget_lines=[("Handledning", Decimal("5000")), ("Kurs", Decimal("1500.25"))],
    )
    draft = StrategyPlan.objects.get(pk=draft.pk)
    assert draft.tasks_ahead == "Nya uppdrag"
    assert list(draft.courses.all()) == [course]
    assert draft.total == Decimal("6500.25")
    event = AuditEvent.objects.get(action="strategy.plan.updated", target_id=draft.pk)
    assert "budget" in event.data["fields"] and "courses" in event.data["fields"]
    # saving the same again records nothing
    services.plan_update(
        actor=cast.manager.user,
        plan=draft,
        sections={**SECTIONS, "tasks_ahead": "Nya uppdrag\n"},
        courses=[course],
        budget_lines=[("Handledning", Decimal("5000.00")), ("Kurs", Decimal("1500.25"))],
    )
    assert AuditEvent.objects.filter(action="strategy.plan.updated").count() == 1


def test_only_courses_of_the_units_region_or_municipality_can_be_linked(cast):
    foreign = CourseFactory(region=cast.other_region)
    own_town = CourseFactory(region=None, municipality=cast.uddevalla)
    other_town = CourseFactory(region=None, municipality=cast.vanersborg)
    draft = services.plan_create(actor=None, unit=cast.solgarden, year=2026)
    for course in (foreign, other_town):
        with pytest.raises(ValidationError):
            services.plan_update(
                actor=None, plan=draft, sections=SECTIONS, courses=[course], budget_lines=[]
            )
    services.plan_update(
        actor=None, plan=draft, sections=SECTIONS, courses=[own_town], budget_lines=[]
    )
    assert list(draft.courses.all()) == [own_town]

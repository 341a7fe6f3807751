"""The organisation's follow-up figures: shares per unit and municipality, small groups hidden."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stegvis.development.followup import follow_up_scope, follow_up_table
from stegvis.development.models import Dialogue, DialogueParticipant, PlanActivity
from tests import factories as f
from tests.development.plan_helpers import days, dialogue_with, plan_scenario

pytestmark = pytest.mark.django_db


def _staff(unit, n, name="Extra"):
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"{name}{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _rows(table) -> dict:
    rows = {}
    for block in table.blocks:
        for row in block.units:
            rows[row.name] = row
        if block.total is not None:
            rows[f"{block.municipality.name} total"] = block.total
    return rows


def _table(user):
    return follow_up_table(follow_up_scope(user))


def test_shares_of_dialogues_held_and_plans_approved_and_overdue_activities(cast, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 5
    solgarden = _staff(cast.solgarden, 4)  # + Anna and Maria: 6
    _staff(cast.linden, 4)  # + Karin: 5
    dialogue_with(cast, solgarden[0], solgarden[1])
    old = dialogue_with(cast, solgarden[2])
    Dialogue.objects.filter(pk=old.pk).update(held_at=timezone.now() - datetime.timedelta(days=400))
    planned = dialogue_with(cast, solgarden[3], held=False)
    assert DialogueParticipant.objects.filter(dialogue=planned).exists()
    scenario = plan_scenario(cast, approved=True)  # Anna: a held dialogue and an approved plan
    PlanActivity.objects.filter(pk=scenario["mentoring"].pk).update(due_on=days(-1))
    rows = _rows(_table(cast.hr.user))
    assert (rows["Solgården"].people, rows["Solgården"].with_dialogue) == (6, 50)  # 3 of 6
    assert rows["Solgården"].with_plan == 17  # 1 of 6
    assert rows["Solgården"].overdue == 1
    linden = rows["Gruppbostad Linden"]
    assert (linden.people, linden.with_dialogue, linden.with_plan, linden.overdue) == (5, 0, 0, 0)
    total = rows["Uddevalla total"]
    assert (total.people, total.with_dialogue, total.with_plan, total.overdue) == (11, 27, 9, 1)


def test_small_groups_are_suppressed_and_a_lone_suppressed_unit_is_protected(cast, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 5
    rows = _rows(_table(cast.hr.user))
    assert rows["Solgården"].suppressed and rows["Gruppbostad Linden"].suppressed  # 2 and 1
    assert rows["Uddevalla total"].suppressed  # 3
    _staff(cast.solgarden, 5)  # Solgården 7, Linden 1
    rows = _rows(_table(cast.hr.user))
    assert rows["Gruppbostad Linden"].suppressed
    assert rows["Solgården"].suppressed, "the total minus Solgården would reveal Linden"
    assert rows["Uddevalla total"].people == 8
    third = f.UnitFactory(operating_area=cast.solgarden.operating_area, name="Björkgården")
    _staff(third, 6)
    rows = _rows(_table(cast.hr.user))
    assert rows["Björkgården"].suppressed  # the smaller of the two shown
    assert rows["Solgården"].people == 7


def test_each_reader_sees_their_scope(cast):
    hr_other = _table(cast.hr_other.user)
    assert [b.municipality.name for b in hr_other.blocks] == ["Vänersborg"]
    manager = _table(cast.manager.user)
    assert [(b.municipality.name, b.total) for b in manager.blocks] == [("Uddevalla", None)]
    assert [u.name for u in manager.blocks[0].units] == ["Solgården"]
    statistics = _table(cast.statistics.user)
    assert {b.municipality.name for b in statistics.blocks} == {"Uddevalla", "Vänersborg"}


def test_the_page_shows_figures_and_no_names(cast, login, settings):
    settings.STEGVIS_MIN_GROUP_SIZE = 2
    plan_scenario(cast, approved=True)
    page = login(cast.hr).get(reverse("development:followup")).content.decode()
    assert "Solgården" in page and "Uddevalla" in page
    assert "Anna" not in page and "dokumentationen" not in page
    for who in ("employee", "course_leader", "auditor", "outsider"):
        assert login(getattr(cast, who)).get(reverse("development:followup")).status_code == 404

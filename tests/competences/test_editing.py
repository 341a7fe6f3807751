"""Maintaining requirements (versioned), titles' basic competence and ladders."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from stegvis.competences import editing
from stegvis.competences.models import Requirement
from stegvis.core.models import AuditEvent
from tests import factories as f

D = datetime.date


@pytest.fixture
def model(cast):
    return f.competence_model(cast)


def test_revising_a_requirement_keeps_the_old_version(cast, model):
    old = model["requirement"]
    new = editing.requirement_revise(
        actor=cast.coordinator.user, requirement=old, valid_from=D(2026, 1, 1), criticality=1
    )
    old.refresh_from_db()
    assert old.valid_to == D(2025, 12, 31) and old.criticality == 2
    assert (new.version, new.lineage, new.criticality) == (2, old.lineage, 1)
    with pytest.raises(ValidationError):
        editing.requirement_revise(
            actor=cast.coordinator.user, requirement=old, valid_from=D(2027, 1, 1)
        )


def test_a_unit_requirement_needs_a_number_or_a_share(cast, model):
    with pytest.raises(ValidationError):
        editing.requirement_create(
            actor=cast.hr.user,
            owner=cast.uddevalla,
            valid_from=D(2026, 1, 1),
            item=model["hygiene"],
            applies_to="unit",
            target_unit=cast.solgarden,
            reason="users_needs",
        )
    made = editing.requirement_create(
        actor=cast.hr.user,
        owner=cast.uddevalla,
        valid_from=D(2026, 1, 1),
        item=model["hygiene"],
        applies_to="unit",
        target_unit=cast.solgarden,
        min_count=2,
        reason="users_needs",
    )
    assert (
        made.item_identifier == model["hygiene"].identifier and made.municipality == cast.uddevalla
    )
    assert AuditEvent.objects.filter(action="competences.requirement.created").exists()


def test_requirements_cannot_name_draft_competences(cast, model):
    with pytest.raises(ValidationError):
        editing.requirement_create(
            actor=cast.hr.user,
            owner=cast.uddevalla,
            valid_from=D(2026, 1, 1),
            item=model["draft_item"],
            applies_to="area",
            area_kind="elder_care",
            reason="local",
        )


def test_title_rules_and_levels(cast, model):
    title = model["title"]
    higher = f.JobTitleFactory(
        region=cast.region, code="specialist", name="Specialistundersköterska"
    )
    editing.title_update(
        actor=cast.coordinator.user,
        job_title=title,
        protected=True,
        tasks="Omvårdnad",
        next_level=higher,
    )
    with pytest.raises(ValidationError):
        editing.rule_add(
            actor=cast.coordinator.user,
            job_title=title,
            group=2,
            kind="certificate",
            code="usk-bevis",
            description="Bevis",
            transition_until=D(2033, 6, 30),
        )
    rule = editing.rule_add(
        actor=cast.coordinator.user,
        job_title=title,
        group=2,
        kind="certificate",
        code="usk-bevis",
        description="Bevis",
        transition_if_employed_on=D(2023, 7, 1),
        transition_until=D(2033, 6, 30),
    )
    editing.rule_remove(actor=cast.coordinator.user, rule=rule)
    assert list(
        AuditEvent.objects.filter(target_id=title.pk)
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "competences.title.updated",
        "competences.title.rule_added",
        "competences.title.rule_removed",
    ]


def test_ladder_steps_are_added_on_top(cast, model):
    ladder = model["ladder"]
    step = editing.ladder_step_save(
        actor=cast.coordinator.user,
        ladder=ladder,
        name="Specialist",
        entry_criteria="Fem år",
        package=[model["hygiene"]],
    )
    assert step.position == 2 and list(step.package.all()) == [model["hygiene"]]


def test_requirement_pages_for_editors(cast, model, login):
    client = login(cast.coordinator)
    page = client.get("/competences/requirements/").content.decode()
    assert f"/competences/requirements/{model['requirement'].pk}/revise/" in page
    employee_page = login(cast.employee).get("/competences/requirements/").content.decode()
    assert "/revise/" not in employee_page
    assert Requirement.objects.count() == 1


def test_a_requirement_can_name_every_unit_of_a_kind(cast, model):
    from stegvis.competences.selectors import requirements_for_unit

    made = editing.requirement_create(
        actor=cast.coordinator.user,
        owner=cast.region,
        valid_from=D(2024, 1, 1),
        item=model["hygiene"],
        applies_to="unit",
        unit_kind="care_home",
        min_count=2,
        reason="users_needs",
    )
    assert made in requirements_for_unit(cast.solgarden)  # Solgården is a care home
    other = f.UnitFactory(operating_area=cast.solgarden.operating_area, kind="home_care")
    assert made not in requirements_for_unit(other)
    with pytest.raises(ValidationError):
        editing.requirement_create(
            actor=cast.coordinator.user,
            owner=cast.region,
            valid_from=D(2024, 1, 1),
            item=model["hygiene"],
            applies_to="unit",
            unit_kind="care_home",
            target_unit=cast.solgarden,
            min_count=2,
            reason="users_needs",
        )

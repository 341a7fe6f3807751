"""The record's state on any date, title status with the undersköterska transition rule,
versions that never overwrite, and the profile page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stegvis.competences import services
from stegvis.competences.models import BasicCompetenceRule, CompetenceRecord, Framework, Item
from stegvis.competences.selectors import build_profile
from stegvis.competences.status import Status, record_states, title_status
from stegvis.people.models import Employment, JobTitle, Qualification
from tests import factories as f

D = datetime.date


@pytest.fixture
def model(cast):
    return f.competence_model(cast)


def _entry(cast, item, kind="course", achieved=None, expires=None, by=None):
    return services.record_add(
        actor=by or cast.manager.user,
        person=cast.employee,
        item=item,
        kind=kind,
        achieved_on=achieved or D(2025, 1, 1),
        expires_on=expires,
    )


def _states(cast, on):
    """What today's record says about day ``on``."""
    return record_states(
        list(cast.employee.competence_records.all()), on, as_recorded_at=timezone.now()
    )


def test_expiry_turns_met_into_expiring_then_expired(cast, model):
    hygiene = Item.objects.create(framework=model["common"], kind="competence", title="HLR")
    _entry(cast, hygiene, expires=D(2026, 6, 30))
    assert _states(cast, D(2025, 6, 1))[hygiene.identifier].status == Status.MET
    assert _states(cast, D(2026, 5, 1))[hygiene.identifier].status == Status.EXPIRING
    assert _states(cast, D(2026, 7, 1))[hygiene.identifier].status == Status.EXPIRED


def test_self_assessment_counts_only_once_confirmed(cast, model):
    entry = model["entry"]  # the employee's own self-assessment
    assert _states(cast, D(2026, 1, 1))[entry.item_identifier].status == Status.PENDING
    with pytest.raises(ValidationError):
        services.record_confirm(actor=cast.employee.user, entry=entry)
    services.record_confirm(actor=cast.manager.user, entry=entry)
    assert _states(cast, timezone.localdate())[entry.item_identifier].status == Status.MET


def test_withdrawn_entries_stay_but_no_longer_count(cast, model):
    entry = _entry(cast, model["hygiene"])
    assert _states(cast, timezone.localdate())[entry.item_identifier].status == Status.MET
    services.record_withdraw(actor=cast.manager.user, entry=entry, reason="fel person")
    states = _states(cast, timezone.localdate())
    assert states[entry.item_identifier].status == Status.PENDING  # only the self-assessment left
    assert CompetenceRecord.objects.filter(pk=entry.pk).exists()


def test_the_record_can_be_asked_as_it_stood_on_a_past_day(cast, model):
    hygiene = model["hygiene"]
    entry = _entry(cast, hygiene, achieved=D(2024, 1, 1))
    CompetenceRecord.objects.filter(pk=entry.pk).update(
        recorded_at=timezone.make_aware(datetime.datetime(2024, 3, 1))
    )
    entries = list(cast.employee.competence_records.all())
    assert hygiene.identifier not in {
        k for k, v in record_states(entries, D(2023, 12, 31)).items() if v.counts
    }
    assert hygiene.identifier not in record_states(entries, D(2024, 2, 1))  # not yet recorded
    assert record_states(entries, D(2024, 3, 2))[hygiene.identifier].status == Status.MET


def _usk(cast):
    title = JobTitle.objects.create(
        region=cast.region, code="usk", name="Undersköterska", protected=True
    )
    for code in ("usk-bevis", "leg-sjukskoterska"):
        BasicCompetenceRule.objects.create(
            job_title=title,
            group=1,
            kind="certificate",
            code=code,
            description=code,
            required_from=D(2023, 7, 1),
            transition_if_employed_on=D(2023, 7, 1),
            transition_until=D(2033, 6, 30),
        )
    return title


def _status(person, title, on):
    employments = list(Employment.objects.filter(person=person))
    current = next(e for e in employments if e.job_title_id == title.pk and e.is_current(on))
    return title_status(
        current,
        BasicCompetenceRule.objects.filter(job_title=title),
        Qualification.objects.filter(person=person),
        employments,
        on,
    )


def test_undersköterska_without_certificate_hired_after_july_2023_misses_it_now(cast):
    title = _usk(cast)
    person = f.PersonFactory(municipality=cast.uddevalla)
    f.EmploymentFactory(
        person=person, unit=cast.solgarden, job_title=title, start_date=D(2024, 1, 1)
    )
    status = _status(person, title, D(2026, 1, 1))
    assert not status.meets and status.missing[0].deadline is None


def test_permanent_staff_on_1_july_2023_keep_the_title_until_2033(cast):
    title = _usk(cast)
    person = f.PersonFactory(municipality=cast.uddevalla)
    f.EmploymentFactory(
        person=person, unit=cast.solgarden, job_title=title, start_date=D(2015, 1, 1)
    )
    status = _status(person, title, D(2026, 1, 1))
    assert status.meets and not status.complete
    assert status.missing[0].deadline == D(2033, 6, 30)
    assert not _status(person, title, D(2033, 7, 1)).meets  # the transition is over


def test_fixed_term_staff_on_the_day_get_no_transition(cast):
    title = _usk(cast)
    person = f.PersonFactory(municipality=cast.uddevalla)
    f.EmploymentFactory(
        person=person,
        unit=cast.solgarden,
        job_title=title,
        start_date=D(2015, 1, 1),
        permanent=False,
    )
    assert not _status(person, title, D(2026, 1, 1)).meets


def test_a_nurses_licence_qualifies_for_the_title(cast):
    title = _usk(cast)
    person = f.PersonFactory(municipality=cast.uddevalla)
    f.EmploymentFactory(
        person=person, unit=cast.solgarden, job_title=title, start_date=D(2024, 1, 1)
    )
    Qualification.objects.create(
        person=person,
        kind="licence",
        code="leg-sjukskoterska",
        title="Legitimerad sjuksköterska",
        issued_on=D(2020, 6, 1),
    )
    assert _status(person, title, D(2026, 1, 1)).complete


def test_published_versions_are_never_changed_and_new_versions_keep_identifiers(cast, model):
    common = model["common"]
    with pytest.raises(ValidationError):
        services.item_add(
            actor=cast.coordinator.user,
            framework=common,
            parent=None,
            kind="competence",
            title="Nytt",
        )
    draft = services.framework_new_version(actor=cast.coordinator.user, framework=common)
    assert draft.version == 2 and draft.lineage == common.lineage
    copied = {i.identifier: i for i in draft.items.all()}
    assert set(copied) == set(common.items.values_list("identifier", flat=True))
    child = next(i for i in copied.values() if i.code == "1.1")
    assert child.parent.framework == draft
    services.item_update(actor=cast.coordinator.user, item=child, title="Basala hygienrutiner 2.0")
    assert Item.objects.get(framework=common, code="1.1").title == "Basala hygienrutiner"
    services.framework_publish(
        actor=cast.coordinator.user, framework=draft, valid_from=D(2026, 1, 1)
    )
    assert Framework.objects.filter(lineage=common.lineage).count() == 2


def test_a_knowledge_goal_needs_a_knowledge_form(cast, model):
    with pytest.raises(ValidationError):
        services.item_add(
            actor=cast.hr.user, framework=model["draft"], parent=None, kind="goal", title="Mål"
        )
    goal = services.item_add(
        actor=cast.hr.user,
        framework=model["draft"],
        parent=None,
        kind="goal",
        title="Mål",
        knowledge_form="skill",
    )
    assert goal.knowledge_form == "skill"


def test_profile_shows_requirements_and_next_ladder_step(cast, model, login):
    from stegvis.competences.models import LadderPlacement, LadderStep

    # The model's requirement: everyone in elder care, basic hygiene (a law).
    first = LadderStep.objects.get(ladder=model["ladder"])
    second = LadderStep.objects.create(ladder=model["ladder"], position=2, name="Självständig")
    second.package.add(model["hygiene"])
    LadderPlacement.objects.create(person=cast.employee, step=first, since=D(2024, 1, 1))
    profile = build_profile(cast.employee)
    assert [line.requirement.item.title for line in profile.requirement_lines] == [
        "Basala hygienrutiner"
    ]
    assert profile.requirement_lines[0].state.status == Status.PENDING
    assert profile.next_step == second and profile.next_step_missing == [model["hygiene"]]
    page = login(cast.manager).get(f"/competences/people/{cast.employee.pk}/").content.decode()
    assert "Basala hygienrutiner" in page and "Självständig" in page
    assert f"/competences/records/{model['entry'].pk}/confirm/" in page


def test_a_unit_never_sees_another_units_local_additions(cast, model, login):
    local = Framework.objects.create(
        unit=cast.linden,
        title="Lindens lokala tillägg",
        published_at=timezone.now(),
        valid_from=D(2024, 1, 1),
    )
    Item.objects.create(framework=local, kind="competence", title="AKK")
    assert login(cast.employee).get(local.get_absolute_url()).status_code == 404
    assert login(cast.colleague).get(local.get_absolute_url()).status_code == 200
    assert login(cast.hr).get(local.get_absolute_url()).status_code == 200
    overview = login(cast.employee).get("/competences/").content.decode()
    assert "Lindens lokala tillägg" not in overview and "Grundläggande kunskaper" in overview

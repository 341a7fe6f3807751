"""The demo's competence model and the staff's competence: layers, versions, basic competence,
ladders, requirements, qualifications, record entries, Anna's profile and repeatability."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

import pytest

from stegvis.competences.models import (
    BasicCompetenceRule,
    CompetenceRecord,
    Framework,
    Item,
    KnowledgeForm,
    Ladder,
    LadderPlacement,
    Requirement,
    Source,
)
from stegvis.competences.selectors import requirements_for_unit
from stegvis.demo.generate import generate
from stegvis.demo.region import ANCHOR
from stegvis.organisations.models import Unit
from stegvis.people.models import Employment, JobTitle, Person, Qualification

PASSWORD = "stegvis-demo-2026"
ANNA = "anna.lindqvist@uddevalla.demo"
Kind = CompetenceRecord.Kind
EVIDENCE = set(CompetenceRecord.EVIDENCE_KINDS)

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary():
    return generate(employees=300, seed=2026, password=PASSWORD)


def _title(code: str, region: str = "fyrbodal") -> JobTitle:
    return JobTitle.objects.get(region__slug=region, code=code)


def test_sources_are_named(summary):
    references = set(Source.objects.values_list("reference", flat=True))
    assert {"SOSFS 2011:12", "SOSFS 2014:2", "SOSFS 2015:10", "SFS 2010:659"} <= references
    kinds = set(Source.objects.values_list("kind", flat=True))
    assert {"general_advice", "law", "regional_model", "prevention_package"} <= kinds
    assert Source.objects.filter(issuer="Sundhedsstyrelsen").exists()
    assert Source.objects.filter(issuer="Randers Kommune", title__contains="standard 2.1").exists()
    assert Source.objects.filter(title__startswith="Modell för kunskap, kompetens").exists()


def test_frameworks_in_every_layer(summary):
    frameworks = Framework.objects.all()
    assert frameworks.filter(region__slug="fyrbodal").count() >= 4
    assert frameworks.filter(municipality__name="Uddevalla").exists()
    assert frameworks.filter(unit__municipality__name="Uddevalla").exists()
    danish = frameworks.get(municipality__name="Randers")
    assert danish.language == "da"
    assert danish.source.kind == Source.Kind.PREVENTION_PACKAGE
    assert frameworks.filter(unit__municipality__name="Randers", language="da").exists()
    forms = set()
    for framework in frameworks.prefetch_related("items"):
        assert framework.published_at is not None and framework.valid_from is not None
        assert framework.source is not None
        items = list(framework.items.all())
        assert {i.kind for i in items} == {"area", "competence", "goal"}
        by_pk = {i.pk: i for i in items}
        for item in items:
            if item.kind == Item.Kind.GOAL:
                assert item.knowledge_form in KnowledgeForm.values
                forms.add(item.knowledge_form)
            else:
                assert item.knowledge_form == ""
            parent = by_pk.get(item.parent_id)
            expected = {"area": None, "competence": "area", "goal": "competence"}[item.kind]
            assert (parent.kind if parent else None) == expected
            if parent:
                assert item.code.startswith(parent.code + ".")
            else:
                assert item.code.startswith(framework.code + "-")
    assert forms == set(KnowledgeForm.values)
    elder = frameworks.get(code="ÄO", version=1)
    assert elder.items.filter(kind="area").count() >= 12
    assert elder.items.filter(code="ÄO-1.2.1").exists()


def test_elder_care_framework_has_a_history(summary):
    first, second = Framework.objects.filter(code="ÄO").order_by("version")
    assert (first.version, second.version) == (1, 2)
    assert first.lineage == second.lineage and first.identifier != second.identifier
    assert first.valid_from < second.valid_from
    old = {i.identifier: i.title for i in first.items.all()}
    new = {i.identifier: i.title for i in second.items.all()}
    assert old.keys() == new.keys()
    changed = [key for key in old if old[key] != new[key]]
    assert len(changed) == 1


def test_basic_competence_of_titles(summary):
    usk = _title("underskoterska")
    assert usk.protected and usk.tasks
    assert usk.next_level == _title("specialistunderskoterska")
    assert _title("vardbitrade").next_level == usk
    assert _title("stodassistent").next_level == _title("stodpedagog")
    certificate = usk.basic_competence.get(code="usk-bevis")
    assert certificate.kind == Qualification.Kind.CERTIFICATE
    assert certificate.required_from == datetime.date(2023, 7, 1)
    assert certificate.transition_if_employed_on == datetime.date(2023, 7, 1)
    assert certificate.transition_until == datetime.date(2033, 6, 30)
    groups = defaultdict(set)
    for rule in usk.basic_competence.all():
        groups[rule.group].add(rule.code)
    assert groups[1] == {"usk-bevis", "leg-sjukskoterska"}
    assert {"vard-och-omsorgsprogrammet", "vard-och-omsorg-poang"} <= groups[2]
    assert usk.basic_competence.get(code="vard-och-omsorg-poang").min_points == 1500
    specialist = _title("specialistunderskoterska").basic_competence
    assert specialist.filter(code="yh-specialistusk").exists()
    assert _title("stodpedagog").basic_competence.filter(code="yh-stodpedagog").exists()
    assert set(_title("stodassistent").basic_competence.values_list("code", flat=True)) == {
        "barn-och-fritidsprogrammet",
        "vard-och-omsorgsprogrammet",
    }
    assert _title("boendestodjare").basic_competence.exists()
    for code in ("sjukskoterska", "arbetsterapeut", "fysioterapeut"):
        rule = _title(code).basic_competence.get()
        assert (rule.kind, rule.code) == ("licence", f"leg-{code}")
        assert _title(code).protected


def _group_outcome(employment, rules, qualifications, employments, on):
    """Met, transitional or missing for each rule group (the rules of BasicCompetenceRule)."""
    outcome = []
    by_group = defaultdict(list)
    for rule in rules:
        by_group[rule.group].append(rule)
    for group in sorted(by_group):
        met = any(
            q.code == r.code and q.issued_on <= on and (q.points or 0) >= (r.min_points or 0)
            for r in by_group[group]
            for q in qualifications
        )
        transitional = not met and any(
            r.transition_if_employed_on
            and on <= r.transition_until
            and any(
                e.job_title_id == employment.job_title_id
                and e.permanent
                and e.is_current(r.transition_if_employed_on)
                for e in employments
            )
            for r in by_group[group]
        )
        outcome.append("met" if met else "transition" if transitional else "missing")
    return tuple(outcome)


def test_qualifications_give_met_transitional_and_missing(summary):
    usk = _title("underskoterska")
    rules = list(BasicCompetenceRule.objects.filter(job_title=usk))
    outcomes = Counter()
    holders = Counter()
    staff = Employment.objects.current(ANCHOR).filter(job_title=usk).select_related("person")
    for employment in staff:
        person = employment.person
        qualifications = list(person.qualifications.all())
        codes = {q.code for q in qualifications}
        holders.update(codes)
        outcomes[
            _group_outcome(
                employment, rules, qualifications, list(person.employments.all()), ANCHOR
            )
        ] += 1
    total = staff.count()
    assert total > 50
    assert 0.45 <= holders["usk-bevis"] / total <= 0.75
    assert holders["vard-och-omsorgsprogrammet"] / total > 0.7
    assert outcomes[("met", "met")] > total / 2
    assert any(o[0] == "transition" for o in outcomes)
    assert sum(n for o, n in outcomes.items() if "missing" in o) >= 1
    # Kinds, dates and licences.
    kinds = set(Qualification.objects.values_list("kind", flat=True))
    assert kinds == set(Qualification.Kind.values)
    assert not Qualification.objects.filter(issued_on__gt=ANCHOR).exists()
    for employment in Employment.objects.current(ANCHOR).filter(
        job_title__code__in=["sjukskoterska", "arbetsterapeut", "fysioterapeut"]
    ):
        assert employment.person.qualifications.filter(kind="licence").exists()


def test_licensed_ladder(summary):
    ladder = Ladder.objects.get(title="Kompetensutvecklingsmodell för legitimerad personal")
    assert ladder.region.slug == "fyrbodal"
    assert ladder.source.kind == Source.Kind.REGIONAL_MODEL
    assert {"sjukskoterska", "arbetsterapeut", "fysioterapeut"} <= set(
        ladder.job_titles.values_list("code", flat=True)
    )
    steps = list(ladder.steps.order_by("position"))
    assert [s.position for s in steps] == [1, 2, 3, 4]
    assert steps[0].name.startswith("Nyexaminerad") and steps[3].name == "Specialist"
    for step in steps:
        assert step.entry_criteria
        package = list(step.package.all())
        assert package
        assert {i.framework.code for i in package} == {"HSL"}
    care = Ladder.objects.get(track="Vård och omsorg")
    assert care.steps.count() == 3
    assert set(care.job_titles.values_list("code", flat=True)) == {
        "vardbitrade",
        "underskoterska",
        "specialistunderskoterska",
    }


def test_ladder_placements(summary):
    licensed = ["sjukskoterska", "specialistsjukskoterska", "arbetsterapeut", "fysioterapeut"]
    people = set(
        Employment.objects.current(ANCHOR)
        .filter(job_title__code__in=licensed, job_title__region__slug="fyrbodal")
        .values_list("person_id", flat=True)
    )
    assert people
    placements = LadderPlacement.objects.filter(step__ladder__track="Legitimerad personal")
    assert set(placements.values_list("person_id", flat=True)) == people
    steps_reached = set()
    moved = 0
    for person in sorted(people):
        history = list(
            placements.filter(person_id=person)
            .order_by("since")
            .values_list("step__position", "since")
        )
        positions = [p for p, _since in history]
        assert positions == sorted(positions)
        assert all(since <= ANCHOR for _p, since in history)
        steps_reached.add(positions[-1])
        moved += len(history) > 1
    assert len(steps_reached) >= 2
    assert moved  # someone has climbed a step since the model was taken up


def test_requirements_of_all_three_kinds(summary):
    requirements = Requirement.objects.select_related("item")
    assert set(requirements.values_list("applies_to", flat=True)) == {"area", "title", "unit"}
    for requirement in requirements:
        assert requirement.item_identifier == requirement.item.identifier
        assert requirement.reason and requirement.reason_text and requirement.criticality
    assert requirements.filter(region__slug="fyrbodal").exists()
    assert requirements.filter(municipality__name="Uddevalla").exists()
    assert requirements.filter(unit__municipality__name="Uddevalla").exists()
    assert requirements.filter(
        applies_to="area", area_kind="disability", item__title="Lågaffektivt bemötande"
    ).exists()
    assert requirements.filter(
        applies_to="title", job_title__code="underskoterska", item__code="ÄO-7.1"
    ).exists()
    hygiene = requirements.filter(applies_to="area", area_kind="elder_care", item__code="ÄO-9.1")
    old, new = hygiene.order_by("version")
    assert old.lineage == new.lineage and old.valid_to and new.valid_to is None
    assert new.criticality == Requirement.Criticality.HIGH
    # "Every care home" and "every group home" are one row each, for every unit of the kind.
    dementia = requirements.get(applies_to="unit", item__code="ÄO-4.2", min_count=2)
    assert dementia.target_unit is None and dementia.unit_kind == Unit.Kind.CARE_HOME
    assert dementia.region.slug == "fyrbodal"
    akk = requirements.get(applies_to="unit", item__code="FH-4.1", min_share=50)
    assert akk.target_unit is None and akk.unit_kind == Unit.Kind.GROUP_HOME
    care_homes = Unit.objects.filter(
        municipality__region__slug="fyrbodal", kind="care_home", closed_on=None
    )
    assert care_homes.count() > 1
    for unit in care_homes:
        assert dementia in requirements_for_unit(unit, ANCHOR)
    home_care = Unit.objects.filter(municipality__region__slug="fyrbodal", kind="home_care")
    assert dementia not in requirements_for_unit(home_care.first(), ANCHOR)
    # One requirement targets a single unit: the epilepsy training of one group home.
    single = requirements.get(applies_to="unit", target_unit__isnull=False)
    assert single.unit_kind == "" and single.unit == single.target_unit
    assert single.item.code == "LOK-1.1" and single.min_count == 3
    assert single in requirements_for_unit(single.target_unit, ANCHOR)
    other_group_homes = Unit.objects.filter(
        municipality__region__slug="fyrbodal", kind="group_home"
    ).exclude(pk=single.target_unit_id)
    assert single not in requirements_for_unit(other_group_homes.first(), ANCHOR)


def test_records_are_plausible(summary):
    entries = list(CompetenceRecord.objects.select_related("item__framework", "refers_to"))
    kinds = Counter(e.kind for e in entries)
    assert set(kinds) >= {"education", "course", "assessed", "self_assessed", "confirmation"}
    assert kinds["course"] > 500
    pending = 0
    switch = Framework.objects.get(code="ÄO", version=2).valid_from
    confirmed = {e.refers_to_id for e in entries if e.kind == Kind.CONFIRMATION}
    for entry in entries:
        assert entry.achieved_on <= ANCHOR
        assert entry.item_identifier == entry.item.identifier
        assert entry.recorded_at.date() <= ANCHOR
        if entry.expires_on:
            assert entry.expires_on > entry.achieved_on
            assert datetime.date(2026, 10, 1) <= entry.expires_on <= datetime.date(2028, 12, 31)
        if entry.kind in (Kind.CONFIRMATION, Kind.WITHDRAWAL):
            assert entry.refers_to.kind in EVIDENCE
            assert entry.refers_to.person_id == entry.person_id
            assert entry.achieved_on >= entry.refers_to.achieved_on
        if entry.kind == Kind.CONFIRMATION:
            assert entry.refers_to.kind == Kind.SELF_ASSESSED
        if entry.kind == Kind.SELF_ASSESSED and entry.pk not in confirmed:
            pending += 1
        # Evidence names the version of the framework in force on its date.
        framework = entry.item.framework
        if framework.code == "ÄO" and entry.kind in EVIDENCE:
            assert framework.version == (2 if entry.achieved_on >= switch else 1)
    assert pending > 0
    expiring = sorted(e.expires_on for e in entries if e.expires_on)
    assert expiring[0] < datetime.date(2027, 1, 1) and expiring[-1] > datetime.date(2028, 1, 1)


def test_anna_has_a_realistic_record(summary):
    anna = Person.objects.get(email=ANNA)
    entries = list(anna.competence_records.select_related("item"))
    assert {"education", "course", "assessed", "self_assessed"} <= {e.kind for e in entries}
    on = datetime.date(2026, 12, 1)
    window = (on, datetime.date(2027, 2, 28))  # expiry within 90 days of 1 December 2026
    soon = [e for e in entries if e.expires_on and window[0] <= e.expires_on <= window[1]]
    assert [e.item.code for e in soon] == ["UDD-1.1"]
    awaiting = [e for e in entries if e.kind == Kind.SELF_ASSESSED]
    assert [e.item.code for e in awaiting] == ["ÄO-4.2"]
    assert not CompetenceRecord.objects.filter(refers_to__in=awaiting).exists()
    # She lacks the medicines training her title requires.
    required = Requirement.objects.get(
        applies_to="title", job_title__code="underskoterska", item__code="ÄO-10.1"
    )
    assert required.item_identifier not in {e.item_identifier for e in entries}
    assert {q.code for q in anna.qualifications.all()} == {
        "vard-och-omsorgsprogrammet",
        "usk-bevis",
    }
    assert anna.ladder_placements.get().step.name == "Undersköterska"
    # Her care home has one of the two people trained in dementia care that it needs.
    unit = anna.employments.get().unit
    requirement = requirements_for_unit(unit, ANCHOR).get(applies_to="unit")
    assert requirement.target_unit is None and requirement.unit_kind == Unit.Kind.CARE_HOME
    assert requirement.min_count == 2
    staff = Employment.objects.current(ANCHOR).filter(unit=unit).values_list("person", flat=True)
    trained = set()
    for entry in CompetenceRecord.objects.filter(
        person__in=staff,
        item_identifier=requirement.item_identifier,
        kind__in=[Kind.EDUCATION, Kind.COURSE, Kind.ASSESSED],
    ):
        trained.add(entry.person_id)
    assert len(trained) == 1 and anna.pk not in trained
    manager = Person.objects.get(email="maria.berg@uddevalla.demo").user
    assert anna.competence_records.filter(recorded_by=manager).exists()


def test_summary_counts(summary):
    counts = summary.competences
    assert counts["records"] == CompetenceRecord.objects.count()
    assert counts["qualifications"] == Qualification.objects.count()
    assert counts["placements"] == LadderPlacement.objects.count()
    assert counts["frameworks"] == Framework.objects.count()
    assert any("competence record entries" in line for line in summary.lines())


def _snapshot():
    records = sorted(
        (
            e.person.email,
            e.item.framework.code,
            e.item.framework.version,
            e.item.code,
            e.kind,
            e.achieved_on,
            e.expires_on,
            e.evidence,
            e.refers_to.item.code if e.refers_to else "",
            e.recorded_by.email if e.recorded_by else "",
            e.recorded_at,
        )
        for e in CompetenceRecord.objects.select_related(
            "person", "item__framework", "refers_to__item", "recorded_by"
        )
    )
    qualifications = sorted(
        (q.person.email, q.kind, q.code, q.points or 0, q.issued_on, q.issuer)
        for q in Qualification.objects.select_related("person")
    )
    placements = sorted(
        (p.person.email, p.step.ladder.track, p.step.position, p.since)
        for p in LadderPlacement.objects.select_related("person", "step__ladder")
    )
    identifiers = sorted(str(i) for i in Item.objects.values_list("identifier", flat=True))
    return records, qualifications, placements, identifiers


def test_same_seed_gives_the_same_competence(summary):
    first = _snapshot()
    sources = Source.objects.count()
    generate(employees=300, seed=2026, password=PASSWORD, reset=True)
    assert _snapshot() == first
    assert Source.objects.count() == sources
    generate(employees=300, seed=7, password=PASSWORD, reset=True)
    other = _snapshot()
    assert other[0] != first[0] and other[1] != first[1]
    assert other[3] == first[3]  # item identifiers do not depend on the seed

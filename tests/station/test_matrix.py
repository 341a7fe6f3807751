"""The unit competence matrix: cell states, coverage against targets, the as-of date."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from stegvis.competences.models import CompetenceRecord, Framework, Item, Requirement
from stegvis.courses.models import Registration
from stegvis.courses.services import registration as reg
from stegvis.station.matrix import CellState, unit_matrix
from tests import factories as f
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory

pytestmark = pytest.mark.django_db
S = CellState
TODAY = datetime.date.today


def record(person, item, kind="course", *, achieved=None, expires=None):
    return CompetenceRecord.objects.create(
        person=person,
        item=item,
        item_identifier=item.identifier,
        kind=kind,
        achieved_on=achieved or timezone.localdate() - datetime.timedelta(days=400),
        expires_on=expires,
    )


def staff(cast, first, last, *, title=None, unit=None, **employment):
    unit = unit or cast.solgarden
    person = f.PersonFactory(municipality=unit.municipality, first_name=first, last_name=last)
    title = title or f.JobTitleFactory(region=cast.region, code="underskoterska")
    f.EmploymentFactory(person=person, unit=unit, job_title=title, **employment)
    return person


def matrix_model(cast) -> dict:
    """The cast's competence model plus three requirements on Solgården's staff:

    - Demensvård (high): at least 2 people in Solgården,
    - Basala hygienrutiner (medium): everyone in elder care (from ``competence_model``),
    - Läkemedel (medium): at least 50 % of the staff of every care home,
    - Förflyttning (low): everyone with the title undersköterska.
    And a course "Demensvård steg 1" whose goal is Demensvård in a second framework version.
    """
    if hasattr(cast, "_matrix_model"):
        return cast._matrix_model
    model = f.competence_model(cast)
    common, area = model["common"], model["hygiene"].parent
    items = {
        key: Item.objects.create(framework=common, parent=area, code=code, title=title)
        for key, code, title in [
            ("dementia", "1.2", "Demensvård"),
            ("lifting", "1.3", "Förflyttning"),
            ("medication", "1.4", "Läkemedel"),
        ]
    }
    since = datetime.date(2024, 1, 1)
    common_fields = {"reason": "users_needs", "valid_from": since}
    Requirement.objects.create(
        municipality=cast.uddevalla,
        item=items["dementia"],
        item_identifier=items["dementia"].identifier,
        applies_to="unit",
        target_unit=cast.solgarden,
        min_count=2,
        criticality=1,
        **common_fields,
    )
    Requirement.objects.create(
        municipality=cast.uddevalla,
        item=items["medication"],
        item_identifier=items["medication"].identifier,
        applies_to="unit",
        unit_kind="care_home",
        min_share=50,
        **common_fields,
    )
    Requirement.objects.create(
        region=cast.region,
        item=items["lifting"],
        item_identifier=items["lifting"].identifier,
        applies_to="title",
        job_title=model["title"],
        criticality=3,
        **common_fields,
    )
    newer = Framework.objects.create(
        region=cast.region, lineage=common.lineage, version=2, title=common.title
    )
    dementia_v2 = Item.objects.create(
        framework=newer, identifier=items["dementia"].identifier, code="1.2", title="Demensvård"
    )
    course = CourseFactory(region=cast.region, title="Demensvård steg 1")
    course.goals.add(dementia_v2)
    offering = OfferingFactory(course=course, seats_on_site=100)
    CourseDayFactory(offering=offering)
    cast._matrix_model = {**model, **items, "course": course, "offering": offering}
    return cast._matrix_model


def scenario(cast) -> dict:
    """Solgården: Anna (employee, pending hygiene, on the dementia course), Åsa Öberg
    (dementia met, lifting expiring, hygiene expired) and Maria (manager, medication met)."""
    model = matrix_model(cast)
    asa = staff(cast, "Åsa", "Öberg")
    record(asa, model["dementia"])
    record(
        asa, model["lifting"], "certificate", expires=timezone.localdate() + datetime.timedelta(30)
    )
    record(asa, model["hygiene"], "assessed", expires=timezone.localdate() - datetime.timedelta(1))
    record(cast.manager, model["medication"])
    reg.register(actor=None, offering=model["offering"], person=cast.employee)
    return {**model, "asa": asa}


def states_by_name(matrix) -> dict:
    titles = [c.title for c in matrix.columns]
    return {
        row.person.first_name: dict(zip(titles, [c.state for c in row.cells], strict=True))
        for row in matrix.rows
    }


def test_cells_say_where_each_person_stands(cast):
    scenario(cast)
    matrix = unit_matrix(cast.solgarden)
    assert [r.person.first_name for r in matrix.rows] == ["Maria", "Anna", "Åsa"]  # by last name
    assert states_by_name(matrix) == {
        "Anna": {
            "Demensvård": S.IN_PROGRESS,
            "Basala hygienrutiner": S.PENDING,
            "Läkemedel": S.MISSING,
            "Förflyttning": S.MISSING,
        },
        "Åsa": {
            "Demensvård": S.MET,
            "Basala hygienrutiner": S.EXPIRED,
            "Läkemedel": S.MISSING,
            "Förflyttning": S.EXPIRING,
        },
        "Maria": {
            "Demensvård": S.MISSING,
            "Basala hygienrutiner": S.MISSING,
            "Läkemedel": S.MET,
            "Förflyttning": S.NOT_APPLICABLE,  # a title requirement for another title
        },
    }


def test_requirements_sorted_by_criticality_then_title(cast):
    scenario(cast)
    matrix = unit_matrix(cast.solgarden)
    assert [c.title for c in matrix.columns] == [
        "Demensvård",
        "Basala hygienrutiner",
        "Läkemedel",
        "Förflyttning",
    ]


def test_coverage_against_each_kind_of_target(cast):
    scenario(cast)
    with override("en"):
        columns = {c.title: c for c in unit_matrix(cast.solgarden).columns}
        dementia = columns["Demensvård"]
        assert (dementia.held, dementia.needed, dementia.shortfall) == (1, 2, 1)
        assert dementia.coverage_text == "1 of 2 needed"
        assert dementia.in_progress == 1
        assert dementia.target_text == "at least 2 people"
        medication = columns["Läkemedel"]  # 50 % of 3 staff: 2 needed
        assert (medication.held, medication.needed, medication.shortfall) == (1, 2, 1)
        assert medication.coverage_text == "33 % of staff (1 of 2 needed)"
        hygiene = columns["Basala hygienrutiner"]  # everyone in elder care
        assert (hygiene.applicable, hygiene.held, hygiene.shortfall) == (3, 0, 3)
        assert hygiene.target_text == "Everyone in the operating area"
        lifting = columns["Förflyttning"]  # the two undersköterskor only
        assert (lifting.applicable, lifting.held, lifting.shortfall) == (2, 1, 1)
        assert lifting.coverage_text == "1 of 2 (50 %)"
        assert lifting.target_text == "Everyone with the title Undersköterska"


def test_courses_that_teach_a_short_competence_are_offered(cast):
    model = scenario(cast)
    columns = {c.title: c for c in unit_matrix(cast.solgarden).columns}
    assert [c.pk for c in columns["Demensvård"].courses] == [model["course"].pk]
    assert columns["Demensvård"].courses[0].title == "Demensvård steg 1"
    assert columns["Läkemedel"].courses == []


def test_met_target_has_no_shortfall(cast):
    model = scenario(cast)
    record(cast.employee, model["dementia"])
    column = unit_matrix(cast.solgarden).columns[0]
    assert (column.title, column.held, column.shortfall, column.courses) == ("Demensvård", 2, 0, [])


@pytest.mark.parametrize(
    "status, completed, in_progress",
    [
        (Registration.Status.CONFIRMED, False, True),
        (Registration.Status.WAITING, False, True),
        (Registration.Status.OFFERED, False, True),
        (Registration.Status.CANCELLED, False, False),
        (Registration.Status.CONFIRMED, True, False),
    ],
)
def test_in_progress_needs_an_active_registration_not_yet_completed(
    cast, status, completed, in_progress
):
    model = matrix_model(cast)
    registration = reg.register(actor=None, offering=model["offering"], person=cast.employee)
    Registration.objects.filter(pk=registration.pk).update(
        status=status,
        offered_until=timezone.now() + datetime.timedelta(days=2),
        completed_at=timezone.now() if completed else None,
    )
    row = next(r for r in unit_matrix(cast.solgarden).rows if r.person == cast.employee)
    expected = S.IN_PROGRESS if in_progress else S.MISSING
    assert row.cells[0].state == expected
    if in_progress:
        assert row.cells[0].course == "Demensvård steg 1"


def test_a_course_for_another_competence_is_not_progress(cast):
    model = matrix_model(cast)
    model["course"].goals.clear()
    model["course"].goals.add(model["medication"])
    reg.register(actor=None, offering=model["offering"], person=cast.employee)
    row = next(r for r in unit_matrix(cast.solgarden).rows if r.person == cast.employee)
    states = {
        c.title: cell.state
        for c, cell in zip(unit_matrix(cast.solgarden).columns, row.cells, strict=True)
    }
    assert states["Demensvård"] == S.MISSING
    assert states["Läkemedel"] == S.IN_PROGRESS


def test_only_current_staff_of_the_unit(cast):
    scenario(cast)
    ended = timezone.localdate() - datetime.timedelta(days=10)
    staff(cast, "Leif", "Slutat", end_date=ended)
    staff(cast, "Karl", "Kommande", start_date=timezone.localdate() + datetime.timedelta(days=5))
    names = {r.person.first_name for r in unit_matrix(cast.solgarden).rows}
    assert names == {"Anna", "Åsa", "Maria"}  # not the colleague at Linden, nor past or future


def test_as_of_date_shows_staff_and_records_as_they_were(cast):
    scenario(cast)
    ended = timezone.localdate() - datetime.timedelta(days=10)
    staff(cast, "Leif", "Slutat", end_date=ended)
    then = timezone.localdate() - datetime.timedelta(days=20)
    matrix = unit_matrix(cast.solgarden, then)
    assert "Leif" in {r.person.first_name for r in matrix.rows}
    # Åsa's entries were recorded today: 20 days ago her record was empty.
    asa = states_by_name(matrix)["Åsa"]
    assert asa["Demensvård"] == S.MISSING
    assert asa["Förflyttning"] == S.MISSING
    # Anna registered today: 20 days ago she was on no course.
    assert states_by_name(matrix)["Anna"]["Demensvård"] == S.MISSING


def test_unit_without_requirements_or_staff(cast):
    matrix = unit_matrix(cast.ekbacken)
    assert matrix.rows == [] and matrix.columns == []

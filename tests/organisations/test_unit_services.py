import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.organisations import services
from stegvis.organisations.models import OperatingArea, RoleAssignment, UnitPlacement
from stegvis.people.services import employment_end, unit_merge
from tests import factories as f

D = datetime.date


def test_moving_a_unit_keeps_its_placement_history(cast):
    disability = OperatingArea.objects.get(municipality=cast.uddevalla, kind="disability")
    services.unit_move(
        actor=cast.admin.user, unit=cast.solgarden, operating_area=disability, on=D(2025, 1, 1)
    )
    placements = list(UnitPlacement.objects.filter(unit=cast.solgarden).order_by("valid_from"))
    assert [(p.operating_area.kind, p.valid_to) for p in placements] == [
        ("elder_care", D(2024, 12, 31)),
        ("disability", None),
    ]
    cast.solgarden.refresh_from_db()
    assert cast.solgarden.operating_area == disability
    assert cast.employee.employments.get().unit == cast.solgarden  # staff stay with the unit
    event = AuditEvent.objects.get(action="organisations.unit.moved")
    assert event.actor == cast.admin.user and event.data["to_area"] == disability.name


def test_a_unit_cannot_move_to_another_municipality(cast):
    elsewhere = OperatingArea.objects.get(municipality=cast.vanersborg)
    with pytest.raises(ValidationError):
        services.unit_move(
            actor=cast.admin.user, unit=cast.solgarden, operating_area=elsewhere, on=D(2025, 1, 1)
        )


def test_closing_a_unit_with_staff_is_refused(cast):
    with translation.override("en"), pytest.raises(ValidationError, match="1 employment in"):
        services.unit_close(actor=cast.admin.user, unit=cast.linden, on=D(2025, 1, 1))
    cast.linden.refresh_from_db()
    assert cast.linden.closed_on is None


def test_closing_an_empty_unit_ends_its_manager_roles_and_keeps_the_row(cast):
    employment_end(
        actor=cast.hr.user, employment=cast.colleague.employments.get(), end_date=D(2024, 12, 31)
    )
    boss = f.grant(f.UserFactory(), "manager", cast.linden)
    services.unit_close(actor=cast.admin.user, unit=cast.linden, on=D(2025, 1, 1))
    cast.linden.refresh_from_db()
    assert cast.linden.closed_on == D(2025, 1, 1)
    boss.refresh_from_db()
    assert boss.valid_to == D(2024, 12, 31)
    assert cast.colleague.employments.get().unit == cast.linden  # history still points at it


def test_merging_moves_running_employments_and_closes_the_unit(cast):
    history_start = cast.employee.employments.get().start_date
    unit_merge(actor=cast.admin.user, unit=cast.solgarden, into=cast.linden, on=D(2025, 6, 1))
    rows = list(cast.employee.employments.order_by("start_date"))
    assert [(r.unit, r.start_date, r.end_date) for r in rows] == [
        (cast.solgarden, history_start, D(2025, 5, 31)),
        (cast.linden, D(2025, 6, 1), None),
    ]
    cast.solgarden.refresh_from_db()
    assert cast.solgarden.merged_into == cast.linden and cast.solgarden.closed_on == D(2025, 6, 1)
    assert not RoleAssignment.objects.active(D(2025, 6, 1)).filter(unit=cast.solgarden).exists()
    assert AuditEvent.objects.filter(
        action="organisations.unit.merged_in", target_id=cast.linden.pk
    ).exists()


def test_merge_across_municipalities_is_refused_and_changes_nothing(cast):
    with pytest.raises(ValidationError):
        unit_merge(actor=cast.admin.user, unit=cast.solgarden, into=cast.ekbacken, on=D(2025, 6, 1))
    assert cast.employee.employments.get().end_date is None


def test_role_grant_respects_the_roles_scope_level(cast):
    with pytest.raises(ValidationError):
        services.role_grant(
            actor=cast.admin.user,
            user=cast.employee.user,
            role="manager",
            scope_object=cast.uddevalla,
        )
    assignment = services.role_grant(
        actor=cast.admin.user, user=cast.employee.user, role="manager", scope_object=cast.linden
    )
    assert assignment.granted_by == cast.admin.user
    assert AuditEvent.objects.filter(action="organisations.role.granted").count() == 1


def test_an_administrator_cannot_assign_roles_in_another_region(cast):
    with pytest.raises(ValidationError):
        services.role_grant(
            actor=cast.admin.user,
            user=cast.outsider.user,
            role="manager",
            scope_object=cast.kildevang,
        )


def test_role_end_is_recorded_with_its_actor(cast):
    assignment = RoleAssignment.objects.get(user=cast.manager.user)
    services.role_end(actor=cast.admin.user, assignment=assignment, on=D(2030, 1, 1))
    assert RoleAssignment.objects.active(D(2030, 1, 2)).filter(pk=assignment.pk).count() == 0
    event = AuditEvent.objects.get(action="organisations.role.ended")
    assert event.actor == cast.admin.user
    assert "Maria Berg" in event.describe()


def test_a_move_cannot_be_dated_in_the_future(cast):
    disability = OperatingArea.objects.get(municipality=cast.uddevalla, kind="disability")
    with pytest.raises(ValidationError):
        services.unit_move(
            actor=cast.admin.user, unit=cast.solgarden, operating_area=disability, on=D(2999, 1, 1)
        )


def test_an_administrator_adds_a_municipality_and_its_operating_areas(cast, login):
    client = login(cast.admin)
    response = client.post(
        "/organisation/municipalities/new/",
        {
            "region": cast.region.pk,
            "name": "Lysekil",
            "code": "1484",
            "country": "SE",
            "language": "sv",
        },
    )
    lysekil = cast.region.municipalities.get(name="Lysekil")
    assert response["Location"] == lysekil.get_absolute_url()
    client.post(
        f"/organisation/municipalities/{lysekil.pk}/areas/new/",
        {"kind": "elder_care", "name": "Vård och omsorg"},
    )
    assert lysekil.operating_areas.get().kind == "elder_care"
    again = client.post(
        f"/organisation/municipalities/{lysekil.pk}/areas/new/",
        {"kind": "elder_care", "name": "Igen"},
    )
    assert again.status_code == 200 and lysekil.operating_areas.count() == 1
    duplicate = client.post(
        "/organisation/municipalities/new/",
        {
            "region": cast.region.pk,
            "name": "Lysekil 2",
            "code": "1484",
            "country": "SE",
            "language": "sv",
        },
    )
    assert duplicate.status_code == 200
    assert AuditEvent.objects.filter(action="organisations.municipality.created").count() == 1
    assert AuditEvent.objects.filter(action="organisations.area.created").count() == 1

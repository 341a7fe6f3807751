"""The catalogue editor's services: who maintains what, and what an edit does to registrations."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from stegvis.competences.models import Framework, Item
from stegvis.core.models import AuditEvent
from stegvis.courses.models import ChecklistTask, Offering, OfferingQuota, Registration
from stegvis.courses.services import catalogue, offerings
from stegvis.courses.services import registration as reg
from tests import factories as f
from tests.course_factories import (
    CourseDayFactory,
    CourseFactory,
    OfferingFactory,
    at,
    course_scenario,
)

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _staff(cast, n, unit=None):
    unit = unit or cast.solgarden
    people = []
    for i in range(n):
        person = f.PersonFactory(municipality=unit.municipality, first_name=f"P{i}")
        f.EmploymentFactory(person=person, unit=unit)
        people.append(person)
    return people


def _offering_fields(offering: Offering, **changes) -> dict:
    fields = {name: getattr(offering, name) for name in offerings.OFFERING_FIELDS}
    fields.update(changes)
    return fields


def _day_fields(day, **changes) -> dict:
    fields = {name: getattr(day, name) for name in offerings.DAY_FIELDS}
    fields.update(changes)
    return fields


def _event_fields(**changes) -> dict:
    fields = {
        "attendance": "on_site",
        "seats_on_site": 20,
        "opens_at": at(-1),
        "closes_at": at(20),
        "cancel_by": at(15),
    }
    fields.update(changes)
    return fields


# Courses --------------------------------------------------------------------------------------


def test_hr_creates_a_course_in_its_own_municipality_only(cast):
    model = f.competence_model(cast)
    course = catalogue.course_create(
        actor=cast.hr.user,
        owner=cast.uddevalla,
        title="Bemötande",
        area_kinds=["elder_care"],
        phases=["new"],
        goals=[model["hygiene"]],
        target_titles=[model["title"]],
        leaders=[cast.course_leader],
    )
    assert course.municipality == cast.uddevalla and course.region is None
    assert list(course.goals.all()) == [model["hygiene"]]
    assert AuditEvent.objects.filter(action="courses.course.created").exists()
    for owner in (cast.vanersborg, cast.region):
        with pytest.raises(ValidationError):
            catalogue.course_create(actor=cast.hr.user, owner=owner, title="Inte vår")


def test_hr_cannot_change_a_joint_course_but_the_coordinator_can(cast):
    course = CourseFactory(region=cast.region)
    with pytest.raises(ValidationError):
        catalogue.course_update(actor=cast.hr.user, course=course, title="Ändrad")
    catalogue.course_update(actor=cast.coordinator.user, course=course, title="Ändrad")
    course.refresh_from_db()
    assert course.title == "Ändrad"


def test_course_goals_come_from_published_frameworks_the_owner_uses(cast):
    model = f.competence_model(cast)
    other = Framework.objects.create(
        municipality=cast.vanersborg, title="Vänersborgs tillägg", published_at=timezone.now()
    )
    theirs = Item.objects.create(framework=other, kind="goal", title="Deras mål")
    with override("en"), pytest.raises(ValidationError) as error:
        catalogue.course_create(
            actor=cast.coordinator.user, owner=cast.uddevalla, title="X", goals=[theirs]
        )
    assert "published frameworks" in str(error.value)
    with pytest.raises(ValidationError):  # a draft framework's item
        catalogue.course_create(
            actor=cast.hr.user, owner=cast.uddevalla, title="X", goals=[model["draft_item"]]
        )


def test_course_leaders_belong_to_the_owner(cast):
    with override("en"), pytest.raises(ValidationError) as error:
        catalogue.course_create(
            actor=cast.hr.user, owner=cast.uddevalla, title="X", leaders=[cast.outsider]
        )
    assert "Course leaders must belong to Uddevalla" in str(error.value)
    course = catalogue.course_create(
        actor=cast.hr.user, owner=cast.uddevalla, title="X", leaders=[cast.colleague]
    )
    assert list(course.leaders.all()) == [cast.colleague]


def test_task_goals_are_limited_to_the_course_goals(cast):
    scenario = course_scenario(cast)
    course = scenario["course"]
    stranger = Item.objects.create(
        framework=scenario["model"]["common"], kind="goal", title="Annat mål"
    )
    fields = {"part": "preparation", "kind": "reading", "title": "Läs", "minutes": 20}
    with pytest.raises(ValidationError):
        catalogue.task_add(actor=cast.coordinator.user, course=course, goals=[stranger], **fields)
    task = catalogue.task_add(
        actor=cast.coordinator.user, course=course, goals=[scenario["goal"]], **fields
    )
    assert task.part == ChecklistTask.Part.PREPARATION
    assert list(task.goals.all()) == [scenario["goal"]]


def test_material_needs_a_file_or_a_link(cast):
    course = CourseFactory(region=None, municipality=cast.uddevalla)
    with pytest.raises(ValidationError):
        catalogue.material_add(actor=cast.hr.user, course=course, title="Tom")
    material = catalogue.material_add(
        actor=cast.hr.user, course=course, title="Film", link="https://example.org/film"
    )
    assert material.order == 1


# Offerings ------------------------------------------------------------------------------------


def test_raising_the_seats_promotes_the_waiting_list_in_order(cast):
    offering = course_scenario(cast, seats=1)["offering"]
    people = _staff(cast, 4)
    for person in people:
        reg.register(actor=None, offering=offering, person=person)
    offerings.offering_update(
        actor=cast.coordinator.user,
        offering=offering,
        leaders=[cast.course_leader],
        **_offering_fields(offering, seats_on_site=3),
    )
    statuses = [offering.registrations.get(person=p).status for p in people]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]


def test_unlimited_digital_places_confirm_everyone_waiting(cast):
    offering = course_scenario(cast, seats=1, attendance="hybrid", seats_digital=1)["offering"]
    people = _staff(cast, 3)
    for person in people:
        reg.register(actor=None, offering=offering, person=person, mode="digital")
    offerings.offering_update(
        actor=cast.coordinator.user,
        offering=offering,
        **_offering_fields(offering, seats_digital=None),
    )
    assert set(offering.registrations.values_list("status", flat=True)) == {Status.CONFIRMED}


def test_seats_cannot_drop_below_the_seats_held(cast):
    offering = course_scenario(cast, seats=3)["offering"]
    for person in _staff(cast, 2):
        reg.register(actor=None, offering=offering, person=person)
    with override("en"), pytest.raises(ValidationError) as error:
        offerings.offering_update(
            actor=cast.coordinator.user,
            offering=offering,
            **_offering_fields(offering, seats_on_site=1),
        )
    assert "2 seats are held already" in str(error.value.message_dict["seats_on_site"])
    offerings.offering_update(
        actor=cast.coordinator.user,
        offering=offering,
        **_offering_fields(offering, seats_on_site=2),
    )


def test_attendance_cannot_drop_a_mode_people_registered_for(cast):
    offering = course_scenario(cast, attendance="hybrid", seats_digital=5)["offering"]
    reg.register(actor=None, offering=offering, person=_staff(cast, 1)[0], mode="digital")
    with pytest.raises(ValidationError) as error:
        offerings.offering_update(
            actor=cast.coordinator.user,
            offering=offering,
            **_offering_fields(offering, attendance="on_site"),
        )
    assert "attendance" in error.value.message_dict


def test_quotas_may_not_exceed_the_seats_on_site(cast):
    offering = course_scenario(cast, seats=4)["offering"]
    with override("en"), pytest.raises(ValidationError) as error:
        offerings.offering_update(
            actor=cast.coordinator.user,
            offering=offering,
            quotas={cast.uddevalla: 3, cast.vanersborg: 2},
            **_offering_fields(offering),
        )
    assert "reserve 5 seats, more than the 4 seats" in str(error.value)
    offerings.offering_update(
        actor=cast.coordinator.user,
        offering=offering,
        quotas={cast.uddevalla: 2, cast.vanersborg: 2},
        **_offering_fields(offering),
    )
    assert dict(offering.quotas.values_list("municipality__name", "seats")) == {
        "Uddevalla": 2,
        "Vänersborg": 2,
    }


def test_quotas_are_for_regional_offerings_and_their_own_municipalities(cast):
    with pytest.raises(ValidationError):
        offerings.offering_create(
            actor=cast.hr.user,
            owner=cast.uddevalla,
            kind="theme_day",
            quotas={cast.uddevalla: 2},
            **_event_fields(),
        )
    with pytest.raises(ValidationError):
        offerings.offering_create(
            actor=cast.coordinator.user,
            owner=cast.region,
            kind="theme_day",
            quotas={cast.randers: 2},
            **_event_fields(),
        )


def test_lowering_a_quota_frees_reserved_seats_for_the_waiting_list(cast):
    offering = course_scenario(cast, seats=2)["offering"]
    OfferingQuota.objects.create(offering=offering, municipality=cast.vanersborg, seats=1)
    first, second = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=first)
    waiting = reg.register(actor=None, offering=offering, person=second)
    assert waiting.status == Status.WAITING
    offerings.offering_update(
        actor=cast.coordinator.user, offering=offering, quotas={}, **_offering_fields(offering)
    )
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_deadlines_must_be_in_order_and_before_the_first_course_day(cast):
    offering = course_scenario(cast)["offering"]  # first course day in 30 days
    with override("en"), pytest.raises(ValidationError) as error:
        offerings.offering_update(
            actor=cast.coordinator.user,
            offering=offering,
            **_offering_fields(offering, closes_at=at(31), cancel_by=at(32)),
        )
    errors = error.value.message_dict
    assert "before the first course day" in errors["closes_at"][0]
    assert "before the first course day" in errors["cancel_by"][0]
    with pytest.raises(ValidationError) as error:
        offerings.offering_create(
            actor=cast.coordinator.user,
            owner=cast.region,
            kind="launch_day",
            **_event_fields(opens_at=at(5), closes_at=at(2), cancel_by=at(1)),
        )
    assert set(error.value.message_dict) == {"closes_at", "cancel_by"}


def test_a_course_offering_needs_a_course_its_owner_may_offer(cast):
    local = CourseFactory(region=None, municipality=cast.vanersborg)
    with pytest.raises(ValidationError):
        offerings.offering_create(
            actor=cast.hr.user, owner=cast.uddevalla, kind="course", **_event_fields()
        )
    with pytest.raises(ValidationError):
        offerings.offering_create(
            actor=cast.coordinator.user,
            owner=cast.uddevalla,
            kind="course",
            course=local,
            **_event_fields(),
        )
    joint = CourseFactory(region=cast.region)
    offering = offerings.offering_create(
        actor=cast.hr.user, owner=cast.uddevalla, kind="course", course=joint, **_event_fields()
    )
    assert offering.municipality == cast.uddevalla and offering.course == joint


def test_a_follow_up_day_follows_an_earlier_theme_day_of_the_same_organiser(cast):
    theme = OfferingFactory(course=None, kind="theme_day", region=cast.region)
    CourseDayFactory(offering=theme, starts_at=at(30, 9), ends_at=at(30, 16))
    with pytest.raises(ValidationError):  # another organiser
        offerings.offering_create(
            actor=cast.hr.user,
            owner=cast.uddevalla,
            kind="follow_up_day",
            follows=theme,
            **_event_fields(),
        )
    with pytest.raises(ValidationError):  # only a follow-up day follows
        offerings.offering_create(
            actor=cast.coordinator.user,
            owner=cast.region,
            kind="dialogue_day",
            follows=theme,
            **_event_fields(),
        )
    follow_up = offerings.offering_create(
        actor=cast.coordinator.user,
        owner=cast.region,
        kind="follow_up_day",
        follows=theme,
        **_event_fields(closes_at=at(10), cancel_by=at(10)),
    )
    CourseDayFactory(offering=follow_up, starts_at=at(20, 9), ends_at=at(20, 16))
    with override("en"), pytest.raises(ValidationError) as error:
        offerings.offering_update(
            actor=cast.coordinator.user, offering=follow_up, **_offering_fields(follow_up)
        )
    assert "must come before" in str(error.value)


# Course days ----------------------------------------------------------------------------------


def test_moving_a_day_bumps_its_sequence_and_tells_only_seat_holders(
    cast, django_capture_on_commit_callbacks
):
    offering = course_scenario(cast, seats=1)["offering"]
    day = offering.days.order_by("starts_at").first()
    holder, waiting, gone = _staff(cast, 3)
    reg.register(actor=None, offering=offering, person=holder)
    reg.register(actor=None, offering=offering, person=waiting)
    cancelled = reg.register(actor=None, offering=offering, person=gone)
    reg.cancel(actor=None, registration=cancelled)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offerings.day_update(
            actor=cast.coordinator.user,
            day=day,
            **_day_fields(day, starts_at=at(30, 10), ends_at=at(30, 17)),
        )
    day.refresh_from_db()
    assert day.sequence == 1
    assert day.starts_at == at(30, 10)
    assert [m.to for m in mail.outbox] == [[holder.email]]
    event = AuditEvent.objects.get(action="courses.day.changed")
    assert event.data["told"] == 1 and event.data["changed"] == ["starts_at", "ends_at"]


def test_saving_a_day_unchanged_tells_nobody(cast, django_capture_on_commit_callbacks):
    offering = course_scenario(cast)["offering"]
    day = offering.days.first()
    reg.register(actor=None, offering=offering, person=_staff(cast, 1)[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offerings.day_update(actor=cast.coordinator.user, day=day, **_day_fields(day))
    day.refresh_from_db()
    assert day.sequence == 0 and mail.outbox == []


def test_a_new_day_is_sent_to_seat_holders(cast, django_capture_on_commit_callbacks):
    offering = course_scenario(cast, seats=1)["offering"]
    holder, waiting = _staff(cast, 2)
    reg.register(actor=None, offering=offering, person=holder)
    reg.register(actor=None, offering=offering, person=waiting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offerings.day_add(
            actor=cast.coordinator.user, offering=offering, starts_at=at(44, 9), ends_at=at(44, 15)
        )
    assert [m.to for m in mail.outbox] == [[holder.email]]
    assert AuditEvent.objects.get(action="courses.day.added").data["told"] == 1


def test_a_new_place_counts_as_a_change(cast, django_capture_on_commit_callbacks):
    offering = course_scenario(cast)["offering"]
    day = offering.days.first()
    offerings.day_update(actor=cast.coordinator.user, day=day, **_day_fields(day, place="Aulan"))
    day.refresh_from_db()
    assert (day.place, day.sequence) == ("Aulan", 1)


def test_a_day_starts_after_the_deadlines_and_ends_after_it_starts(cast):
    offering = course_scenario(cast)["offering"]  # registration closes in 20 days
    with override("en"), pytest.raises(ValidationError) as error:
        offerings.day_add(
            actor=cast.coordinator.user, offering=offering, starts_at=at(10), ends_at=at(10, 15)
        )
    assert "after the registration deadline" in str(error.value)
    with pytest.raises(ValidationError):
        offerings.day_add(
            actor=cast.coordinator.user, offering=offering, starts_at=at(40, 15), ends_at=at(40, 9)
        )
    day = offerings.day_add(
        actor=cast.coordinator.user, offering=offering, starts_at=at(44, 9), ends_at=at(44, 15)
    )
    assert day.sequence == 0 and offering.days.count() == 3


def test_hr_of_another_municipality_cannot_add_days(cast):
    offering = OfferingFactory(
        course=None, kind="theme_day", region=None, municipality=cast.uddevalla
    )
    with pytest.raises(ValidationError):
        offerings.day_add(
            actor=cast.hr_other.user,
            offering=offering,
            starts_at=at(30, 9),
            ends_at=at(30, 12),
        )
    assert offerings.day_add(
        actor=cast.hr.user, offering=offering, starts_at=at(30, 9), ends_at=at(30, 12)
    ).starts_at == at(30, 9)
    assert offering.days.get().ends_at - offering.days.get().starts_at == datetime.timedelta(
        hours=3
    )


def test_an_archived_course_takes_no_new_offering_but_old_ones_stay_editable(cast):
    scenario = course_scenario(cast)
    course, offering = scenario["course"], scenario["offering"]
    course.archived = True
    course.save()
    with override("en"), pytest.raises(ValidationError) as error:
        offerings.offering_create(
            actor=cast.coordinator.user,
            owner=cast.region,
            kind="course",
            course=course,
            **_event_fields(),
        )
    assert "archived" in str(error.value)
    offerings.offering_update(
        actor=cast.coordinator.user,
        offering=offering,
        **_offering_fields(offering, audience="Alla"),
    )
    offering.refresh_from_db()
    assert offering.audience == "Alla"

"""Factories for courses, offerings and registrations, and a small course scenario on the cast."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from stegvis.courses.models import ChecklistTask, Course, CourseDay, Offering
from tests import factories as f


def at(days: int, hour: int = 9) -> datetime.datetime:
    """A moment ``days`` from today at ``hour`` o'clock local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    region = factory.SubFactory(f.RegionFactory)
    title = factory.Sequence(lambda n: f"Kurs {n}")
    description = "Om bemötande och delaktighet."


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    course = factory.SubFactory(CourseFactory)
    region = factory.LazyAttribute(lambda o: o.course.region if o.course else None)
    seats_on_site = 2
    opens_at = factory.LazyFunction(lambda: at(-10))
    closes_at = factory.LazyFunction(lambda: at(20))
    cancel_by = factory.LazyFunction(lambda: at(15))


class CourseDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseDay

    offering = factory.SubFactory(OfferingFactory)
    starts_at = factory.LazyFunction(lambda: at(30, 9))
    ends_at = factory.LazyFunction(lambda: at(30, 16))
    place = "Folkets hus, Uddevalla"


class ChecklistTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistTask

    course = factory.SubFactory(CourseFactory)
    part = ChecklistTask.Part.PREPARATION
    kind = ChecklistTask.Kind.READING
    title = factory.Sequence(lambda n: f"Uppgift {n}")
    why = "Ger en gemensam grund inför kursdagen."
    minutes = 30


def course_scenario(cast, *, seats: int = 2, **offering_fields):
    """A joint Fyrbodal course with one preparation and one follow-up task, a 2-day offering
    led by the cast's course leader, and the cast's competence model goal as its knowledge goal.
    Returns a dict: course, offering, days, preparation, follow_up, goal."""
    model = f.competence_model(cast)
    course = CourseFactory(region=cast.region, title="Demensvård steg 1")
    course.goals.add(model["hygiene"])
    course.leaders.add(cast.course_leader)
    preparation = ChecklistTaskFactory(course=course, title="Läs Socialstyrelsens riktlinjer")
    follow_up = ChecklistTaskFactory(
        course=course, part=ChecklistTask.Part.FOLLOW_UP, kind="practical", title="Prova i vardagen"
    )
    offering = OfferingFactory(course=course, seats_on_site=seats, **offering_fields)
    offering.leaders.add(cast.course_leader)
    days = [
        CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16)),
        CourseDayFactory(offering=offering, starts_at=at(37, 9), ends_at=at(37, 16)),
    ]
    return {
        "course": course,
        "offering": offering,
        "days": days,
        "preparation": preparation,
        "follow_up": follow_up,
        "goal": model["hygiene"],
        "model": model,
    }

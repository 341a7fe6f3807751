"""A journey on the cast: elder care, three suitcases by phase, stops that are courses."""

from __future__ import annotations

from stegvis.journeys.models import Journey, Stop, Suitcase
from tests.course_factories import CourseDayFactory, CourseFactory, OfferingFactory, at


def elder_care_journey(cast, stops_per_suitcase: int = 3) -> dict:
    """A published Fyrbodal journey for elder care with suitcases new/experienced/senior.

    Each stop is a course with one open offering (one course day 30 days ahead)."""
    journey = Journey.objects.create(
        region=cast.region, title="Yrkesresan – äldreomsorg", area_kind="elder_care", published=True
    )
    suitcases, courses = {}, []
    for order, (phase, title) in enumerate(
        [("new", "Ny 0–2 år"), ("experienced", "Van 2–5 år"), ("senior", "Erfaren 5+ år")]
    ):
        suitcase = Suitcase.objects.create(journey=journey, order=order, title=title, phase=phase)
        suitcases[phase] = suitcase
        for n in range(stops_per_suitcase):
            course = CourseFactory(region=cast.region, title=f"{title}: kurs {n + 1}")
            offering = OfferingFactory(course=course, seats_on_site=10)
            CourseDayFactory(offering=offering, starts_at=at(30, 9), ends_at=at(30, 16))
            Stop.objects.create(suitcase=suitcase, order=n, course=course, required=n < 2)
            courses.append(course)
    return {"journey": journey, "suitcases": suitcases, "courses": courses}

"""Query-count cases for the journey pages (collected by tests/test_query_counts.py)."""

from django.urls import reverse

from stegvis.courses.services import registration as reg
from stegvis.journeys.models import Stop
from tests.course_factories import ChecklistTaskFactory, CourseDayFactory, OfferingFactory


def _more_stops_and_registrations(cast, n):
    from tests.journey_factories import elder_care_journey

    if not hasattr(cast, "_qc_journey"):
        cast._qc_journey = elder_care_journey(cast, stops_per_suitcase=0)
    suitcase = cast._qc_journey["suitcases"]["experienced"]
    for _ in range(n):
        offering = OfferingFactory(region=cast.region, seats_on_site=5)
        CourseDayFactory(offering=offering)
        ChecklistTaskFactory(course=offering.course)
        Stop.objects.create(suitcase=suitcase, course=offering.course, order=suitcase.stops.count())
        reg.register(actor=None, offering=offering, person=cast.employee)


CASES = [("employee", lambda c: reverse("journeys:mine"), _more_stops_and_registrations)]

"""Query-count cases for the gap analysis (collected by tests/test_query_counts.py).

Each step adds people with records in Solgården, or units with staff in Uddevalla, or
municipalities with staff in Fyrbodal, so every table on the page grows with the data.
"""

from django.urls import reverse
from django.utils import timezone

from tests import factories as f


def _more_staff(cast, n):
    from tests.station.test_matrix import matrix_model, record, staff

    model = matrix_model(cast)
    for _ in range(n):
        person = staff(cast, "Extra", f"Personal{timezone.now().timestamp()}")
        record(person, model["lifting"])


def _more_units(cast, n):
    from tests.station.test_matrix import matrix_model, staff

    matrix_model(cast)
    for _ in range(n):
        unit = f.UnitFactory(operating_area=cast.solgarden.operating_area)
        staff(cast, "Ny", f"Enhet{unit.pk}", unit=unit)


def _more_municipalities(cast, n):
    from tests.station.test_matrix import matrix_model

    matrix_model(cast)
    for _ in range(n):
        m = f.MunicipalityFactory(region=cast.region)
        f.EmploymentFactory(
            person=f.PersonFactory(municipality=m),
            unit=f.UnitFactory(operating_area=f.OperatingAreaFactory(municipality=m)),
        )


def _url(name, *args):
    return lambda cast: reverse(name, args=[a(cast) for a in args])


solgarden = lambda cast: cast.solgarden.pk  # noqa: E731
uddevalla = lambda cast: cast.uddevalla.pk  # noqa: E731

CASES = [
    ("manager", _url("gaps:unit", solgarden), _more_staff),
    ("hr", _url("gaps:municipality", uddevalla), _more_units),
    ("coordinator", lambda c: reverse("gaps:region", args=[c.region.pk]), _more_municipalities),
    ("manager", _url("gaps:unit_lacking", solgarden), _more_staff),
    ("hr", _url("gaps:municipality_lacking", uddevalla), _more_staff),
    ("hr", _url("gaps:municipality_lacking", uddevalla), _more_units),
    ("statistics", lambda c: reverse("gaps:statistics"), _more_municipalities),
    ("hr", lambda c: reverse("gaps:statistics"), _more_units),
]

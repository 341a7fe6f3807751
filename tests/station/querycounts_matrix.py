"""Query-count cases for the unit competence matrix (collected by tests/test_query_counts.py).

Each added person works in Solgården with entries for the required competences and a seat on
a course that teaches one of them, so every part of the matrix grows with the data.
"""

from django.urls import reverse
from django.utils import timezone

from stegvis.courses.services import registration as reg


def _more_staff(cast, n):
    from tests.station.test_matrix import matrix_model, record, staff

    model = matrix_model(cast)
    for _ in range(n):
        person = staff(cast, "Extra", f"Personal{timezone.now().timestamp()}")
        record(person, model["hygiene"], "assessed", expires=timezone.localdate())
        record(person, model["lifting"])
        reg.register(actor=None, offering=model["offering"], person=person)


def _matrix(cast):
    return reverse("station:matrix", args=[cast.solgarden.pk])


CASES = [
    ("manager", _matrix, _more_staff),
    ("hr", lambda c: _matrix(c) + "?on=2030-01-01", _more_staff),
    ("admin", _matrix, _more_staff),
]

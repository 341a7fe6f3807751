"""Authorization rows for the unit competence matrix (tests/test_authorization_matrix.py).

Whoever follows the unit (FOLLOW_TEAM: its manager, HR of its municipality, the region's
administrator) sees its matrix and may export it; everyone else gets 404.
"""

from tests.test_authorization_matrix import Case, roles

SOLGARDEN_FOLLOWERS = roles("manager", "hr", "admin")


def _solgarden(cast):
    return {"unit_pk": cast.solgarden.pk}


CASES = {
    "station:matrix": Case(SOLGARDEN_FOLLOWERS, _solgarden),
    "station:matrix_export": Case(
        SOLGARDEN_FOLLOWERS, lambda cast: {"unit_pk": cast.solgarden.pk, "format": "xlsx"}
    ),
}

"""Authorization rows for the station house's team pages (tests/test_authorization_matrix.py).

Managers follow their own unit, HR their municipality's units, administrators their region's.
"""

from tests.test_authorization_matrix import Case, roles

FOLLOWERS = roles("manager", "hr", "hr_other", "admin")
SOLGARDEN_FOLLOWERS = roles("manager", "hr", "admin")


def _solgarden(cast):
    return {"unit_pk": cast.solgarden.pk}


CASES = {
    "station:index": Case(FOLLOWERS),
    "station:team": Case(SOLGARDEN_FOLLOWERS, _solgarden),
    "station:register_team": Case(SOLGARDEN_FOLLOWERS, _solgarden, "post", 302),
    "station:materials": Case(FOLLOWERS),
}

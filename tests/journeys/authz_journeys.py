"""Authorization rows for the journey pages (collected by tests/test_authorization_matrix.py)."""

from tests.test_authorization_matrix import EVERYONE, Case


def _journey(cast):
    from tests.journey_factories import elder_care_journey

    if not hasattr(cast, "_journey"):
        cast._journey = elder_care_journey(cast, stops_per_suitcase=1)["journey"]
    return {"pk": cast._journey.pk}


CASES = {
    "journeys:mine": Case(EVERYONE),
    "journeys:journey": Case(EVERYONE - {"outsider"}, _journey),
}

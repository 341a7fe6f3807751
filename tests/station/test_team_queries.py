"""The team overview costs the same number of queries for a team of 1, 4 or 12 people.

Each grown person brings everything a row shows (see ``querycounts_team.grow_team``), so a
query per person anywhere (profiles, journeys, registrations, days, tasks) would show here.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.station.querycounts_team import grow_team, team_url

# Session, user, roles and unit (4; HR and administrators add their second-factor check), the
# unit's employments (1), competence profiles in summary (5), registrations, their offerings and
# days (3) and their progress (4), journeys (4), checklist tasks (1) and the open offerings (2).
# Fixed; the point is that it never grows with the team.
MAX_QUERIES = 25


def _count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "who, query, htmx",
    [
        ("manager", "", False),
        ("hr", "?attention=on&sort=expiring", False),
        ("admin", "?sort=progress&phase=new", True),
    ],
)
def test_team_overview_queries_do_not_grow_with_the_team(who, query, htmx, cast, login):
    client = login(getattr(cast, who))
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = team_url(cast) + query
    counts = []
    for grow_by in (1, 3, 8):  # 1, 4 and 12 grown people (plus the cast's two at Solgården)
        grow_team(cast, grow_by)
        client.get(url, **headers)  # warm per-process caches (content types)
        counts.append(_count(client, url, **headers))
    assert counts[0] == counts[1] == counts[2], counts
    assert counts[0] <= MAX_QUERIES, counts


def test_rows_really_grow(cast, login):
    """The guard above means something only if the grown people are shown."""
    client = login(cast.manager)
    grow_team(cast, 4)
    response = client.get(team_url(cast))
    assert len(response.context["rows"]) == 6
    assert all(row.journey is not None for row in response.context["rows"])

"""Query counts of the competence pages stay flat as the data grows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stegvis.competences.models import CompetenceRecord, Framework, Item, Requirement
from tests import factories as f


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow_records(cast, model, n):
    for i in range(n):
        item = Item.objects.create(framework=model["common"], kind="competence", title=f"K{i}")
        CompetenceRecord.objects.create(
            person=cast.employee,
            item=item,
            item_identifier=item.identifier,
            kind="course",
            achieved_on=datetime.date(2025, 1, 1),
        )


def _grow_frameworks(cast, model, n):
    for i in range(n):
        fw = Framework.objects.create(
            region=cast.region,
            title=f"F{i}",
            published_at=timezone.now(),
            valid_from=datetime.date(2024, 1, 1),
        )
        Item.objects.create(framework=fw, kind="area", title="A")


def _grow_requirements(cast, model, n):
    for _ in range(n):
        item = Item.objects.create(framework=model["common"], kind="competence", title="R")
        Requirement.objects.create(
            region=cast.region,
            item=item,
            item_identifier=item.identifier,
            applies_to="area",
            area_kind="elder_care",
            reason="law",
            valid_from=datetime.date(2024, 1, 1),
        )


def _grow_items(cast, model, n):
    for i in range(n):
        Item.objects.create(
            framework=model["common"],
            kind="competence",
            title=f"I{i}",
            parent=model["hygiene"].parent,
        )


def _grow_titles(cast, model, n):
    from stegvis.competences.models import BasicCompetenceRule
    from stegvis.people.models import JobTitle

    start = JobTitle.objects.count()
    for i in range(start, start + n):
        title = JobTitle.objects.create(region=cast.region, code=f"t{i}", name=f"Titel {i}")
        BasicCompetenceRule.objects.create(
            job_title=title, kind="education", code="x", description="Utbildning"
        )


CASES = [
    ("manager", lambda c, m: f"/competences/people/{c.employee.pk}/", _grow_records),
    ("manager", lambda c, m: f"/competences/people/{c.employee.pk}/", _grow_requirements),
    ("employee", lambda c, m: "/competences/", _grow_frameworks),
    ("employee", lambda c, m: "/competences/requirements/", _grow_requirements),
    ("employee", lambda c, m: "/competences/titles/", _grow_titles),
    ("coordinator", lambda c, m: m["common"].get_absolute_url(), _grow_items),
]


@pytest.mark.parametrize(
    "who, url, grow", CASES, ids=[f"{w}:{i}" for i, (w, _u, _g) in enumerate(CASES)]
)
def test_query_count_is_flat(who, url, grow, cast, login):
    model = f.competence_model(cast)
    client = login(getattr(cast, who))
    grow(cast, model, 1)
    client.get(url(cast, model))
    before = _count(client, url(cast, model))
    grow(cast, model, 3)
    assert _count(client, url(cast, model)) == before

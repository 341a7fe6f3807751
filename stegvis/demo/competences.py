"""The demo's competence model and the staff's competence: sources, frameworks in three layers,
basic competence of the job titles, ladders, requirements, qualifications, record entries and
ladder placements.

Called by ``generate()`` at the end, in its transaction, after the staff are written. Like the
rest of the demo it is deterministic (its own ``random.Random`` from the seed; identifiers are
``uuid5``) and every date lies on or before ``ANCHOR``. Entries are recorded as of their date
(``recorded_at`` back-dated), so a profile asked "as of" a past date shows what was known then.
Expiry dates of hygiene and CPR training are spread from October 2026 to 2028, so that judged
against the real date at view time some are expired, some expiring soon and some valid for years.

The model is built in ``competence_model``, the staff's qualifications in ``competence_staff``,
records and placements in ``competence_records``; content lives in ``competence_frameworks``,
``competence_titles``, ``competence_requirements``, ``competence_sources`` and
``competence_plans``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Q, QuerySet

from stegvis.competences.models import (
    BasicCompetenceRule,
    CompetenceRecord,
    Framework,
    Ladder,
    LadderPlacement,
    Requirement,
    Source,
)
from stegvis.organisations.models import Region
from stegvis.people.models import Person, Qualification

from .competence_model import (
    build_frameworks,
    build_ladders,
    build_requirements,
    build_rules,
    build_sources,
    update_titles,
)
from .competence_records import records_and_placements
from .competence_sources import SOURCES
from .competence_staff import seed_qualifications, staff_of
from .organisation import Organisation


@contextmanager
def _given_timestamps() -> Iterator[None]:
    """Let bulk inserts keep the ``recorded_at``/``created_at`` we give (back-dated history)."""
    fields = [
        model._meta.get_field(name)
        for model, name in (
            (CompetenceRecord, "recorded_at"),
            (Qualification, "recorded_at"),
            (LadderPlacement, "recorded_at"),
            (Framework, "created_at"),
        )
    ]
    for f in fields:
        f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True  # type: ignore[attr-defined]


# -- entry points -------------------------------------------------------------------------------


def seed_competences(org: Organisation, seed: int) -> dict[str, int]:
    """Create the competence model and the staff's competence; return the counts."""
    rng = random.Random(f"stegvis-competences-{seed}")
    with _given_timestamps():
        sources = build_sources()
        built = build_frameworks(org, sources)
        update_titles(org)
        rules = build_rules(org, sources)
        steps = build_ladders(org, sources, built)
        requirements = build_requirements(org, sources, built)
        staff = staff_of(org)
        qualifications = seed_qualifications(rng, staff)
        records, placements = records_and_placements(rng, org, staff, built, steps)
    return {
        "frameworks": sum(len(b.versions) for b in built.values()),
        "items": sum(len(items) for b in built.values() for _f, items in b.versions),
        "rules": rules,
        "ladders": len(steps),
        "requirements": requirements,
        "qualifications": len(qualifications),
        "records": records,
        "placements": placements,
    }


def remove_competences(regions: QuerySet[Region]) -> None:
    """Remove the competence data under ``regions`` (before their people and units go)."""
    people = Person.objects.filter(region__in=regions)
    in_tree = (
        Q(region__in=regions)
        | Q(municipality__region__in=regions)
        | Q(unit__municipality__region__in=regions)
    )
    CompetenceRecord.objects.filter(person__in=people).exclude(refers_to=None).delete()
    CompetenceRecord.objects.filter(person__in=people).delete()
    LadderPlacement.objects.filter(person__in=people).delete()
    Qualification.objects.filter(person__in=people).delete()
    Requirement.objects.filter(in_tree).delete()
    Ladder.objects.filter(region__in=regions).delete()
    BasicCompetenceRule.objects.filter(job_title__region__in=regions).delete()
    Framework.objects.filter(in_tree).delete()
    titles = [title for _kind, title, _issuer, _ref, _url in SOURCES.values()]
    Source.objects.filter(title__in=titles, frameworks=None, requirements=None).exclude(
        pk__in=BasicCompetenceRule.objects.filter(source__isnull=False).values("source")
    ).exclude(pk__in=Ladder.objects.filter(source__isnull=False).values("source")).delete()

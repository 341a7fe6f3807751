"""Write an import plan: all of it in one transaction, or nothing.

Bulk inserts and updates instead of the per-row services, so 100,000 rows take seconds. The
audit trail gets one event for the import (on the report) and one per person the import
touched ("Created by import <file>", "Updated by import <file>: ..."), inserted in bulk.
Identity numbers are encrypted by the model field on the way in and never enter audit data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.organisations.models import Municipality

from ..import_models import ImportReport
from ..models import Employment, Person
from .plan import Change, ImportPlan, PersonRef, Progress

BATCH = 1000
_CHUNK = 5000


def apply_import(
    plan: ImportPlan,
    *,
    actor: Any,
    municipality: Municipality,
    report: ImportReport,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write ``plan`` for ``municipality``; returns the counts (also stored on ``report``).

    Refuses (ValidationError, nothing written) when the plan has any problem.
    ``progress(done, total)`` is called after every 1,000 records written; it runs inside the
    transaction, so whatever it stores in the database is only seen after the commit.
    """
    if plan.municipality_id != municipality.pk:
        raise ValidationError(_("The import was planned for another municipality."))
    if plan.has_errors:
        raise ValidationError(
            _("The file has %(count)d errors, so nothing was imported.")
            % {"count": len(plan.problems)}
        )
    with transaction.atomic():
        writer = _Writer(plan, municipality, progress)
        writer.write()
        counts = plan.counts()
        _audit(plan, writer, actor, report, counts)
        report.status = ImportReport.Status.DONE
        report.dry_run = False
        report.counts = counts
        report.errors = []
        report.rows_total = report.rows_done = plan.total_rows
        report.encoding, report.delimiter = plan.encoding, plan.delimiter
        report.finished_at = timezone.now()
        report.save()
    return counts


class _Writer:
    def __init__(
        self, plan: ImportPlan, municipality: Municipality, progress: Progress | None
    ) -> None:
        self.plan = plan
        self.municipality = municipality
        self.progress = progress
        self.new_people: dict[PersonRef, int] = {}
        self.done = 0
        self.total = (
            len(plan.persons_create)
            + len(plan.persons_change)
            + len(plan.employments_create)
            + len(plan.employments_change)
            + len(plan.employments_end)
        )

    def write(self) -> None:
        self._create_people()
        self._update(Person, self.plan.persons_change)
        self._create_employments()
        self._update(Employment, self.plan.employments_change)
        self._update(Employment, self.plan.employments_end)

    def person_pk(self, ref: PersonRef) -> int:
        return ref if isinstance(ref, int) else self.new_people[ref]

    def _tick(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)

    def _create_people(self) -> None:
        municipality = self.municipality
        for batch in _batches(self.plan.persons_create):
            people = [
                Person(
                    region_id=municipality.region_id,
                    municipality=municipality,
                    preferred_language=municipality.language,
                    **change.values,
                )
                for change in batch
            ]
            Person.objects.bulk_create(people)
            for change, person in zip(batch, people, strict=True):
                self.new_people[change.person] = person.pk
            self._tick(len(batch))

    def _create_employments(self) -> None:
        for batch in _batches(self.plan.employments_create):
            Employment.objects.bulk_create(
                Employment(person_id=self.person_pk(change.person), **change.values)
                for change in batch
            )
            self._tick(len(batch))

    def _update(self, model: type[models.Model], changes: list[Change]) -> None:
        """bulk_update per set of changed fields, so untouched fields keep their values."""
        groups: dict[tuple[str, ...], list[models.Model]] = defaultdict(list)
        for change in changes:
            values = dict(change.values)
            if "person" in change.diff:
                values["person_id"] = self.person_pk(change.person)
            groups[tuple(sorted(values))].append(model(pk=change.pk, **values))
        for names, objects in groups.items():
            for batch in _batches(objects):
                model._default_manager.bulk_update(batch, list(names))
                self._tick(len(batch))


def _batches[T](items: list[T]) -> Iterable[list[T]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _audit(
    plan: ImportPlan, writer: _Writer, actor: Any, report: ImportReport, counts: dict[str, int]
) -> None:
    log_action(
        "people.import.applied",
        actor=actor,
        target=report,
        message=gettext_noop(
            "HR file %(file)s imported: %(created)s created, %(changed)s changed, "
            "%(ended)s ended, %(unchanged)s unchanged"
        ),
        data={**counts, "report_id": report.pk, "file": plan.file_name},
        source=AuditEvent.Source.IMPORT,
    )
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    AuditEvent.objects.bulk_create(_person_events(plan, writer, actor, report), batch_size=BATCH)


def _person_events(
    plan: ImportPlan, writer: _Writer, actor: Any, report: ImportReport
) -> list[AuditEvent]:
    """One event per person the import touched: what changed, never an identity number."""
    created = {writer.person_pk(c.person): c.label for c in plan.persons_create}
    changed: dict[int, set[str]] = defaultdict(set)
    labels: dict[int, str] = {}
    for change in plan.persons_change:
        changed[change.pk].update(change.diff)  # type: ignore[index]
        labels[change.pk] = change.label  # type: ignore[index]
    for change in plan.employments_create + plan.employments_change + plan.employments_end:
        pk = writer.person_pk(change.person)
        if pk not in created:
            changed[pk].add("employment")
    labels.update(_names([pk for pk in changed if pk not in labels]))
    common = {
        "actor": actor,
        "actor_label": str(actor) if actor is not None else "",
        "target_type": ContentType.objects.get_for_model(Person),
        "source": AuditEvent.Source.IMPORT,
    }
    file_data = {"file": plan.file_name, "report_id": report.pk}
    events = [
        AuditEvent(
            action="people.person.created",
            message=gettext_noop("Created by import %(file)s"),
            target_id=pk,
            target_label=label[:300],
            data=file_data,
            **common,
        )
        for pk, label in created.items()
    ]
    events.extend(
        AuditEvent(
            action="people.person.imported",
            message=gettext_noop("Updated by import %(file)s: %(fields)s"),
            target_id=pk,
            target_label=labels.get(pk, "")[:300],
            data={**file_data, "fields": ", ".join(_labels(fields))},
            **common,
        )
        for pk, fields in changed.items()
    )
    return events


def _names(pks: list[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for start in range(0, len(pks), _CHUNK):
        rows = Person.objects.filter(pk__in=pks[start : start + _CHUNK]).values_list(
            "pk", "first_name", "last_name"
        )
        names.update((pk, f"{first} {last}") for pk, first, last in rows)
    return names


def _labels(names: Iterable[str]) -> list[str]:
    """English field labels for the audit data (the message is translated when shown)."""
    special = {"employment": "employment", "identity_number": "personal identity number"}
    with translation.override("en"):
        return [
            special.get(name) or str(Person._meta.get_field(name).verbose_name)
            for name in sorted(names)
        ]

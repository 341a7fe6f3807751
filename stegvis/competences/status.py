"""What a person's record says on a date: per competence, per job title, per ladder step.

Pure evaluation over rows already loaded (no queries here), so pages and reports can load
everything they need in a fixed number of queries and then ask these functions.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.people.models import Employment, Qualification

from .models import BasicCompetenceRule, CompetenceRecord

EXPIRY_WARNING_DAYS = 90
Kind = CompetenceRecord.Kind


class Status(models.TextChoices):
    MET = "met", _("Met")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    PENDING = "pending", _("Awaiting confirmation")
    MISSING = "missing", _("Missing")


class StateEntry(NamedTuple):
    """A record entry as ``record_states`` reads it, without building a model: pages that
    need many people's states and not their history read these (``values_list``)."""

    pk: int
    person_id: int
    item_identifier: uuid.UUID
    kind: str
    achieved_on: datetime.date
    expires_on: datetime.date | None
    refers_to_id: int | None
    recorded_at: datetime.datetime


@dataclass
class CompetenceState:
    identifier: uuid.UUID
    status: Status
    entry: CompetenceRecord | StateEntry | None = None
    expires_on: datetime.date | None = None
    formal: bool = False

    @property
    def counts(self) -> bool:
        """Whether the competence counts as held (met or still valid though expiring)."""
        return self.status in (Status.MET, Status.EXPIRING)


def _valid_entries(
    entries: Iterable[CompetenceRecord], on: datetime.date, until: datetime.datetime
):
    """Entries recorded by ``until`` and achieved by ``on``, minus withdrawn ones; with the set
    of confirmed self-assessments."""
    entries = [e for e in entries if e.recorded_at <= until]
    withdrawn = {e.refers_to_id for e in entries if e.kind == Kind.WITHDRAWAL}
    confirmed = {
        e.refers_to_id
        for e in entries
        if e.kind == Kind.CONFIRMATION and e.refers_to_id not in withdrawn
    }
    evidence = [
        e
        for e in entries
        if e.kind in CompetenceRecord.EVIDENCE_KINDS
        and e.pk not in withdrawn
        and e.achieved_on <= on
    ]
    return evidence, confirmed


def record_states(
    entries: Iterable[CompetenceRecord],
    on: datetime.date,
    as_recorded_at: datetime.datetime | None = None,
) -> dict[uuid.UUID, CompetenceState]:
    """The state of every competence that has entries, on ``on``.

    ``as_recorded_at`` (default: the end of ``on``) ignores entries recorded later, so the
    record can be asked "as of" any past date exactly as it stood then.
    """
    until = as_recorded_at or datetime.datetime.combine(on, datetime.time.max, tzinfo=datetime.UTC)
    evidence, confirmed = _valid_entries(entries, on, until)
    states: dict[uuid.UUID, CompetenceState] = {}
    for entry in evidence:
        state = _state_of(entry, on, confirmed)
        best = states.get(entry.item_identifier)
        if best is None or _rank(state) > _rank(best):
            states[entry.item_identifier] = state
    return states


def _state_of(entry: CompetenceRecord, on: datetime.date, confirmed: set[int]) -> CompetenceState:
    formal = entry.kind in CompetenceRecord.FORMAL
    if entry.kind == Kind.SELF_ASSESSED and entry.pk not in confirmed:
        status = Status.PENDING
    elif entry.expires_on is not None and entry.expires_on < on:
        status = Status.EXPIRED
    elif entry.expires_on is not None and (entry.expires_on - on).days <= EXPIRY_WARNING_DAYS:
        status = Status.EXPIRING
    else:
        status = Status.MET
    return CompetenceState(entry.item_identifier, status, entry, entry.expires_on, formal)


_ORDER = {
    Status.MISSING: 0,
    Status.EXPIRED: 1,
    Status.PENDING: 2,
    Status.EXPIRING: 3,
    Status.MET: 4,
}


def _rank(state: CompetenceState) -> tuple:
    far_future = datetime.date.max
    return (_ORDER[state.status], state.expires_on or far_future, state.formal)


def state_for(states: dict[uuid.UUID, CompetenceState], identifier: uuid.UUID) -> CompetenceState:
    return states.get(identifier) or CompetenceState(identifier, Status.MISSING)


# --- basic competence of a job title -------------------------------------------------------


@dataclass
class RuleGroupResult:
    rules: list[BasicCompetenceRule]
    met_by: Qualification | None = None
    transitional_until: datetime.date | None = None
    not_required_until: datetime.date | None = None

    @property
    def met(self) -> bool:
        return self.met_by is not None

    @property
    def deadline(self) -> datetime.date | None:
        """By when the person must meet the group, when they do not yet."""
        return self.transitional_until or self.not_required_until


@dataclass
class TitleStatus:
    employment: Employment
    groups: list[RuleGroupResult] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        """Meets the basic competence now: every group met, or not yet required."""
        return all(g.met or g.deadline is not None for g in self.groups)

    @property
    def complete(self) -> bool:
        return all(g.met for g in self.groups)

    @property
    def missing(self) -> list[RuleGroupResult]:
        return [g for g in self.groups if not g.met]


def _satisfies(rule: BasicCompetenceRule, qualification: Qualification, on: datetime.date) -> bool:
    if qualification.code != rule.code or qualification.issued_on > on:
        return False
    if qualification.withdrawn_at is not None:
        return False
    return rule.min_points is None or (qualification.points or 0) >= rule.min_points


def title_status(
    employment: Employment,
    rules: Iterable[BasicCompetenceRule],
    qualifications: Iterable[Qualification],
    employments: Iterable[Employment],
    on: datetime.date,
) -> TitleStatus:
    """Does the person meet the basic competence of this employment's title, and if not,
    exactly what is missing and by when.

    ``employments`` are all of the person's employments, for transition rules ("permanent staff
    in the title on 1 July 2023 may keep it until 30 June 2033").
    """
    result = TitleStatus(employment)
    by_group: dict[int, list[BasicCompetenceRule]] = {}
    for rule in rules:
        if rule.job_title_id == employment.job_title_id:
            by_group.setdefault(rule.group, []).append(rule)
    qualifications = list(qualifications)
    for group in sorted(by_group):
        group_rules = by_group[group]
        outcome = RuleGroupResult(group_rules)
        for rule in group_rules:
            found = next((q for q in qualifications if _satisfies(rule, q, on)), None)
            if found:
                outcome.met_by = found
                break
        if not outcome.met:
            outcome.not_required_until = _not_required_until(group_rules, on)
            outcome.transitional_until = _transition(group_rules, employment, employments, on)
        result.groups.append(outcome)
    return result


def _not_required_until(rules: list[BasicCompetenceRule], on: datetime.date):
    starts = [r.required_from for r in rules if r.required_from]
    if starts and min(starts) > on:
        return min(starts) - datetime.timedelta(days=1)
    return None


def _transition(rules, employment: Employment, employments: Iterable[Employment], on):
    for rule in rules:
        if not (rule.transition_if_employed_on and rule.transition_until):
            continue
        if on > rule.transition_until:
            continue
        day = rule.transition_if_employed_on
        held = any(
            e.job_title_id == employment.job_title_id and e.permanent and e.is_current(day)
            for e in employments
        )
        if held:
            return rule.transition_until
    return None

"""Every write of strategy plans and committee records: one function per change, one
transaction each, an audit entry each. The views check who may call them (``rules``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.courses.models import Course
from stegvis.organisations.models import Municipality, Unit

from .models import BudgetLine, JointCommitteeMeeting, StrategyPlan
from .selectors import course_choices, previous_plan

SECTIONS = ("tasks_ahead", "goals_and_strategies", "staff_expectations", "development_offered")
MEETING_FIELDS = (
    "held_on",
    "committee",
    "strategic_competence_on_agenda",
    "minutes",
    "decisions",
)


def _budget(plan: StrategyPlan) -> list[list[str]]:
    return [[line.description, str(line.amount)] for line in plan.budget_lines.all()]


def _already(unit: Unit, year: int) -> str:
    return _("%(unit)s has a strategy plan for %(year)s already.") % {
        "unit": unit.name,
        "year": year,
    }


@transaction.atomic
def plan_create(*, actor, unit: Unit, year: int, copy_previous: bool = True) -> StrategyPlan:
    """A draft plan for ``unit`` and ``year``; with ``copy_previous``, a copy of the unit's
    latest earlier plan (sections, budget lines, courses still in the catalogue)."""
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    if StrategyPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError({"year": _already(unit, year)})
    source = previous_plan(unit, year) if copy_previous else None
    plan = StrategyPlan(unit=unit, year=year, currency=unit.municipality.currency, created_by=actor)
    if source is not None:
        for name in SECTIONS:
            setattr(plan, name, getattr(source, name))
        plan.copied_from = source
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # created at the same moment by someone else
        raise ValidationError({"year": _already(unit, year)}) from exc
    if source is not None:
        BudgetLine.objects.bulk_create(
            BudgetLine(plan=plan, description=line.description, amount=line.amount, order=i)
            for i, line in enumerate(source.budget_lines.order_by("order", "id"))
        )
        plan.courses.set(source.courses.filter(archived=False))
    log_action(
        "strategy.plan.created",
        actor=actor,
        target=plan,
        message=(
            gettext_noop("Strategy plan %(year)s started as a copy of %(source)s")
            if source
            else gettext_noop("Strategy plan %(year)s started")
        ),
        data={"year": year, "unit": unit.name, "source": source.year if source else None},
    )
    return plan


def _locked_draft(plan: StrategyPlan) -> StrategyPlan:
    plan = StrategyPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_adopted:
        raise ValidationError(_("The plan is adopted and can no longer be changed."))
    return plan


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: StrategyPlan,
    sections: dict[str, str],
    courses: Iterable[Course],
    budget_lines: Sequence[tuple[str, Decimal]],
) -> StrategyPlan:
    """Save the sections, the linked courses and the budget lines of a draft."""
    plan = _locked_draft(plan)
    allowed = set(course_choices(plan.unit).values_list("pk", flat=True))
    courses = list(courses)
    if any(course.pk not in allowed for course in courses):
        raise ValidationError(
            {"courses": _("Only courses of the unit's region or municipality can be linked.")}
        )
    if any(amount < 0 for _description, amount in budget_lines):
        raise ValidationError(_("A budget amount cannot be negative."))
    cleaned = {name: (sections.get(name) or "").strip() for name in SECTIONS}
    changed = [name for name in SECTIONS if getattr(plan, name) != cleaned[name]]
    for name in SECTIONS:
        setattr(plan, name, cleaned[name])
    plan.save(update_fields=[*SECTIONS, "updated_at"])
    before_courses = set(plan.courses.values_list("pk", flat=True))
    after_courses = {course.pk for course in courses}
    if before_courses != after_courses:
        plan.courses.set(courses)
        changed.append("courses")
    before_budget = _budget(plan)
    after_budget = [[description, str(amount)] for description, amount in budget_lines]
    if before_budget != after_budget:
        plan.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(plan=plan, description=description, amount=amount, order=i)
            for i, (description, amount) in enumerate(budget_lines)
        )
        changed.append("budget")
    if changed:
        log_action(
            "strategy.plan.updated",
            actor=actor,
            target=plan,
            message=gettext_noop("Strategy plan %(year)s changed: %(fields)s"),
            data={
                "year": plan.year,
                "fields": ", ".join(changed),
                "budget": [before_budget, after_budget] if "budget" in changed else None,
            },
        )
    return plan


@transaction.atomic
def plan_adopt(*, actor, plan: StrategyPlan) -> StrategyPlan:
    """Adopt a draft: from now on it is kept as it is (the audit's record of the year)."""
    plan = _locked_draft(plan)
    empty = [name for name in SECTIONS if not getattr(plan, name).strip()]
    if empty:
        labels = ", ".join(str(StrategyPlan._meta.get_field(name).verbose_name) for name in empty)
        raise ValidationError(
            _("Write every section before the plan is adopted. Missing: %(sections)s."),
            params={"sections": labels},
        )
    plan.status = StrategyPlan.Status.ADOPTED
    plan.adopted_at = timezone.now()
    plan.adopted_by = actor
    plan.adopted_by_label = str(actor)[:200] if actor else ""
    plan.save(update_fields=["status", "adopted_at", "adopted_by", "adopted_by_label"])
    total = sum((line.amount for line in plan.budget_lines.all()), Decimal("0"))
    log_action(
        "strategy.plan.adopted",
        actor=actor,
        target=plan,
        message=gettext_noop("Strategy plan %(year)s adopted"),
        data={"year": plan.year, "total": str(total), "currency": plan.currency},
    )
    return plan


def _check_meeting(*, unit: Unit | None, municipality: Municipality, held_on, data) -> None:
    if unit is not None and unit.municipality_id != municipality.pk:
        raise ValidationError(_("The unit does not belong to the municipality."))
    if held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("Record a meeting once it has been held: the date is in the future.")}
        )
    if not data.get("committee", "").strip():
        raise ValidationError({"committee": _("Name the committee.")})
    if not (data.get("minutes", "").strip() or data.get("has_file")):
        raise ValidationError({"minutes": _("Write the minutes or attach them as a file.")})


@transaction.atomic
def meeting_record(
    *,
    actor,
    municipality: Municipality,
    unit: Unit | None,
    held_on: datetime.date,
    committee: str,
    strategic_competence_on_agenda: bool,
    minutes: str = "",
    decisions: str = "",
    minutes_file=None,
) -> JointCommitteeMeeting:
    """Record a meeting of the unit's committee (``unit``) or of the municipality's (no unit)."""
    _check_meeting(
        unit=unit,
        municipality=municipality,
        held_on=held_on,
        data={"committee": committee, "minutes": minutes, "has_file": bool(minutes_file)},
    )
    meeting = JointCommitteeMeeting(
        municipality=municipality,
        unit=unit,
        held_on=held_on,
        committee=committee.strip(),
        strategic_competence_on_agenda=strategic_competence_on_agenda,
        minutes=minutes.strip(),
        decisions=decisions.strip(),
        recorded_by=actor,
    )
    if minutes_file:
        meeting.minutes_file = minutes_file
    meeting.save()
    log_action(
        "strategy.meeting.recorded",
        actor=actor,
        target=meeting,
        message=gettext_noop("Joint committee meeting of %(on)s recorded (%(level)s)"),
        data={
            "on": held_on.isoformat(),
            "level": unit.name if unit else municipality.name,
            "on_agenda": strategic_competence_on_agenda,
            "file": bool(minutes_file),
        },
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: JointCommitteeMeeting,
    held_on: datetime.date,
    committee: str,
    strategic_competence_on_agenda: bool,
    minutes: str = "",
    decisions: str = "",
    minutes_file=None,
    remove_file: bool = False,
) -> JointCommitteeMeeting:
    """Correct a recorded meeting; a new file replaces the old one, ``remove_file`` drops it."""
    meeting = JointCommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    keeps_file = bool(minutes_file) or (bool(meeting.minutes_file) and not remove_file)
    _check_meeting(
        unit=meeting.unit,
        municipality=meeting.municipality,
        held_on=held_on,
        data={"committee": committee, "minutes": minutes, "has_file": keeps_file},
    )
    new = {
        "held_on": held_on,
        "committee": committee.strip(),
        "strategic_competence_on_agenda": strategic_competence_on_agenda,
        "minutes": minutes.strip(),
        "decisions": decisions.strip(),
    }
    changed = {
        name: [str(getattr(meeting, name)), str(value)]
        for name, value in new.items()
        if getattr(meeting, name) != value and name not in ("minutes", "decisions")
    }
    changed.update(
        {
            name: ["…", "…"]
            for name in ("minutes", "decisions")
            if getattr(meeting, name) != new[name]
        }
    )
    for name, value in new.items():
        setattr(meeting, name, value)
    old_file = meeting.minutes_file.name if meeting.minutes_file else ""
    if minutes_file:
        meeting.minutes_file = minutes_file
        changed["minutes_file"] = [old_file, minutes_file.name]
    elif remove_file and old_file:
        meeting.minutes_file = ""
        changed["minutes_file"] = [old_file, ""]
    meeting.save()
    if old_file and "minutes_file" in changed:
        storage, name = meeting.minutes_file.storage, old_file
        transaction.on_commit(lambda: storage.delete(name))
    if changed:
        log_action(
            "strategy.meeting.updated",
            actor=actor,
            target=meeting,
            message=gettext_noop("Joint committee meeting of %(on)s corrected: %(fields)s"),
            data={"on": held_on.isoformat(), "fields": ", ".join(changed), "changes": changed},
        )
    return meeting


def meeting_fields(meeting: JointCommitteeMeeting) -> dict:
    return {name: getattr(meeting, name) for name in MEETING_FIELDS}

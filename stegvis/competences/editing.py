"""Services that maintain the rest of the model: requirements (versioned), the basic competence
of job titles, and competence ladders. Each writes an audit event."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Region
from stegvis.people.models import JobTitle

from .models import BasicCompetenceRule, Item, Ladder, LadderStep, Requirement, Source
from .services import owner_fields

REQUIREMENT_FIELDS = (
    "item",
    "applies_to",
    "area_kind",
    "job_title",
    "target_unit",
    "unit_kind",
    "min_count",
    "min_share",
    "reason",
    "reason_text",
    "criticality",
    "source",
)


def _check_requirement(requirement: Requirement) -> None:
    if requirement.item.framework.is_draft:
        raise ValidationError(_("Requirements name competences of published frameworks."))
    kind = requirement.applies_to
    if kind == Requirement.AppliesTo.AREA and not requirement.area_kind:
        raise ValidationError(_("Choose the operating area the requirement applies to."))
    if kind == Requirement.AppliesTo.TITLE and requirement.job_title is None:
        raise ValidationError(_("Choose the job title the requirement applies to."))
    if kind == Requirement.AppliesTo.UNIT:
        if (requirement.target_unit is None) == (not requirement.unit_kind):
            raise ValidationError(
                _("Choose one unit, or a kind of unit, the requirement applies to.")
            )
        if not requirement.min_count and not requirement.min_share:
            raise ValidationError(_("Say how many people, or what share of the staff, need it."))
    if requirement.min_share is not None and not 1 <= requirement.min_share <= 100:
        raise ValidationError(_("The share is a percentage from 1 to 100."))


@transaction.atomic
def requirement_create(*, actor, owner, valid_from: datetime.date, **fields) -> Requirement:
    unknown = set(fields) - set(REQUIREMENT_FIELDS)
    if unknown:
        raise TypeError(f"requirement_create does not take {sorted(unknown)}")
    requirement = Requirement(valid_from=valid_from, **owner_fields(owner), **fields)
    requirement.item_identifier = requirement.item.identifier
    _check_requirement(requirement)
    requirement.save()
    log_action(
        "competences.requirement.created",
        actor=actor,
        target=requirement,
        message=gettext_noop("Requirement %(competence)s created, valid from %(from)s"),
        data={"competence": requirement.item.title, "from": str(valid_from)},
    )
    return requirement


@transaction.atomic
def requirement_revise(
    *, actor, requirement: Requirement, valid_from: datetime.date, **changes
) -> Requirement:
    """A new version from ``valid_from``; the old one ends the day before (never overwritten)."""
    old = Requirement.objects.select_for_update().get(pk=requirement.pk)
    if old.valid_to is not None:
        raise ValidationError(_("Only the version in force can be revised."))
    if valid_from <= old.valid_from:
        raise ValidationError(_("The new version must start after the current one."))
    new = Requirement.objects.get(pk=old.pk)
    new.pk = None
    for name, value in changes.items():
        if name not in REQUIREMENT_FIELDS:
            raise TypeError(f"requirement_revise cannot change {name}")
        setattr(new, name, value)
    new.item_identifier = new.item.identifier
    new.version = old.version + 1
    new.valid_from, new.valid_to = valid_from, None
    _check_requirement(new)
    old.valid_to = valid_from - datetime.timedelta(days=1)
    old.save(update_fields=["valid_to"])
    new.save()
    log_action(
        "competences.requirement.revised",
        actor=actor,
        target=new,
        message=gettext_noop("Requirement %(competence)s revised (version %(version)s)"),
        data={
            "competence": new.item.title,
            "version": new.version,
            "previous": old.pk,
            "from": str(valid_from),
        },
    )
    return new


@transaction.atomic
def requirement_end(*, actor, requirement: Requirement, last_day: datetime.date) -> Requirement:
    if requirement.valid_to is not None:
        raise ValidationError(_("The requirement has already ended."))
    if last_day < requirement.valid_from:
        raise ValidationError(_("A requirement cannot end before it starts."))
    requirement.valid_to = last_day
    requirement.save(update_fields=["valid_to"])
    log_action(
        "competences.requirement.ended",
        actor=actor,
        target=requirement,
        message=gettext_noop("Requirement %(competence)s ends on %(to)s"),
        data={"competence": requirement.item.title, "to": str(last_day)},
    )
    return requirement


@transaction.atomic
def title_update(
    *, actor, job_title: JobTitle, protected: bool, tasks: str, next_level: JobTitle | None
) -> JobTitle:
    if next_level is not None and (
        next_level.pk == job_title.pk or next_level.region_id != job_title.region_id
    ):
        raise ValidationError(_("The next level is another title of the same region."))
    job_title.protected, job_title.tasks, job_title.next_level = protected, tasks, next_level
    job_title.save(update_fields=["protected", "tasks", "next_level"])
    log_action(
        "competences.title.updated",
        actor=actor,
        target=job_title,
        message=gettext_noop("Title %(title)s changed"),
        data={"title": job_title.name},
    )
    return job_title


@transaction.atomic
def rule_add(*, actor, job_title: JobTitle, **fields) -> BasicCompetenceRule:
    rule = BasicCompetenceRule(job_title=job_title, **fields)
    if bool(rule.transition_if_employed_on) != bool(rule.transition_until):
        raise ValidationError(_("A transition needs both the day of employment and its end."))
    rule.save()
    log_action(
        "competences.title.rule_added",
        actor=actor,
        target=job_title,
        message=gettext_noop("Basic competence added to %(title)s: %(rule)s"),
        data={"title": job_title.name, "rule": rule.description, "code": rule.code},
    )
    return rule


@transaction.atomic
def rule_remove(*, actor, rule: BasicCompetenceRule) -> None:
    log_action(
        "competences.title.rule_removed",
        actor=actor,
        target=rule.job_title,
        message=gettext_noop("Basic competence removed from %(title)s: %(rule)s"),
        data={
            "title": rule.job_title.name,
            "rule": rule.description,
            "code": rule.code,
            "group": rule.group,
        },
    )
    rule.delete()


@transaction.atomic
def ladder_create(
    *,
    actor,
    region: Region,
    title: str,
    track: str = "",
    description: str = "",
    source: Source | None = None,
) -> Ladder:
    ladder = Ladder.objects.create(
        region=region,
        title=title.strip(),
        track=track.strip(),
        description=description,
        source=source,
    )
    log_action(
        "competences.ladder.created",
        actor=actor,
        target=ladder,
        message=gettext_noop("Ladder %(title)s created"),
        data={"title": ladder.title},
    )
    return ladder


@transaction.atomic
def ladder_step_save(
    *,
    actor,
    ladder: Ladder,
    name: str,
    entry_criteria: str,
    package: list[Item],
    step: LadderStep | None = None,
) -> LadderStep:
    """Add a step at the top of the ladder, or change ``step``."""
    if step is None:
        position = (
            ladder.steps.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        step = LadderStep(ladder=ladder, position=position)
    step.name, step.entry_criteria = name.strip(), entry_criteria
    step.save()
    step.package.set(package)
    log_action(
        "competences.ladder.step_saved",
        actor=actor,
        target=ladder,
        message=gettext_noop("Step %(step)s saved"),
        data={"step": str(step)},
    )
    return step

"""Every change to the competence model and to people's records goes through these functions."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Municipality, Region, Unit
from stegvis.people.models import Person

from .models import CompetenceRecord, Framework, Item, LadderPlacement, LadderStep, Source


def owner_fields(owner) -> dict:
    if isinstance(owner, Unit):
        return {"unit": owner}
    if isinstance(owner, Municipality):
        return {"municipality": owner}
    if isinstance(owner, Region):
        return {"region": owner}
    raise ValidationError(_("A framework belongs to a region, a municipality or a unit."))


@transaction.atomic
def framework_create(
    *,
    actor,
    owner,
    title: str,
    code: str = "",
    description: str = "",
    language: str = "sv",
    source: Source | None = None,
) -> Framework:
    framework = Framework.objects.create(
        title=title.strip(),
        code=code.strip(),
        description=description,
        language=language,
        source=source,
        created_by=actor,
        **owner_fields(owner),
    )
    log_action(
        "competences.framework.created",
        actor=actor,
        target=framework,
        message=gettext_noop("Framework %(title)s created (draft)"),
        data={"title": framework.title, "owner": str(owner)},
    )
    return framework


def _ensure_draft(framework: Framework) -> None:
    if not framework.is_draft:
        raise ValidationError(
            _("A published version is never changed: make a new version to edit it.")
        )


@transaction.atomic
def framework_publish(*, actor, framework: Framework, valid_from: datetime.date) -> Framework:
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _ensure_draft(framework)
    if not framework.items.exists():
        raise ValidationError(_("An empty framework cannot be published."))
    framework.valid_from = valid_from
    framework.published_at = timezone.now()
    framework.save(update_fields=["valid_from", "published_at"])
    log_action(
        "competences.framework.published",
        actor=actor,
        target=framework,
        message=gettext_noop("Version %(version)s published, valid from %(valid_from)s"),
        data={"version": framework.version, "valid_from": str(valid_from)},
    )
    return framework


@transaction.atomic
def framework_new_version(*, actor, framework: Framework) -> Framework:
    """A draft copy of the newest version, items keeping their identifiers."""
    newest = Framework.objects.filter(lineage=framework.lineage).order_by("-version").first()
    if newest.is_draft:
        raise ValidationError(_("There is already a draft version: edit that one."))
    draft = Framework.objects.create(
        lineage=newest.lineage,
        version=newest.version + 1,
        title=newest.title,
        code=newest.code,
        description=newest.description,
        language=newest.language,
        source=newest.source,
        extra=newest.extra,
        created_by=actor,
        region=newest.region,
        municipality=newest.municipality,
        unit=newest.unit,
    )
    copies: dict[int, Item] = {}
    for item in newest.items.order_by("id"):  # parents are created before their children
        old_pk, parent_pk = item.pk, item.parent_id
        item.pk = None
        item.framework = draft
        item.parent = copies.get(parent_pk)
        item.save()
        copies[old_pk] = item
    log_action(
        "competences.framework.versioned",
        actor=actor,
        target=draft,
        message=gettext_noop("Draft version %(version)s started from version %(previous)s"),
        data={"version": draft.version, "previous": newest.version},
    )
    return draft


ITEM_FIELDS = ("kind", "code", "title", "description", "knowledge_form", "position")


def _validate_item(framework: Framework, parent: Item | None, kind: str, knowledge_form: str):
    if parent is not None and parent.framework_id != framework.pk:
        raise ValidationError(_("The parent belongs to another framework."))
    if knowledge_form and kind != Item.Kind.GOAL:
        raise ValidationError(_("Only knowledge goals have a knowledge form."))
    if kind == Item.Kind.GOAL and not knowledge_form:
        raise ValidationError(_("A knowledge goal needs a knowledge form."))


@transaction.atomic
def item_add(
    *,
    actor,
    framework: Framework,
    parent: Item | None,
    kind: str,
    title: str,
    code: str = "",
    description: str = "",
    knowledge_form: str = "",
) -> Item:
    _ensure_draft(framework)
    _validate_item(framework, parent, kind, knowledge_form)
    if code and framework.items.filter(code=code).exists():
        raise ValidationError(
            _("The code %(code)s is already used in this framework.") % {"code": code}
        )
    position = framework.items.count()
    item = Item.objects.create(
        framework=framework,
        parent=parent,
        kind=kind,
        title=title.strip(),
        code=code.strip(),
        description=description,
        knowledge_form=knowledge_form,
        position=position,
    )
    log_action(
        "competences.item.added",
        actor=actor,
        target=framework,
        message=gettext_noop("%(title)s added"),
        data={"title": item.title, "item": item.pk},
    )
    return item


@transaction.atomic
def item_update(*, actor, item: Item, **fields) -> Item:
    _ensure_draft(item.framework)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"item_update cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, value)
    _validate_item(item.framework, item.parent, item.kind, item.knowledge_form)
    item.save()
    log_action(
        "competences.item.changed",
        actor=actor,
        target=item.framework,
        message=gettext_noop("%(title)s changed"),
        data={"title": item.title},
    )
    return item


@transaction.atomic
def record_add(
    *,
    actor,
    person: Person,
    item: Item,
    kind: str,
    achieved_on: datetime.date,
    expires_on: datetime.date | None = None,
    evidence: str = "",
    source: str = "web",
) -> CompetenceRecord:
    if kind not in CompetenceRecord.EVIDENCE_KINDS:
        raise ValidationError(_("Choose what kind of evidence this is."))
    if item.framework.is_draft:
        raise ValidationError(_("Competence can only be recorded against a published framework."))
    if expires_on is not None and expires_on <= achieved_on:
        raise ValidationError(
            _("The competence must be valid for some time after it was achieved.")
        )
    if achieved_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    entry = CompetenceRecord.objects.create(
        person=person,
        item=item,
        item_identifier=item.identifier,
        kind=kind,
        achieved_on=achieved_on,
        expires_on=expires_on,
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    log_action(
        "competences.record.added",
        actor=actor,
        target=person,
        source=source,
        message=gettext_noop("%(competence)s recorded (%(kind)s)"),
        data={"competence": item.title, "kind": kind, "entry": entry.pk},
    )
    return entry


def _follow_up(actor, entry: CompetenceRecord, kind: str, evidence: str) -> CompetenceRecord:
    if entry.followed_by.exists():
        raise ValidationError(_("This entry has already been confirmed or withdrawn."))
    return CompetenceRecord.objects.create(
        person=entry.person,
        item=entry.item,
        item_identifier=entry.item_identifier,
        kind=kind,
        achieved_on=timezone.localdate(),
        evidence=evidence,
        refers_to=entry,
        recorded_by=actor,
    )


@transaction.atomic
def record_confirm(*, actor, entry: CompetenceRecord) -> CompetenceRecord:
    """A manager confirms an employee's self-assessment: from now on it counts."""
    if entry.kind != CompetenceRecord.Kind.SELF_ASSESSED:
        raise ValidationError(_("Only self-assessments are confirmed."))
    if entry.person.user_id is not None and entry.person.user_id == getattr(actor, "pk", None):
        raise ValidationError(_("Nobody confirms their own self-assessment."))
    confirmation = _follow_up(actor, entry, CompetenceRecord.Kind.CONFIRMATION, "")
    log_action(
        "competences.record.confirmed",
        actor=actor,
        target=entry.person,
        message=gettext_noop("Self-assessment of %(competence)s confirmed"),
        data={"competence": entry.item.title, "entry": entry.pk},
    )
    return confirmation


@transaction.atomic
def record_withdraw(*, actor, entry: CompetenceRecord, reason: str) -> CompetenceRecord:
    """Cancel a mistaken entry. The entry stays in the record, marked as withdrawn."""
    if entry.kind not in CompetenceRecord.EVIDENCE_KINDS:
        raise ValidationError(_("Only evidence entries can be withdrawn."))
    if not reason.strip():
        raise ValidationError(_("Say why the entry is withdrawn."))
    withdrawal = _follow_up(actor, entry, CompetenceRecord.Kind.WITHDRAWAL, reason.strip())
    log_action(
        "competences.record.withdrawn",
        actor=actor,
        target=entry.person,
        message=gettext_noop("Entry for %(competence)s withdrawn: %(reason)s"),
        data={"competence": entry.item.title, "entry": entry.pk, "reason": reason.strip()},
    )
    return withdrawal


@transaction.atomic
def ladder_place(
    *, actor, person: Person, step: LadderStep, since: datetime.date
) -> LadderPlacement:
    placement = LadderPlacement.objects.create(
        person=person, step=step, since=since, recorded_by=actor
    )
    log_action(
        "competences.ladder.placed",
        actor=actor,
        target=person,
        message=gettext_noop("On step %(step)s of %(ladder)s from %(since)s"),
        data={"step": str(step), "ladder": step.ladder.title, "since": str(since)},
    )
    return placement

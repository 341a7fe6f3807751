"""How long dialogue notes and preparations are kept, and the clean-up that enforces it.

HR sets a rule per municipality and document type: keep for so many months, then delete or
anonymise (the text is emptied, the row and its date stay). ``apply_retention`` (run daily by
``manage.py dialogue_retention`` or the ``apply_retention`` task) treats every document older
than its rule and writes one ``RetentionRun`` per municipality and type, with the count.

Age is counted from when a note was written, and from the dialogue's end for preparations.
Development plans are not cleaned here (their rule is kept, but nothing enforces it yet).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.organisations.models import Municipality
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from ..models import DialogueNote, Preparation, RetentionPolicy, RetentionRun
from ..models.retention import DocumentType

Action = RetentionPolicy.Action
# The document types this clean-up handles.
HANDLED = (DocumentType.NOTES, DocumentType.PREPARATIONS)
MAX_MONTHS = 600


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- the rules ------------------------------------------------------------------------------------


def _check_hr(actor, municipality: Municipality) -> None:
    scope = scope_for(actor, Capability.READ_DEVELOPMENT_PLANS)
    if not scope.contains_municipality(municipality):
        raise ValidationError(_("You do not keep the rules of %(m)s.") % {"m": municipality.name})


@transaction.atomic
def policy_save(
    *, actor, municipality: Municipality, document_type: str, months: int | None, action: str
) -> RetentionPolicy | None:
    """Set (or, with ``months`` None, remove) the rule for one document type."""
    _check_hr(actor, municipality)
    if document_type not in HANDLED:
        raise ValidationError(_("There is no clean-up for this kind of document."))
    current = RetentionPolicy.objects.filter(
        municipality=municipality, document_type=document_type
    ).first()
    label = str(DocumentType(document_type).label)
    if months is None:
        if current is not None:
            current.delete()
            log_action(
                "development.retention.removed",
                actor=actor,
                target=municipality,
                message=gettext_noop("Removed the retention rule for %(type)s"),
                data={"type": document_type, "label": label},
            )
        return None
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationError({"months": _("Keep documents between 1 and 600 months.")})
    if action not in Action.values:
        raise ValidationError({"action": _("Choose what happens to old documents.")})
    if current is not None and (current.months, current.action) == (months, action):
        return current
    policy, _created = RetentionPolicy.objects.update_or_create(
        municipality=municipality,
        document_type=document_type,
        defaults={"months": months, "action": action},
    )
    log_action(
        "development.retention.saved",
        actor=actor,
        target=municipality,
        message=gettext_noop(
            "Set the retention rule for %(type)s: %(months)s months, then %(action)s"
        ),
        data={"type": document_type, "months": months, "action": action},
    )
    return policy


@transaction.atomic
def policies_save(*, actor, municipality: Municipality, rules) -> None:
    """Save several rules at once: ``rules`` are (document type, months or None, action)."""
    for document_type, months, action in rules:
        policy_save(
            actor=actor,
            municipality=municipality,
            document_type=document_type,
            months=months,
            action=action,
        )


# -- the clean-up ---------------------------------------------------------------------------------


@dataclass
class RetentionResult:
    municipality: str
    document_type: str
    action: str
    older_than: str
    affected: int
    dry_run: bool


def _old(policy: RetentionPolicy, older_than: datetime.datetime) -> QuerySet:
    municipality = policy.municipality_id
    if policy.document_type == DocumentType.NOTES:
        old = DialogueNote.objects.filter(
            dialogue__round__unit__municipality_id=municipality, created_at__lt=older_than
        )
        if policy.action == Action.ANONYMISE:
            old = old.filter(anonymised_at__isnull=True)
        return old
    old = Preparation.objects.filter(
        dialogue__round__unit__municipality_id=municipality, dialogue__ends_at__lt=older_than
    )
    if policy.action == Action.ANONYMISE:
        old = old.exclude(answers="", assessment="")
    return old


def _treat(policy: RetentionPolicy, old: QuerySet, now: datetime.datetime) -> int:
    ids = list(old.values_list("pk", flat=True))
    model = old.model
    if policy.action == Action.DELETE:
        model.objects.filter(pk__in=ids).delete()
    elif policy.document_type == DocumentType.NOTES:
        model.objects.filter(pk__in=ids).update(text="", anonymised_at=now)
    else:
        model.objects.filter(pk__in=ids).update(answers="", assessment="")
    return len(ids)


def apply_retention(
    *,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    municipality: Municipality | None = None,
    actor=None,
    source: str = AuditEvent.Source.COMMAND,
) -> list[RetentionResult]:
    """Delete or anonymise every note and preparation older than its municipality's rule."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    policies = RetentionPolicy.objects.filter(document_type__in=HANDLED).select_related(
        "municipality"
    )
    if municipality is not None:
        policies = policies.filter(municipality=municipality)
    results = []
    for policy in policies.order_by("municipality__name", "document_type"):
        older_than = months_before(today, policy.months)
        cutoff = timezone.make_aware(datetime.datetime.combine(older_than, datetime.time.min))
        with transaction.atomic():
            old = _old(policy, cutoff)
            affected = old.count() if dry_run else _treat(policy, old, now)
            if not dry_run:
                run = RetentionRun.objects.create(
                    municipality=policy.municipality,
                    document_type=policy.document_type,
                    action=policy.action,
                    older_than=older_than,
                    affected=affected,
                )
                log_action(
                    "development.retention.applied",
                    actor=actor,
                    target=run,
                    message=gettext_noop(
                        "Retention: %(action)s %(affected)s %(type)s from before %(older_than)s"
                    ),
                    data={
                        "action": policy.action,
                        "affected": affected,
                        "type": policy.document_type,
                        "older_than": older_than.isoformat(),
                        "municipality": policy.municipality.name,
                    },
                    source=source,
                )
        results.append(
            RetentionResult(
                municipality=policy.municipality.name,
                document_type=policy.document_type,
                action=policy.action,
                older_than=older_than.isoformat(),
                affected=affected,
                dry_run=dry_run,
            )
        )
    return results


def as_dicts(results: list[RetentionResult]) -> list[dict]:
    return [asdict(result) for result in results]

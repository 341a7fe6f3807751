"""Write and read the audit trail. Every service that changes domain data calls ``log_action``."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def log_action(
    action: str,
    *,
    actor: Any,
    target: models.Model,
    message: str,
    data: dict[str, Any] | None = None,
    source: str = AuditEvent.Source.WEB,
) -> AuditEvent:
    """Record ``action`` (a namespaced code such as ``people.employment.moved``).

    ``message`` is an untranslated msgid (mark it with ``gettext_noop``); ``data`` fills its
    placeholders and keeps the details. Never put a personal identity number in ``data``.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        message=str(message),
        actor=actor,
        actor_label=str(actor) if actor is not None else "",
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
        target_label=str(target)[:300],
        data=data or {},
        source=source,
    )


def history_for(*targets: models.Model, limit: int = 50) -> models.QuerySet[AuditEvent]:
    """The newest events about any of ``targets``, for a readable history on their page."""
    query = models.Q(pk__in=[])
    for target in targets:
        query |= models.Q(
            target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
            target_id=target.pk,
        )
    return AuditEvent.objects.filter(query).select_related("actor")[:limit]

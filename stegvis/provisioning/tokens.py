"""Bearer tokens for provisioning clients: made once, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.organisations.models import Municipality
from stegvis.people.models import JobTitle

from .models import ProvisioningClient

TOKEN_PREFIX = "stegvis_scim_"  # noqa: S105 (a visible prefix, not a secret)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def client_create(
    *,
    actor,
    municipality: Municipality,
    name: str,
    default_job_title: JobTitle | None = None,
    source: str = AuditEvent.Source.COMMAND,
) -> tuple[ProvisioningClient, str]:
    """Register an identity system for ``municipality``; returns the client and its token."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    client = ProvisioningClient.objects.create(
        municipality=municipality,
        name=name.strip(),
        token_hash=hash_token(token),
        default_job_title=default_job_title,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        "provisioning.client.created",
        actor=actor,
        target=client,
        message=gettext_noop("Provisioning client %(name)s created"),
        data={"name": client.name, "municipality": municipality.name},
        source=source,
    )
    return client, token


def client_for_token(token: str) -> ProvisioningClient | None:
    """The live client holding ``token``, or None. Marks it used (at most once a minute)."""
    if not token:
        return None
    client = (
        ProvisioningClient.objects.select_related("municipality", "default_job_title")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if client is not None:
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            client.last_used_at = now
            client.save(update_fields=["last_used_at"])
    return client

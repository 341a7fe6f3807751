"""Identity systems that provision people into a municipality over SCIM, and their links."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Municipality
from stegvis.people.models import Employment, JobTitle, Person


class ProvisioningClient(models.Model):
    """An identity system allowed to provision one municipality's people.

    Only a SHA-256 hash of the bearer token is stored; the token is shown once when created.
    A revoked client is kept (``revoked_at``) so the audit trail can still name it.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="provisioning_clients",
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    default_job_title = models.ForeignKey(
        JobTitle,
        verbose_name=_("default job title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Used for a new employment when the identity system sends no title."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("provisioning client")
        verbose_name_plural = _("provisioning clients")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                condition=Q(revoked_at__isnull=True),
                name="provisioning_client_name_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class PersonLink(models.Model):
    """A person as a SCIM User of a municipality: the SCIM id and what only SCIM knows.

    ``removed_at`` is set by a SCIM DELETE: the link then answers 404, the person stays.
    ``employment`` is the employment SCIM started or moved (the one ``department`` speaks of).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="person_links"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="scim_links")
    user_name = models.CharField(_("user name"), max_length=255)
    external_id = models.CharField(_("external id"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    active = models.BooleanField(
        _("active"), null=True, blank=True, help_text=_("Empty: not sent (counts as active).")
    )
    preferred_language = models.CharField(
        _("preferred language sent"), max_length=5, blank=True, help_text=_("Empty: not sent.")
    )
    employment = models.ForeignKey(
        Employment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SCIM link")
        verbose_name_plural = _("SCIM links")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(removed_at__isnull=True),
                name="one_live_scim_link_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.id})"

"""The audit trail: domain actions as namespaced events with actor, target and data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened: ``organisations.unit.moved`` by an actor to a target.

    ``message`` is an English msgid with ``%(name)s`` placeholders filled from ``data``; it is
    translated when shown, so the history reads in the viewer's language.
    """

    class Source(models.TextChoices):
        WEB = "web", _("web")
        SYSTEM = "system", _("system")
        IMPORT = "import", _("import")
        SCIM = "scim", _("provisioning")
        COMMAND = "command", _("command line")

    action = models.CharField(_("action"), max_length=100, db_index=True)
    message = models.CharField(_("message"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.WEB)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.target_label}"

    def describe(self) -> str:
        """The message in the active language, with its placeholders filled."""
        text = gettext(self.message)
        try:
            return text % {k: v for k, v in self.data.items() if isinstance(v, (str, int, float))}
        except (KeyError, TypeError, ValueError):
            return text

"""How long dialogue documents are kept, and the record of each clean-up."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Municipality


class DocumentType(models.TextChoices):
    NOTES = "notes", _("Dialogue notes")
    PREPARATIONS = "preparations", _("Preparations")
    PLANS = "plans", _("Development plans")


class RetentionPolicy(models.Model):
    class Action(models.TextChoices):
        DELETE = "delete", _("Delete")
        ANONYMISE = "anonymise", _("Anonymise (keep the date, remove the text)")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    document_type = models.CharField(_("document type"), max_length=14, choices=DocumentType)
    months = models.PositiveSmallIntegerField(_("kept for (months)"))
    action = models.CharField(_("then"), max_length=10, choices=Action, default=Action.ANONYMISE)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "document_type"], name="one_rule_per_document_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_document_type_display()} {self.months}"


class RetentionRun(models.Model):
    """A record that old documents were removed or anonymised: what, how many, when."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    document_type = models.CharField(max_length=14, choices=DocumentType)
    action = models.CharField(max_length=10)
    older_than = models.DateField()
    affected = models.PositiveIntegerField()
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.municipality} {self.document_type} {self.ran_at:%Y-%m-%d}: {self.affected}"

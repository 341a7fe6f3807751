"""Each person's competence record: append-only, so its state on any date can be asked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.people.models import Person

from .frameworks import Item


class CompetenceRecord(models.Model):
    """One entry in a person's record for a competence or knowledge goal.

    Entries are never changed or deleted. A self-assessment counts once a later entry
    (``CONFIRMATION``) confirms it; a mistaken entry is cancelled by a ``WITHDRAWAL`` entry.
    ``item_identifier`` names the competence across framework versions.
    """

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Formal: education")
        CERTIFICATE = "certificate", _("Formal: certificate")
        COURSE = "course", _("Formal: course")
        ASSESSED = "assessed", _("Real: assessed in practice")
        SELF_ASSESSED = "self_assessed", _("Real: self-assessed")
        CONFIRMATION = "confirmation", _("Confirmation of a self-assessment")
        WITHDRAWAL = "withdrawal", _("Withdrawal of an entry")

    FORMAL = (Kind.EDUCATION, Kind.CERTIFICATE, Kind.COURSE)
    EVIDENCE_KINDS = (
        Kind.EDUCATION,
        Kind.CERTIFICATE,
        Kind.COURSE,
        Kind.ASSESSED,
        Kind.SELF_ASSESSED,
    )

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="competence_records")
    item = models.ForeignKey(
        Item, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="records"
    )
    item_identifier = models.UUIDField(db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    achieved_on = models.DateField(_("date"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    refers_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="followed_by"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("competence record entry")
        verbose_name_plural = _("competence record entries")
        ordering = ["person", "recorded_at", "id"]
        indexes = [models.Index(fields=["person", "item_identifier"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.item} ({self.get_kind_display()})"

    @property
    def is_evidence(self) -> bool:
        return self.kind in self.EVIDENCE_KINDS

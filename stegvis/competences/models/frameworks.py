"""Competence frameworks: areas → competences → knowledge goals, in layers and versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Municipality, Region, TreeScope, Unit


class Layer(TreeScope):
    """Who owns a piece of the model: the region (the common layer), a municipality (its
    additions) or a unit (its local additions, da *lokale tilføjelser*). Exactly one is set."""

    class Meta:
        abstract = True

    @property
    def owner(self) -> Region | Municipality | Unit:
        return self.scope

    @property
    def layer_name(self) -> str:
        if self.unit_id:
            return str(_("Local addition"))
        if self.municipality_id:
            return str(_("Municipal addition"))
        return str(_("Common (region)"))

    one_owner = staticmethod(TreeScope.exactly_one)


class Source(models.Model):
    """Where a framework or requirement comes from: a law, a regulation, general advice..."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        REGULATION = "regulation", _("Regulation")
        GENERAL_ADVICE = "general_advice", _("General advice")
        PREVENTION_PACKAGE = "prevention_package", _("Prevention package")
        REGIONAL_MODEL = "regional_model", _("Regional model")
        LOCAL_DECISION = "local_decision", _("Local decision")
        IMPORT = "import", _("Imported file")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("e.g. SOSFS 2011:12")
    )
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})" if self.reference else self.title


class Framework(Layer):
    """One version of a competence framework.

    Versions of the same framework share ``lineage``; a published version is never edited
    again: a change makes a new version (a copy, items keeping their identifiers), so history
    is kept and what a record referred to stays readable.
    """

    lineage = models.UUIDField(_("framework"), default=uuid.uuid4, db_index=True)
    identifier = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=300)
    code = models.CharField(_("code"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="sv")
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="framework_version"),
            Layer.one_owner("framework_has_one_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("competences:framework", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class KnowledgeForm(models.TextChoices):
    """Forms of knowledge, not a ranking (sv fakta, förståelse, färdighet, förtrogenhet)."""

    FACTS = "facts", _("Facts")
    UNDERSTANDING = "understanding", _("Understanding")
    SKILL = "skill", _("Skill")
    FAMILIARITY = "familiarity", _("Familiarity")


class Item(models.Model):
    """An area, a competence or a knowledge goal in one framework version.

    ``identifier`` stays the same across versions of the framework, so requirements and
    records that name a competence keep naming it when the framework is revised.
    """

    class Kind(models.TextChoices):
        AREA = "area", _("Area")
        COMPETENCE = "competence", _("Competence")
        GOAL = "goal", _("Knowledge goal")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    identifier = models.UUIDField(_("identifier"), default=uuid.uuid4, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMPETENCE)
    code = models.CharField(_("code"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    knowledge_form = models.CharField(
        _("knowledge form"), max_length=20, choices=KnowledgeForm, blank=True
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        ordering = ["framework", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "identifier"], name="item_once_per_version"
            ),
            models.UniqueConstraint(
                fields=["framework", "code"], condition=~Q(code=""), name="item_code_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

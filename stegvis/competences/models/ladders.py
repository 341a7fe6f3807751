"""Competence ladders (sv kompetenstrappa): ordered steps, each with a course package."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Region
from stegvis.people.models import JobTitle, Person

from .frameworks import Item, Source


class Ladder(models.Model):
    """A track of steps, e.g. four steps for licensed staff from newly graduated to specialist."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="ladders"
    )
    title = models.CharField(_("title"), max_length=200)
    track = models.CharField(_("track"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    job_titles = models.ManyToManyField(
        JobTitle, verbose_name=_("job titles"), blank=True, related_name="ladders"
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("competence ladder")
        verbose_name_plural = _("competence ladders")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competences:ladder", args=[self.pk])


class LadderStep(models.Model):
    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("name"), max_length=200)
    entry_criteria = models.TextField(_("entry criteria"), blank=True)
    package = models.ManyToManyField(
        Item,
        verbose_name=_("course package"),
        blank=True,
        related_name="ladder_steps",
        help_text=_("Competences and knowledge goals the step's courses give."),
    )

    class Meta:
        verbose_name = _("ladder step")
        verbose_name_plural = _("ladder steps")
        ordering = ["ladder", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ladder", "position"], name="one_step_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class LadderPlacement(models.Model):
    """A person reached a step on a date. Append-only: the newest placement is the current one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ladder_placements")
    step = models.ForeignKey(LadderStep, on_delete=models.PROTECT, related_name="placements")
    since = models.DateField(_("since"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("ladder placement")
        verbose_name_plural = _("ladder placements")
        ordering = ["person", "-since", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.step} since {self.since}"

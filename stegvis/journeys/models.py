"""Journeys (sv yrkesresa): suitcases by experience phase, each a route of stops (courses).

Yrkesresan (seed 004) opens a journey with three suitcases: new (0–2 years in the job),
experienced (2–5) and senior (over 5). Each suitcase holds a route of stops, and each stop is a
course. A competence ladder can be shown as a journey too: then each suitcase is a ladder step.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.competences.models import Ladder, LadderStep
from stegvis.courses.models import Course
from stegvis.organisations.models import OperatingArea, TreeScope
from stegvis.people.models import JobTitle
from stegvis.people.phases import Phase


class Journey(TreeScope):
    """A journey for an operating area or a profession, owned by a region or a municipality."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area_kind = models.CharField(
        _("operating area"),
        max_length=30,
        choices=OperatingArea.Kind,
        blank=True,
        help_text=_("Staff of this kind of operating area follow the journey."),
    )
    job_titles = models.ManyToManyField(
        JobTitle,
        verbose_name=_("professions"),
        blank=True,
        related_name="journeys",
        help_text=_("Staff with these job titles follow the journey, wherever they work."),
    )
    ladder = models.ForeignKey(
        Ladder,
        verbose_name=_("competence ladder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="journeys",
        help_text=_("Shown by ladder step instead of by experience phase."),
    )
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("journey")
        verbose_name_plural = _("journeys")
        ordering = ["title", "id"]
        constraints = [TreeScope.region_or_municipality("journey_owned_by_region_or_municipality")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journeys:journey", args=[self.pk])


class Suitcase(models.Model):
    """One suitcase (sv resväska): the route for one experience phase or one ladder step."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="suitcases")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    phase = models.CharField(_("experience phase"), max_length=12, choices=Phase, blank=True)
    ladder_step = models.ForeignKey(
        LadderStep,
        verbose_name=_("ladder step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suitcases",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("suitcase")
        verbose_name_plural = _("suitcases")
        ordering = ["journey", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["journey", "phase"],
                condition=~Q(phase=""),
                name="one_suitcase_per_phase",
            )
        ]

    def __str__(self) -> str:
        return f"{self.journey}: {self.title}"


class Stop(models.Model):
    """A stop (sv hållplats) on a suitcase's route: a course, required or optional."""

    suitcase = models.ForeignKey(Suitcase, on_delete=models.CASCADE, related_name="stops")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="stops"
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["suitcase", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["suitcase", "course"], name="course_once_per_route")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.course}"

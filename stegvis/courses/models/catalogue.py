"""The course catalogue: a course, its materials and its preparation and follow-up checklists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.competences.models import Item
from stegvis.organisations.models import OperatingArea, TreeScope
from stegvis.people.models import JobTitle, Person
from stegvis.people.phases import Phase


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    DANISH = "da", _("Danish")
    ENGLISH = "en", _("English")


class Course(TreeScope):
    """A course in the catalogue of a region (joint course) or of one municipality.

    A course has three parts (Yrkesresan, seed 004): a preparation checklist, course days (held
    by its offerings) and a follow-up checklist. Completing all three writes evidence for the
    course's knowledge goals into the participant's competence record.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.SWEDISH
    )
    area_kinds = models.JSONField(
        _("operating areas"),
        default=list,
        blank=True,
        help_text=_("Empty means every operating area."),
    )
    phases = models.JSONField(
        _("experience phases"),
        default=list,
        blank=True,
        help_text=_("Empty means every phase."),
    )
    target_titles = models.ManyToManyField(
        JobTitle, verbose_name=_("target job titles"), blank=True, related_name="courses"
    )
    goals = models.ManyToManyField(
        Item, verbose_name=_("knowledge goals"), blank=True, related_name="courses"
    )
    leaders = models.ManyToManyField(
        Person, verbose_name=_("course leaders"), blank=True, related_name="courses_led"
    )
    for_managers = models.BooleanField(_("made for managers"), default=False)
    archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "id"]
        constraints = [TreeScope.region_or_municipality("course_owned_by_region_or_municipality")]

    def __str__(self) -> str:
        return self.title

    def get_area_kinds_display(self) -> list[str]:
        labels = dict(OperatingArea.Kind.choices)
        return [str(labels.get(kind, kind)) for kind in self.area_kinds]

    def get_phases_display(self) -> list[str]:
        labels = dict(Phase.choices)
        return [str(labels.get(phase, phase)) for phase in self.phases]


class CourseMaterial(models.Model):
    """A file or link for participants and for managers to use in the work group."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="courses/materials/%Y/", blank=True)
    link = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("course material")
        verbose_name_plural = _("course materials")
        ordering = ["course", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="material_has_file_or_link"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ChecklistTask(models.Model):
    """One task on a course's preparation or follow-up checklist."""

    class Part(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        FOLLOW_UP = "follow_up", _("Follow-up")

    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Regulation")
        HANDBOOK = "handbook", _("Handbook")
        WEB_COURSE = "web_course", _("Web course")
        PODCAST = "podcast", _("Podcast")
        FILM = "film", _("Film")
        READING = "reading", _("Reading")
        REFLECTION = "reflection", _("Reflection")
        PRACTICAL = "practical", _("Practical task")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="tasks")
    part = models.CharField(_("part"), max_length=12, choices=Part)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=12, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="courses/tasks/%Y/", blank=True)
    why = models.TextField(_("why it matters"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=30)
    goals = models.ManyToManyField(
        Item, verbose_name=_("knowledge goals"), blank=True, related_name="checklist_tasks"
    )

    class Meta:
        verbose_name = _("checklist task")
        verbose_name_plural = _("checklist tasks")
        ordering = ["course", "part", "order", "id"]

    def __str__(self) -> str:
        return self.title

"""The organisation tree (region → municipality → operating area → unit) and role assignments."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A federation of municipalities (sv kommunalförbund), e.g. Fyrbodal."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:region", args=[self.pk])


class Municipality(models.Model):
    """A municipality (sv kommun, da kommune): the tenant whose people are kept apart."""

    class Country(models.TextChoices):
        SE = "SE", _("Sweden")
        DK = "DK", _("Denmark")

    # The currency each country budgets and is granted money in (ISO 4217).
    CURRENCIES = {Country.SE: "SEK", Country.DK: "DKK"}

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("official code"), max_length=10, unique=True, help_text=_("e.g. 1485 for Uddevalla")
    )
    country = models.CharField(_("country"), max_length=2, choices=Country, default=Country.SE)
    language = models.CharField(
        _("default language"), max_length=5, choices=settings.LANGUAGES, default="sv"
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_name_per_region")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:municipality", args=[self.pk])

    @property
    def currency(self) -> str:
        """SEK in Sweden, DKK in Denmark."""
        return self.CURRENCIES[self.country]


class OperatingArea(models.Model):
    """An operating area (sv verksamhetsområde) within one municipality."""

    class Kind(models.TextChoices):
        DISABILITY = "disability", _("Disability")
        SOCIAL_PSYCHIATRY = "social_psychiatry", _("Social psychiatry")
        ELDER_CARE = "elder_care", _("Elder care")
        CHILD_YOUTH = "child_youth", _("Child and youth social services")
        HEALTH_CARE = "health_care", _("Municipal health care")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="operating_areas",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("operating area")
        verbose_name_plural = _("operating areas")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="one_area_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class Unit(models.Model):
    """A unit (sv enhet, da tilbud): a care home, a home-care district, a group home...

    Units are never deleted. A move records a new placement; a merge or closure sets
    ``closed_on`` (and ``merged_into``), so the unit and everything that pointed at it stays.
    ``municipality`` always equals the operating area's municipality (kept so by the services)
    and is stored for quick tenant filtering.
    """

    class Kind(models.TextChoices):
        CARE_HOME = "care_home", _("Care home")
        HOME_CARE = "home_care", _("Home-care district")
        GROUP_HOME = "group_home", _("Group home")
        SUPPORTED_LIVING = "supported_living", _("Supported living")
        DAY_ACTIVITY = "day_activity", _("Day activity")
        PERSONAL_ASSISTANCE = "personal_assistance", _("Personal assistance")
        REHAB = "rehab", _("Municipal rehabilitation")
        NURSING = "nursing", _("Municipal nursing")
        SOCIAL_SERVICES = "social_services", _("Social services office")
        RESIDENTIAL = "residential", _("Residential care")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="units"
    )
    operating_area = models.ForeignKey(
        OperatingArea,
        verbose_name=_("operating area"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    source_key = models.CharField(
        _("HR system key"),
        max_length=100,
        blank=True,
        help_text=_("The unit's identifier in the HR system, used to match imports."),
    )
    opened_on = models.DateField(_("opened"), default=datetime.date(2000, 1, 1))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "closed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "source_key"],
                condition=~Q(source_key=""),
                name="unit_source_key_per_municipality",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(closed_on__isnull=False),
                name="merged_unit_is_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:unit", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None or self.closed_on > timezone.localdate()


class UnitPlacement(models.Model):
    """Where a unit sat in the tree during a period: the history that a move keeps."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="placements")
    operating_area = models.ForeignKey(OperatingArea, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit placement")
        verbose_name_plural = _("unit placements")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="one_open_placement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} in {self.operating_area} from {self.valid_from}"


class TreeScope(models.Model):
    """Exactly one part of the tree: a region, a municipality or a unit.

    Used for what a role assignment covers and for who owns a layer of the competence model.
    """

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def scope(self) -> Region | Municipality | Unit:
        return self.unit or self.municipality or self.region  # type: ignore[return-value]

    @staticmethod
    def exactly_one(name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=(
                Q(region__isnull=False, municipality__isnull=True, unit__isnull=True)
                | Q(region__isnull=True, municipality__isnull=False, unit__isnull=True)
                | Q(region__isnull=True, municipality__isnull=True, unit__isnull=False)
            ),
            name=name,
        )

    @staticmethod
    def region_or_municipality(name: str) -> models.CheckConstraint:
        """Owned by a region or by one municipality, never by a unit (courses, journeys)."""
        return models.CheckConstraint(
            condition=(
                Q(region__isnull=False, municipality__isnull=True)
                | Q(region__isnull=True, municipality__isnull=False)
            )
            & Q(unit__isnull=True),
            name=name,
        )


class Role(models.TextChoices):
    """The roles a login can hold. What each may do is in ``stegvis.organisations.roles``."""

    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    HR = "hr", _("HR officer")
    COORDINATOR = "coordinator", _("Regional coordinator")
    COURSE_LEADER = "course_leader", _("Course leader")
    AUDITOR = "auditor", _("Auditor")
    STATISTICS_READER = "statistics_reader", _("Statistics reader")
    ADMINISTRATOR = "administrator", _("Administrator")


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, on: datetime.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)


class RoleAssignment(TreeScope):
    """A login holds a role over part of the tree: manager of a unit, HR for a municipality...

    Exactly one scope is set, at the level the role takes (see ``roles.SCOPE_LEVELS``). The
    employee role is not assigned: it follows from the person's current employments.
    Assignments are ended (``valid_to``), never deleted, so who held a role when stays known.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role)
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]
        constraints = [
            TreeScope.exactly_one("role_has_exactly_one_scope"),
            models.CheckConstraint(
                condition=~Q(role="employee"), name="employee_role_not_assigned"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.scope}"

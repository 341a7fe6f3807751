"""People, their employments and job titles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.core.fields import EncryptedTextField
from stegvis.organisations.models import Municipality, OperatingArea, Region, Unit

from .identity import mask_identity_number


class JobTitle(models.Model):
    """A job title (sv befattning/titel) in the region's model, e.g. undersköterska.

    ``level`` orders titles within an operating area's two-level structure (1 = base level,
    2 = the level above, e.g. specialistundersköterska or stödpedagog).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="job_titles"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    area_kind = models.CharField(
        _("operating area"), max_length=30, choices=OperatingArea.Kind, blank=True
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    licensed = models.BooleanField(_("licensed profession"), default=False)
    protected = models.BooleanField(
        _("protected title"),
        default=False,
        help_text=_("The title may only be used by those who meet its basic competence."),
    )
    tasks = models.TextField(
        _("tasks"), blank=True, help_text=_("The tasks that set this level apart from the other.")
    )
    next_level = models.ForeignKey(
        "self",
        verbose_name=_("next level"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="previous_levels",
        help_text=_("The title one level up, as a career step (e.g. specialistundersköterska)."),
    )

    class Meta:
        verbose_name = _("job title")
        verbose_name_plural = _("job titles")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="job_title_code_per_region")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who works (or worked) in a municipality's care services.

    A person may come from HR data without a login (``user`` empty) and get one later.
    The personal identity number is encrypted at rest; ``identity_number_hash`` (keyed) finds
    duplicates without decrypting. It is shown masked and never put in a URL or a log.
    """

    class Language(models.TextChoices):
        SV = "sv", _("Swedish")
        DA = "da", _("Danish")
        EN = "en", _("English")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("home municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("The municipality that keeps this person's record (empty for region staff)."),
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="people"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language, default=Language.SV
    )
    identity_number = EncryptedTextField(_("personal identity number"), blank=True, default="")
    identity_number_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    profession_start_date = models.DateField(
        _("in the profession since"),
        null=True,
        blank=True,
        help_text=_("Start of work in the profession, which may predate the current employment."),
    )
    employee_number = models.CharField(_("employee number"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["municipality", "last_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "employee_number"],
                condition=~Q(employee_number=""),
                name="employee_number_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:person", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_identity_number(self) -> str:
        return mask_identity_number(self.identity_number)


class EmploymentQuerySet(models.QuerySet["Employment"]):
    def current(self, on: datetime.date | None = None) -> EmploymentQuerySet:
        """Employments running on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def current_or_future(self, on: datetime.date | None = None) -> EmploymentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


class Employment(models.Model):
    """One employment: a person in a unit with a title and an extent, for a period."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="employments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employments"
    )
    job_title = models.ForeignKey(
        JobTitle, verbose_name=_("job title"), on_delete=models.PROTECT, related_name="employments"
    )
    extent_percent = models.PositiveSmallIntegerField(_("extent (%)"), default=100)
    permanent = models.BooleanField(
        _("permanent"),
        default=True,
        help_text=_("A permanent employment (sv tillsvidareanställning), not a fixed-term one."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    source_key = models.CharField(
        _("HR system key"),
        max_length=100,
        blank=True,
        help_text=_("The employment's identifier in the HR system."),
    )

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-start_date", "id"]
        indexes = [
            models.Index(fields=["unit", "end_date"]),
            models.Index(fields=["source_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(extent_percent__gte=1, extent_percent__lte=100),
                name="employment_extent_1_to_100",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.unit} ({self.extent_percent} %)"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Qualification(models.Model):
    """Formal competence a person holds: an education, a certificate or a licence.

    Recorded once and never edited; a mistaken row is withdrawn (``withdrawn_at``), not deleted.
    ``code`` names the kind of qualification the basic-competence rules ask for, e.g.
    ``vard-och-omsorgsprogrammet``, ``usk-bevis`` (the undersköterska certificate) or
    ``leg-sjukskoterska``.
    """

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Education")
        COURSE = "course", _("Course with points")
        CERTIFICATE = "certificate", _("Certificate")
        LICENCE = "licence", _("Licence to practise")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    points = models.PositiveIntegerField(_("points"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["-issued_on", "id"]
        indexes = [models.Index(fields=["person", "code"])]

    def __str__(self) -> str:
        return self.title


from .import_models import ImportMapping, ImportReport  # noqa: E402,F401

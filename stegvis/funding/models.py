"""Grants, their periods, and the funding recorded on course registrations (see docs/funding.md).

A grant (sv statsbidrag, e.g. Äldreomsorgslyftet; da kompetencefond) belongs to a municipality,
or to a region for a regional grant. It is paid out per period with an amount granted. A
registration draws on a period with paid study hours, a course fee and substitute costs. The
rules (exclusions, eligibility, dates, amounts) live in ``services.py`` and ``rules.py``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.courses.models import Course, Registration
from stegvis.organisations.models import Municipality, OperatingArea, TreeScope
from stegvis.people.models import JobTitle

CENT = Decimal("0.01")


class Currency(models.TextChoices):
    SEK = "SEK", _("Swedish kronor (SEK)")
    DKK = "DKK", _("Danish kroner (DKK)")


class Grant(TreeScope):
    """A source of money for competence development, and what it may pay for."""

    class Kind(models.TextChoices):
        STATE_GRANT = "state_grant", _("State grant")
        EU_FUND = "eu_fund", _("EU fund")
        OWN_BUDGET = "own_budget", _("Own budget")
        OTHER = "other", _("Other funding")

    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(
        _("funder"),
        max_length=200,
        help_text=_("e.g. Socialstyrelsen, ESF-rådet, the municipality"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.STATE_GRANT)
    pays_study_time = models.BooleanField(
        _("pays study time (wage cost of the hours)"), default=True
    )
    pays_course_fees = models.BooleanField(_("pays course fees"), default=False)
    pays_substitutes = models.BooleanField(_("pays substitutes"), default=False)
    job_titles = models.ManyToManyField(
        JobTitle,
        verbose_name=_("eligible job titles"),
        blank=True,
        related_name="+",
        help_text=_("Empty means every job title."),
    )
    area_kinds = models.JSONField(
        _("eligible operating areas"),
        default=list,
        blank=True,
        help_text=_("Empty means every operating area."),
    )
    courses = models.ManyToManyField(
        Course,
        verbose_name=_("eligible courses"),
        blank=True,
        related_name="+",
        help_text=_("Empty means every course."),
    )
    excludes = models.ManyToManyField(
        "self",
        verbose_name=_("may not be combined with"),
        blank=True,
        symmetrical=True,
        help_text=_("Grants that may not pay for the same person and course as this one."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["name", "id"]
        constraints = [TreeScope.region_or_municipality("grant_owned_by_region_or_municipality")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:grant", args=[self.pk])

    def get_area_kinds_display(self) -> list[str]:
        labels = dict(OperatingArea.Kind.choices)
        return [str(labels.get(kind, kind)) for kind in self.area_kinds]

    def pays_display(self) -> list[str]:
        pays = [
            (self.pays_study_time, _("study time")),
            (self.pays_course_fees, _("course fees")),
            (self.pays_substitutes, _("substitutes")),
        ]
        return [str(label) for flag, label in pays if flag]


class GrantPeriod(models.Model):
    """One period of a grant with the amount granted, e.g. Äldreomsorgslyftet 2026."""

    class WageBasis(models.TextChoices):
        FIXED_RATE = "fixed_rate", _("A fixed hourly rate for everyone")
        ACTUAL_WAGE = "actual_wage", _("Each person's own hourly wage cost")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed for accounting")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. 2026 or spring 2026"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    amount = models.DecimalField(_("amount granted"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency)
    wage_basis = models.CharField(
        _("wage cost of study hours"),
        max_length=12,
        choices=WageBasis,
        default=WageBasis.FIXED_RATE,
    )
    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Wage cost per study hour, including payroll overheads."),
    )
    state = models.CharField(_("state"), max_length=8, choices=State, default=State.OPEN)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant period")
        verbose_name_plural = _("grant periods")
        ordering = ["grant", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="grant_period_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="grant_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.grant}: {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("funding:report", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Funding(models.Model):
    """A grant period pays for one registration: study hours, course fee, substitutes.

    ``municipality`` is whose staff member it is (the registration's municipality when it was
    recorded): HR sees the lines of its own municipality, also on a regional grant. The cost is
    computed when recorded, with the hourly rate of that moment, so a report never changes
    after the fact.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="fundings"
    )
    period = models.ForeignKey(GrantPeriod, on_delete=models.PROTECT, related_name="fundings")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    paid_hours = models.DecimalField(
        _("paid study hours"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    hourly_rate = models.DecimalField(
        _("hourly rate"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    course_fee = models.DecimalField(
        _("course fee"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    substitute_cost = models.DecimalField(
        _("substitute cost"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    amount = models.DecimalField(_("cost"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        ordering = ["period", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "period"], name="one_funding_per_registration_and_period"
            ),
            models.CheckConstraint(
                condition=Q(paid_hours__gte=0)
                & Q(hourly_rate__gte=0)
                & Q(course_fee__gte=0)
                & Q(substitute_cost__gte=0),
                name="funding_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.registration_id}"

    @property
    def study_cost(self) -> Decimal:
        return (self.paid_hours * self.hourly_rate).quantize(CENT)

"""The region's joint competence development plan (sv Fyrbodalgemensam kompetensutvecklingsplan).

A ``JointPlan`` covers one term of one region: a half-year (sv VT/HT, da forår/efterår) or a
custom period. While it is a draft the coordinator adds ``Proposal`` rows (an offering of a
joint course: where, when, how many seats, seat quotas per municipality); confirming the plan
creates the offerings through the courses services and links each proposal to its offering.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.courses.models import Course, Offering
from stegvis.organisations.models import Municipality, Region

from .terms import term_label


class JointPlan(models.Model):
    class Kind(models.TextChoices):
        SPRING = "spring", _("Spring term")
        AUTUMN = "autumn", _("Autumn term")
        CUSTOM = "custom", _("Custom period")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="joint_plans"
    )
    kind = models.CharField(_("term"), max_length=8, choices=Kind)
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("For a custom period.")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint competence development plan")
        verbose_name_plural = _("joint competence development plans")
        ordering = ["region", "-starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "starts_on", "ends_on"], name="one_joint_plan_per_period"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="joint_plan_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(confirmed_at__isnull=False),
                name="confirmed_plan_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.term_label}"

    def get_absolute_url(self) -> str:
        return reverse("regionplan:plan", args=[self.pk])

    @property
    def term_label(self) -> str:
        return term_label(self.kind, self.starts_on, self.ends_on, self.name)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Proposal(models.Model):
    """One proposed offering of a joint course: its days, seats and quotas.

    The days are ``day_count`` course days from ``first_day``, ``days_apart`` days apart, each
    from ``starts_at`` to ``ends_at``. ``offering`` is set when the plan is confirmed.
    """

    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="proposals")
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=8,
        choices=Offering.Attendance,
        default=Offering.Attendance.ON_SITE,
    )
    seats_on_site = models.PositiveIntegerField(_("seats on site"), null=True, blank=True)
    seats_digital = models.PositiveIntegerField(
        _("digital places"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    digital_link = models.URLField(_("digital link"), blank=True)
    first_day = models.DateField(_("first course day"))
    day_count = models.PositiveSmallIntegerField(_("number of course days"), default=1)
    days_apart = models.PositiveSmallIntegerField(_("days between course days"), default=7)
    starts_at = models.TimeField(_("starts"), default=datetime.time(9))
    ends_at = models.TimeField(_("ends"), default=datetime.time(16))
    closes_on = models.DateField(_("registration deadline"))
    offering = models.OneToOneField(
        Offering, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposed offering")
        verbose_name_plural = _("proposed offerings")
        ordering = ["plan", "first_day", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(day_count__gte=1), name="proposal_has_a_course_day"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="proposal_day_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course}: {self.first_day:%Y-%m-%d}"

    def day_dates(self) -> list[datetime.date]:
        step = datetime.timedelta(days=max(self.days_apart, 1))
        return [self.first_day + step * n for n in range(self.day_count)]

    @property
    def last_day(self) -> datetime.date:
        return self.day_dates()[-1]

    def limited_seats(self) -> int:
        """On-site seats plus digital places where they are limited."""
        modes = Offering(attendance=self.attendance).modes()
        on_site = (self.seats_on_site or 0) if "on_site" in modes else 0
        digital = (self.seats_digital or 0) if "digital" in modes else 0
        return on_site + digital

    @property
    def unlimited_digital(self) -> bool:
        return self.attendance != Offering.Attendance.ON_SITE and self.seats_digital is None


class ProposalQuota(models.Model):
    """On-site seats of a proposed offering reserved for one member municipality."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="quotas")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("proposed seat quota")
        verbose_name_plural = _("proposed seat quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "municipality"], name="one_proposed_quota_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.seats}"

"""Offerings: one run of a course, or an event (launch, dialogue or theme day), with its days."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Municipality, TreeScope
from stegvis.people.models import Person

from .catalogue import Course, Language


class Mode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    DIGITAL = "digital", _("Digital")


class Offering(TreeScope):
    """One run of a course or one event, organised by a region or a municipality.

    On-site and digital seats are counted separately; ``None`` means no limit. Seat quotas per
    municipality (``OfferingQuota``) reserve on-site seats of a joint regional course.
    """

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        LAUNCH_DAY = "launch_day", _("Launch day")
        DIALOGUE_DAY = "dialogue_day", _("Dialogue day")
        THEME_DAY = "theme_day", _("Theme day")
        FOLLOW_UP_DAY = "follow_up_day", _("Follow-up day")

    class Attendance(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        DIGITAL = "digital", _("Digital")
        HYBRID = "hybrid", _("Hybrid (on site or digital)")

    class Promotion(models.TextChoices):
        CONFIRM = "confirm", _("Confirm the next in line at once")
        OFFER = "offer", _("Offer the seat with a time to answer")

    class Decision(models.TextChoices):
        OPEN = "open", _("Open")
        GO = "go", _("Will run")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.COURSE)
    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offerings",
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty means the course's title.")
    )
    description = models.TextField(_("description"), blank=True)
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance, default=Attendance.ON_SITE
    )
    seats_on_site = models.PositiveIntegerField(_("seats on site"), null=True, blank=True)
    seats_digital = models.PositiveIntegerField(
        _("digital places"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    opens_at = models.DateTimeField(_("registration opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("registration deadline"))
    cancel_by = models.DateTimeField(_("cancellation deadline"))
    min_participants = models.PositiveIntegerField(_("minimum participants"), null=True, blank=True)
    promotion = models.CharField(
        _("when a seat is freed"), max_length=8, choices=Promotion, default=Promotion.CONFIRM
    )
    offer_hours = models.PositiveSmallIntegerField(_("hours to answer an offered seat"), default=48)
    audience = models.CharField(_("target audience"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.SWEDISH
    )
    leaders = models.ManyToManyField(
        Person, verbose_name=_("course leaders"), blank=True, related_name="offerings_led"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision, default="open")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["closes_at", "id"]
        constraints = [
            TreeScope.region_or_municipality("offering_owned_by_region_or_municipality"),
            models.CheckConstraint(
                condition=Q(kind="course", course__isnull=False) | ~Q(kind="course"),
                name="course_offering_has_course",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gte=models.F("opens_at")),
                name="offering_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.course.title if self.course_id else str(self.get_kind_display())

    def modes(self) -> list[str]:
        """The attendance modes one can register for."""
        if self.attendance == self.Attendance.HYBRID:
            return [Mode.ON_SITE, Mode.DIGITAL]
        return [self.attendance]

    def capacity(self, mode: str) -> int | None:
        """Seats for ``mode``; ``None`` is unlimited."""
        return self.seats_on_site if mode == Mode.ON_SITE else self.seats_digital

    def registration_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.decision != self.Decision.CANCELLED and self.opens_at <= at <= self.closes_at


class OfferingQuota(models.Model):
    """On-site seats of a joint regional offering reserved for one member municipality."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="quotas")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        constraints = [
            models.UniqueConstraint(fields=["offering", "municipality"], name="one_quota_each")
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.seats}"


class CourseDay(models.Model):
    """One course day (or session) of an offering: when, where, or the digital link.

    ``uid`` and ``sequence`` make the iCalendar invitations: the uid is stable and the sequence
    goes up on every change of time or place.
    """

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="days")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    digital_link = models.URLField(_("digital link"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course day")
        verbose_name_plural = _("course days")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="course_day_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offering}: {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

"""Registrations, attendance, checklist progress and the private calendar feed."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.models import Municipality
from stegvis.people.models import Person

from .catalogue import ChecklistTask
from .offerings import CourseDay, Mode, Offering


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> RegistrationQuerySet:
        """Registrations that hold a seat or a place in line."""
        return self.filter(status__in=Registration.ACTIVE)

    def holding_seat(self) -> RegistrationQuerySet:
        return self.filter(status__in=Registration.HOLDING_SEAT)


class Registration(models.Model):
    """A person's seat (or place in the waiting list) on an offering.

    Registrations are binding but not tied to the person: a transfer ends this row
    (``TRANSFERRED``) and starts one for the colleague with the same place in line
    (``queued_at``). Rows are never deleted; the status tells what happened.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        LATE_CANCELLED = "late_cancelled", _("Cancelled late")
        DECLINED = "declined", _("Offer declined or expired")
        TRANSFERRED = "transferred", _("Handed to a colleague")
        WITHDRAWN = "withdrawn", _("Cancelled by the organiser")

    ACTIVE = (Status.CONFIRMED, Status.WAITING, Status.OFFERED)
    HOLDING_SEAT = (Status.CONFIRMED, Status.OFFERED)

    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registrations")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Whose seat: a transfer stays within this municipality."),
    )
    mode = models.CharField(_("attendance"), max_length=8, choices=Mode, default=Mode.ON_SITE)
    status = models.CharField(_("status"), max_length=16, choices=Status)
    queued_at = models.DateTimeField(_("registered"), db_index=True)
    offered_until = models.DateTimeField(_("answer by"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transferred_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transferred_from"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    follow_up_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up_signed_off_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "person"],
                condition=Q(status__in=["confirmed", "waiting", "offered"]),
                name="one_active_registration_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offered_until__isnull=False),
                name="offered_seat_has_answer_by",
            ),
        ]
        indexes = [models.Index(fields=["offering", "status", "mode", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.offering} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDING_SEAT


class Attendance(models.Model):
    """Whether a participant was there on one course day (absent on the day is a no-show)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.ForeignKey(CourseDay, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="one_attendance_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.day_id}: {self.present}"


class TaskCompletion(models.Model):
    """A participant ticked off a checklist task (for follow-up: before the manager signs off)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="task_completions"
    )
    task = models.ForeignKey(ChecklistTask, on_delete=models.CASCADE, related_name="completions")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ticked-off task")
        verbose_name_plural = _("ticked-off tasks")
        constraints = [
            models.UniqueConstraint(fields=["registration", "task"], name="one_tick_per_task")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.task_id}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar subscription: the token in the URL is the only key."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return f"{self.person_id}"


class NoticeSent(models.Model):
    """A notice already sent (a reminder, or that an invitation went out), so that running the
    reminders again sends nothing twice and a cancellation goes only to those invited."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=60, blank=True, help_text="e.g. the course day's id")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "key"], name="one_notice_per_kind_and_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.kind} {self.key}"

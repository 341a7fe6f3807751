"""The unit's yearly strategy plan for competence development and the joint committee's record
(Danish quality model, standard 2.1; da strategiplan, MED-udvalg; sv samverkansgrupp).

A plan belongs to one unit and one year and is written as a draft, then adopted (who, when).
An adopted plan is kept as it was: next year is a new plan, which may start as a copy. A
committee meeting belongs to a unit's own committee or to the whole municipality's.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.courses.models import Course
from stegvis.organisations.models import Municipality, Unit


class StrategyPlan(models.Model):
    """The unit's written strategy plan for competence development for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="strategy_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    tasks_ahead = models.TextField(
        _("tasks ahead"),
        blank=True,
        help_text=_(
            "How the unit's tasks are expected to develop: new user groups, methods, laws."
        ),
    )
    goals_and_strategies = models.TextField(
        _("goals and strategies"),
        blank=True,
        help_text=_("The organisation's agreed goals and the strategies for reaching them."),
    )
    staff_expectations = models.TextField(
        _("what is expected of staff"),
        blank=True,
        help_text=_("What the unit expects of its staff in knowledge, skills and attitudes."),
    )
    development_offered = models.TextField(
        _("development opportunities offered"),
        blank=True,
        help_text=_(
            "Which development opportunities the unit offers and to what extent: courses, "
            "supervision, everyday learning."
        ),
    )
    courses = models.ManyToManyField(
        Course, verbose_name=_("courses offered"), blank=True, related_name="strategy_plans"
    )
    currency = models.CharField(_("currency"), max_length=3, default="SEK")
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopted_by_label = models.CharField(_("adopted by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("strategy plan")
        verbose_name_plural = _("strategy plans")
        ordering = ["unit__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="one_strategy_plan_per_unit_year"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_at__isnull=False),
                name="adopted_strategy_plan_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:plan", args=[self.pk])

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def total(self) -> Decimal:
        """The sum of the budget lines (use with prefetched ``budget_lines``)."""
        return sum((line.amount for line in self.budget_lines.all()), Decimal("0"))


class BudgetLine(models.Model):
    """One line of a plan's budget: what the money is for and how much."""

    plan = models.ForeignKey(StrategyPlan, on_delete=models.CASCADE, related_name="budget_lines")
    description = models.CharField(_("what for"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class JointCommitteeMeeting(models.Model):
    """A meeting of a joint committee (da MED-udvalg, sv samverkansgrupp) of a unit or of a whole
    municipality, and whether strategic competence development was on its agenda.

    ``municipality`` is always set (for the tenant filter); ``unit`` is empty for a committee of
    the whole municipality. The services keep ``municipality`` equal to the unit's.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="committee_meetings",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_meetings",
    )
    held_on = models.DateField(_("date of the meeting"))
    committee = models.CharField(
        _("committee"),
        max_length=200,
        help_text=_("e.g. Lokalt MED-udvalg, Samverkansgrupp, Arbetsplatsträff med samverkan"),
    )
    strategic_competence_on_agenda = models.BooleanField(
        _("strategic competence development was on the agenda"), default=True
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes as a file"), upload_to="strategy/minutes/%Y/", blank=True
    )
    decisions = models.TextField(_("decisions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("joint committee meeting")
        verbose_name_plural = _("joint committee meetings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["municipality", "unit", "held_on"])]

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:meeting", args=[self.pk])

    @property
    def level(self) -> Unit | Municipality:
        return self.unit or self.municipality


class CommitteeReminder(models.Model):
    """A reminder already sent about a unit's committee discussion, so none is sent twice.

    ``kind`` is ``due`` (a month before) or ``overdue``; ``due_on`` is the date it was about, so
    a new discussion (and with it a new due date) starts a new round of reminders.
    """

    class Kind(models.TextChoices):
        DUE = "due", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    due_on = models.DateField()
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "due_on"], name="one_committee_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.kind} {self.due_on}"

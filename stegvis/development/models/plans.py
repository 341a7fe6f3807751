"""The written development plan: goals, activities with owners and dates, and approval."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.competences.models import Item, LadderStep
from stegvis.courses.models import Course, Offering, Registration
from stegvis.organisations.models import Unit
from stegvis.people.models import JobTitle, Person

from .dialogues import Dialogue


class DevelopmentPlan(models.Model):
    """A person's plan from a dialogue. Approved when both the employee and the manager have
    approved it (each recorded with time); then it can only be followed up, not rewritten."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="development_plans")
    dialogue = models.ForeignKey(
        Dialogue, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the person worked when the plan was made."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_plan"
    )
    follow_up_on = models.DateField(_("follow-up date"))
    employee_approved_at = models.DateTimeField(
        _("approved by the employee"), null=True, blank=True
    )
    manager_approved_at = models.DateTimeField(_("approved by the manager"), null=True, blank=True)
    manager_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    outcome = models.TextField(_("what came of it"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return f"{self.person} {self.year}"

    @property
    def approved(self) -> bool:
        return self.employee_approved_at is not None and self.manager_approved_at is not None


class PlanGoal(models.Model):
    class Kind(models.TextChoices):
        COMPETENCE = "competence", _("A competence")
        LADDER_STEP = "ladder_step", _("A step on the competence ladder")
        CAREER = "career", _("A career move (the next title level)")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    description = models.TextField(_("goal"))
    item = models.ForeignKey(
        Item,
        verbose_name=_("competence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ladder_step = models.ForeignKey(
        LadderStep,
        verbose_name=_("ladder step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    job_title = models.ForeignKey(
        JobTitle,
        verbose_name=_("job title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, default="open")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class PlanActivity(models.Model):
    """What is done to reach a goal, by whom and by when.

    A course activity links the offering and, once registered, the registration; its status
    then follows the registration. Every course activity says how the new knowledge will be
    shared with colleagues (how, with whom, by when).
    """

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        JOURNEY_STOP = "journey_stop", _("Journey stop")
        TASK_SHIFTING = "task_shifting", _("Task shifting")
        MENTORING = "mentoring", _("Mentoring")
        SELF_STUDY = "self_study", _("Self-study")
        JOB_ROTATION = "job_rotation", _("Job rotation")
        OTHER = "other", _("Other")

    class Owner(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        MANAGER = "manager", _("Manager")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REGISTERED = "registered", _("Registered")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind)
    description = models.CharField(_("activity"), max_length=300)
    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    offering = models.ForeignKey(
        Offering,
        verbose_name=_("offering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registration = models.ForeignKey(
        Registration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_activities",
    )
    owner = models.CharField(_("who"), max_length=8, choices=Owner, default=Owner.EMPLOYEE)
    due_on = models.DateField(_("by"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    done_at = models.DateTimeField(null=True, blank=True)
    sharing_how = models.CharField(_("how the knowledge is shared"), max_length=300, blank=True)
    sharing_with = models.CharField(_("with whom"), max_length=200, blank=True)
    sharing_by = models.DateField(_("shared by"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["goal", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="course")
                | (~Q(sharing_how="") & ~Q(sharing_with="") & Q(sharing_by__isnull=False)),
                name="course_activity_agrees_on_sharing",
            )
        ]

    def __str__(self) -> str:
        return self.description

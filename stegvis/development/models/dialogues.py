"""The yearly dialogue: planned per unit, prepared by both, held, and noted."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.core.fields import EncryptedTextField
from stegvis.organisations.models import Municipality, Unit
from stegvis.people.models import Person


class QuestionSet(models.Model):
    """Preparation questions of a municipality. Without one, the built-in default set is used
    (``development.questions.DEFAULT_QUESTIONS``, in Swedish and Danish)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="question_sets",
    )
    title = models.CharField(_("title"), max_length=200)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("preparation question set")
        verbose_name_plural = _("preparation question sets")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], condition=Q(active=True), name="one_active_question_set"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Audience(models.TextChoices):
        BOTH = "both", _("Employee and manager")
        EMPLOYEE = "employee", _("Employee")
        MANAGER = "manager", _("Manager")

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    audience = models.CharField(_("who answers"), max_length=8, choices=Audience, default="both")

    class Meta:
        verbose_name = _("preparation question")
        verbose_name_plural = _("preparation questions")
        ordering = ["question_set", "order", "id"]

    def __str__(self) -> str:
        return self.text


class DialogueRound(models.Model):
    """A unit's dialogues of one year, planned by its manager."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    uses_group_dialogues = models.BooleanField(
        _("group dialogues (da GRUS)"),
        default=False,
        help_text=_("Anyone who asks still gets an individual dialogue."),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue round")
        verbose_name_plural = _("dialogue rounds")
        ordering = ["-year", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_round_per_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Dialogue(models.Model):
    """One booked dialogue: individual (one participant) or a group dialogue (several)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual dialogue")
        GROUP = "group", _("Group dialogue")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    round = models.ForeignKey(
        DialogueRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="dialogues"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.INDIVIDUAL)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.PROTECT,
        related_name="dialogues_held",
    )
    participants = models.ManyToManyField(
        Person, through="DialogueParticipant", related_name="dialogues"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="dialogue_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"


class DialogueParticipant(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    wants_individual = models.BooleanField(_("asks for an individual dialogue"), default=False)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "person"], name="one_participation_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.dialogue_id}"


class Preparation(models.Model):
    """Answers and self-assessment before a dialogue, by the employee or by the manager."""

    class Role(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        MANAGER = "manager", _("Manager")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="preparations")
    person = models.ForeignKey(
        Person, verbose_name=_("about"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("prepared by"), max_length=8, choices=Role)
    answers = EncryptedTextField(_("answers"), blank=True, help_text="JSON: question text → answer")
    assessment = EncryptedTextField(
        _("self-assessment"), blank=True, help_text="JSON: competence identifier → level and note"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preparation")
        verbose_name_plural = _("preparations")
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "person", "role"], name="one_preparation_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


class DialogueNote(models.Model):
    """A note from the dialogue about one participant. Confidential notes are shown only to
    the employee and their current manager, never to HR."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="notes")
    person = models.ForeignKey(
        Person, verbose_name=_("about"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField(_("note"))
    confidential = models.BooleanField(_("confidential"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dialogue note")
        verbose_name_plural = _("dialogue notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.person} {self.created_at:%Y-%m-%d}"

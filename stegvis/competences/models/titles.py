"""Basic competence (sv grundkompetens) of job titles: the rules a person must meet."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.people.models import JobTitle, Qualification

from .frameworks import Source


class BasicCompetenceRule(models.Model):
    """One thing a job title requires.

    Rules with the same ``group`` are alternatives (any one will do); every group must be met.
    Example, *undersköterska*: group 1 = the certificate ``usk-bevis`` **or** a nurse's licence
    ``leg-sjukskoterska``, required from 2023-07-01, with a transition: whoever held the title
    in a permanent employment on 2023-07-01 may keep it until 2033-06-30 without one.
    """

    job_title = models.ForeignKey(
        JobTitle,
        verbose_name=_("job title"),
        on_delete=models.CASCADE,
        related_name="basic_competence",
    )
    group = models.PositiveSmallIntegerField(_("group"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Qualification.Kind)
    code = models.SlugField(_("qualification code"), max_length=60)
    description = models.CharField(_("description"), max_length=300)
    min_points = models.PositiveIntegerField(_("at least points"), null=True, blank=True)
    required_from = models.DateField(_("required from"), null=True, blank=True)
    transition_if_employed_on = models.DateField(
        _("transition for those employed on"), null=True, blank=True
    )
    transition_until = models.DateField(_("transition until"), null=True, blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("basic competence rule")
        verbose_name_plural = _("basic competence rules")
        ordering = ["job_title", "group", "id"]

    def __str__(self) -> str:
        return f"{self.job_title}: {self.description}"

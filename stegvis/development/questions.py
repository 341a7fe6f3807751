"""What the preparation asks: the questions in use and the self-assessment lines.

A municipality may keep its own question set (HR copies the default one and edits it); without
an active set of its own, the built-in default set below is used, in Danish for a Danish-speaking
municipality and in Swedish otherwise. The questions are content in the municipality's language,
not interface text, so they are not marked for translation.

The self-assessment is pre-filled from the person's competence profile: basic competence their
title still lacks, unit and title requirements they do not meet, what they miss for the next
step of their ladder, and what is about to expire. Each line gets a level and a note.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stegvis.competences import status as competence_status
from stegvis.competences.profiles import build_profiles
from stegvis.organisations.models import Municipality
from stegvis.people.models import Person

from .models import Question, QuestionSet

BOTH, EMPLOYEE, MANAGER = (
    Question.Audience.BOTH,
    Question.Audience.EMPLOYEE,
    Question.Audience.MANAGER,
)

# (question, help, who answers)
DEFAULT_QUESTIONS: dict[str, list[tuple[str, str, str]]] = {
    "sv": [
        (
            "Hur har det senaste året varit i ditt arbete?",
            "Vad har gått bra och vad har varit svårt?",
            BOTH,
        ),
        ("Vad är du mest nöjd med i ditt arbete?", "", EMPLOYEE),
        (
            "Vilka arbetsuppgifter vill du utveckla eller ta mer ansvar för?",
            "Tänk också på uppgiftsväxling och nya roller i arbetsgruppen.",
            EMPLOYEE,
        ),
        (
            "Vilken kompetens behövs för att möta brukarnas behov framöver?",
            "Utgå från brukarna, verksamhetens mål och din kompetensprofil.",
            BOTH,
        ),
        (
            "Hur delar du med dig av det du lär dig till dina kollegor?",
            "Till exempel på arbetsplatsträffar, reflektion eller handledning.",
            BOTH,
        ),
        ("Vad behöver du från mig som chef och från arbetsgruppen?", "", EMPLOYEE),
        ("Hur upplever du din arbetsmiljö och din hälsa?", "", EMPLOYEE),
        ("Var vill du vara i ditt arbetsliv om ett till tre år?", "", EMPLOYEE),
        ("Vilka styrkor ser jag som chef hos medarbetaren?", "", MANAGER),
        (
            "Vilka utvecklingsområden ser jag som chef, utifrån verksamhetens mål?",
            "",
            MANAGER,
        ),
    ],
    "da": [
        (
            "Hvordan har det seneste år været i dit arbejde?",
            "Hvad er gået godt, og hvad har været svært?",
            BOTH,
        ),
        ("Hvad er du mest tilfreds med i dit arbejde?", "", EMPLOYEE),
        (
            "Hvilke opgaver vil du gerne udvikle dig i eller tage mere ansvar for?",
            "Tænk også på opgaveglidning og nye roller i teamet.",
            EMPLOYEE,
        ),
        (
            "Hvilke kompetencer er der brug for for at møde borgernes behov fremover?",
            "Tag udgangspunkt i borgerne, arbejdspladsens mål og din kompetenceprofil.",
            BOTH,
        ),
        (
            "Hvordan deler du det, du lærer, med dine kolleger?",
            "For eksempel på personalemøder, ved refleksion eller supervision.",
            BOTH,
        ),
        ("Hvad har du brug for fra mig som leder og fra kollegerne?", "", EMPLOYEE),
        ("Hvordan oplever du dit arbejdsmiljø og din trivsel?", "", EMPLOYEE),
        ("Hvor vil du gerne være i dit arbejdsliv om et til tre år?", "", EMPLOYEE),
        ("Hvilke styrker ser jeg som leder hos medarbejderen?", "", MANAGER),
        (
            "Hvilke udviklingsområder ser jeg som leder ud fra arbejdspladsens mål?",
            "",
            MANAGER,
        ),
    ],
}

# The self-assessment scale; "" means not assessed.
LEVELS = [
    ("1", gettext_lazy("I need to learn this")),
    ("2", gettext_lazy("I know some of it")),
    ("3", gettext_lazy("I master it")),
    ("4", gettext_lazy("I can guide others")),
]


@dataclass(frozen=True)
class AskedQuestion:
    text: str
    help_text: str
    audience: str


def default_language(municipality: Municipality) -> str:
    return "da" if municipality.language == "da" else "sv"


def default_questions(municipality: Municipality) -> list[AskedQuestion]:
    return [AskedQuestion(*row) for row in DEFAULT_QUESTIONS[default_language(municipality)]]


def active_set(municipality: Municipality) -> QuestionSet | None:
    return QuestionSet.objects.filter(municipality=municipality, active=True).first()


def questions_for(municipality: Municipality) -> list[AskedQuestion]:
    """The municipality's own active set when it has questions, else the default set."""
    own = active_set(municipality)
    if own is not None:
        asked = [AskedQuestion(q.text, q.help_text, q.audience) for q in own.questions.all()]
        if asked:
            return asked
    return default_questions(municipality)


def for_role(questions: list[AskedQuestion], role: str) -> list[AskedQuestion]:
    """The questions the employee (role "employee") or the manager ("manager") answers."""
    return [q for q in questions if q.audience in (BOTH, role)]


# -- the self-assessment --------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentLine:
    key: str
    label: str
    reason: str


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _title_lines(profile) -> list[AssessmentLine]:
    lines = []
    for title_status in profile.title_statuses:
        title = title_status.employment.job_title
        for group in title_status.missing:
            label = " / ".join(rule.description for rule in group.rules)
            reason = _("Basic competence for %(title)s") % {"title": title.name}
            if group.deadline:
                reason += " " + _("(needed by %(date)s)") % {"date": _day(group.deadline)}
            key = f"title:{title.pk}:{group.rules[0].group}"
            lines.append(AssessmentLine(key, label, reason))
    return lines


def _requirement_lines(profile) -> list[AssessmentLine]:
    lines = []
    for line in profile.requirement_lines:
        state = line.state
        item = line.requirement.item
        if not state.counts:
            reason = _("Required in your work: %(state)s") % {"state": state.status.label}
        elif state.status == competence_status.Status.EXPIRING:
            reason = _("Required in your work; expires on %(date)s") % {
                "date": _day(state.expires_on)
            }
        else:
            continue
        lines.append(AssessmentLine(f"item:{line.requirement.item_identifier}", item.title, reason))
    return lines


def _ladder_lines(profile) -> list[AssessmentLine]:
    step = profile.next_step
    if step is None:
        return []
    reason = _("For the next step on your ladder: %(step)s") % {"step": step.name}
    return [
        AssessmentLine(f"item:{item.identifier}", item.title, reason)
        for item in profile.next_step_missing
    ]


def _expiring_lines(profile) -> list[AssessmentLine]:
    lines = []
    for identifier, state in profile.states.items():
        if state.status != competence_status.Status.EXPIRING:
            continue
        item = profile.items.get(identifier)
        label = item.title if item else str(identifier)
        reason = _("Expires on %(date)s") % {"date": _day(state.expires_on)}
        lines.append(AssessmentLine(f"item:{identifier}", label, reason))
    return lines


def assessment_lines(person: Person, on: datetime.date | None = None) -> list[AssessmentLine]:
    """What the self-assessment asks about: what is missing or expiring for ``person``."""
    profile = build_profiles([person], on)[person.pk]
    lines: dict[str, AssessmentLine] = {}
    for line in (
        _title_lines(profile)
        + _requirement_lines(profile)
        + _ladder_lines(profile)
        + _expiring_lines(profile)
    ):
        lines.setdefault(line.key, line)
    return list(lines.values())

"""What is written around a dialogue: the preparations, the notes, and the questions asked.

The employee and the manager each prepare (answers and a self-assessment); a draft stays with
its writer until it is submitted. The manager writes notes about each participant; confidential
ones never reach HR. HR keeps the municipality's own preparation questions.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Municipality
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Person

from .. import questions
from ..models import Dialogue, DialogueNote, Preparation, Question, QuestionSet
from ..selectors import may_hold_dialogue_with
from .dialogues import Status, check_holder, check_planned, locked

# -- notes and preparations -----------------------------------------------------------------------


def _check_participant(dialogue: Dialogue, person: Person) -> None:
    if not dialogue.participations.filter(person=person).exists():
        raise ValidationError(
            _("%(name)s does not take part in this dialogue.") % {"name": person.full_name}
        )


@transaction.atomic
def note_add(
    *, actor, dialogue: Dialogue, person: Person, text: str, confidential: bool = False
) -> DialogueNote:
    """The manager notes something about one participant; confidential notes never reach HR."""
    dialogue = locked(dialogue)
    check_holder(actor, dialogue)
    _check_participant(dialogue, person)
    if dialogue.status == Status.CANCELLED:
        raise ValidationError(_("The dialogue was cancelled."))
    if not may_hold_dialogue_with(actor, person):
        raise ValidationError(
            _("You no longer hold dialogues with %(name)s.") % {"name": person.full_name}
        )
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    note = DialogueNote.objects.create(
        dialogue=dialogue, person=person, author=actor, text=text, confidential=confidential
    )
    log_action(
        "development.note.added",
        actor=actor,
        target=note,
        message=gettext_noop("Wrote a confidential note about %(person)s")
        if confidential
        else gettext_noop("Wrote a note about %(person)s"),
        data={"person": person.full_name, "dialogue": dialogue.pk, "confidential": confidential},
    )
    return note


@transaction.atomic
def preparation_save(
    *,
    actor,
    dialogue: Dialogue,
    person: Person,
    role: str,
    answers: dict[str, str],
    assessment: dict[str, dict],
    submit: bool,
) -> Preparation:
    """Save the employee's or the manager's preparation about ``person``; ``submit`` shows it
    to the other side (drafts stay private). Once submitted it stays submitted."""
    dialogue = locked(dialogue)
    if role == Preparation.Role.EMPLOYEE:
        if person.user_id is None or person.user_id != actor.pk:
            raise ValidationError(_("Only the employee prepares their own answers."))
    else:
        check_holder(actor, dialogue)
        if not may_hold_dialogue_with(actor, person):
            raise ValidationError(
                _("You no longer hold dialogues with %(name)s.") % {"name": person.full_name}
            )
    _check_participant(dialogue, person)
    check_planned(dialogue)
    preparation, _created = Preparation.objects.select_for_update().get_or_create(
        dialogue=dialogue, person=person, role=role
    )
    preparation.answers = json.dumps(answers, ensure_ascii=False)
    preparation.assessment = json.dumps(assessment, ensure_ascii=False)
    first_submit = submit and preparation.submitted_at is None
    if first_submit:
        preparation.submitted_at = timezone.now()
    preparation.save()
    log_action(
        "development.preparation.submitted" if first_submit else "development.preparation.saved",
        actor=actor,
        target=preparation,
        message=gettext_noop("Submitted the preparation about %(person)s")
        if first_submit
        else gettext_noop("Saved the preparation about %(person)s"),
        data={"person": person.full_name, "dialogue": dialogue.pk, "role": role},
    )
    return preparation


def stored(text: str) -> dict:
    """A preparation's answers or assessment as a dict ({} when empty or anonymised)."""
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


# -- the municipality's preparation questions -----------------------------------------------------


def _check_hr(actor, municipality: Municipality) -> None:
    scope = scope_for(actor, Capability.READ_DEVELOPMENT_PLANS)
    if not scope.contains_municipality(municipality):
        raise ValidationError(_("You do not keep the questions of %(m)s.") % {"m": municipality})


@transaction.atomic
def question_set_copy_default(*, actor, municipality: Municipality, title: str) -> QuestionSet:
    """Start an own question set from the default one (the current own set is retired)."""
    _check_hr(actor, municipality)
    QuestionSet.objects.filter(municipality=municipality, active=True).update(active=False)
    question_set = QuestionSet.objects.create(municipality=municipality, title=title.strip())
    Question.objects.bulk_create(
        Question(
            question_set=question_set,
            order=number,
            text=q.text,
            help_text=q.help_text,
            audience=q.audience,
        )
        for number, q in enumerate(questions.default_questions(municipality), start=1)
    )
    log_action(
        "development.questions.copied",
        actor=actor,
        target=question_set,
        message=gettext_noop("Made an own set of preparation questions for %(municipality)s"),
        data={"municipality": municipality.name},
    )
    return question_set


@transaction.atomic
def question_set_save(*, actor, question_set: QuestionSet, title: str, rows) -> QuestionSet:
    """Replace the set's questions with ``rows`` (dicts: text, help_text, audience, order).

    Preparations keep the question text with each answer, so earlier answers stay readable."""
    _check_hr(actor, question_set.municipality)
    rows = [row for row in rows if row["text"].strip()]
    if not rows:
        raise ValidationError(_("Keep at least one question."))
    question_set.title = title.strip() or question_set.title
    question_set.save(update_fields=["title"])
    question_set.questions.all().delete()
    Question.objects.bulk_create(
        Question(
            question_set=question_set,
            order=row.get("order") or number,
            text=row["text"].strip(),
            help_text=row.get("help_text", "").strip(),
            audience=row["audience"],
        )
        for number, row in enumerate(rows, start=1)
    )
    log_action(
        "development.questions.saved",
        actor=actor,
        target=question_set,
        message=gettext_noop("Saved %(count)s preparation questions"),
        data={"count": len(rows)},
    )
    return question_set


@transaction.atomic
def question_set_retire(*, actor, question_set: QuestionSet) -> QuestionSet:
    """Stop using the own set: the default questions apply again."""
    _check_hr(actor, question_set.municipality)
    question_set.active = False
    question_set.save(update_fields=["active"])
    log_action(
        "development.questions.retired",
        actor=actor,
        target=question_set,
        message=gettext_noop("Went back to the default preparation questions"),
    )
    return question_set

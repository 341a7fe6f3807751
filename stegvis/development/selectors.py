"""Who may read which development plans and dialogue notes.

A plan is seen by the employee, their *current* manager and HR of their municipality. The
manager's reach follows the employment: when the person moves to another unit, the former
manager loses access the same day. Confidential notes are never shown to HR. Every read of a
plan or of notes is written to the audit trail by the views (``audit_read``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Person
from stegvis.people.selectors import people_visible_to

from .models import DevelopmentPlan, Dialogue, DialogueNote


def readable_people(user) -> QuerySet[Person]:
    """People whose plans ``user`` may read: themself and staff in their plan-reading scope."""
    if not user.is_authenticated:
        return Person.objects.none()
    return Person.objects.filter(
        Q(user_id=user.pk)
        | Q(pk__in=people_visible_to(user, Capability.READ_DEVELOPMENT_PLANS).values("pk"))
    )


def plans_visible_to(user) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(person__in=readable_people(user).values("pk"))


def get_plan_for(user, pk: int) -> DevelopmentPlan:
    return get_object_or_404(
        plans_visible_to(user).select_related("person", "unit", "dialogue"), pk=pk
    )


def people_in_dialogue_scope(user) -> QuerySet[Person]:
    """Staff the user may hold dialogues with (a manager's current staff)."""
    return people_visible_to(user, Capability.HOLD_DIALOGUES)


def may_hold_dialogue_with(user, person: Person) -> bool:
    return people_in_dialogue_scope(user).filter(pk=person.pk).exists()


def dialogues_visible_to(user) -> QuerySet[Dialogue]:
    """Dialogues one takes part in, or whose participants' plans one may read.

    Holding a dialogue gives no lasting access: a manager reaches it through the participants
    who are still their staff, so a former manager loses it when the employment moves.
    """
    if not user.is_authenticated:
        return Dialogue.objects.none()
    return Dialogue.objects.filter(participants__in=readable_people(user).values("pk")).distinct()


def notes_visible_to(user, person: Person) -> QuerySet[DialogueNote]:
    """Notes about ``person`` that ``user`` may read.

    The employee reads all notes about themself; their current manager (who holds their
    dialogues) reads all of them too; HR reads only notes that are not confidential.
    """
    notes = DialogueNote.objects.filter(person=person, anonymised_at__isnull=True)
    if person.user_id == user.pk or may_hold_dialogue_with(user, person):
        return notes
    if readable_people(user).filter(pk=person.pk).exists():
        return notes.filter(confidential=False)
    return notes.none()


def is_hr_reader(user) -> bool:
    scope = scope_for(user, Capability.READ_DEVELOPMENT_PLANS)
    return bool(scope.municipality_ids or scope.region_ids or scope.everything)


def audit_read(user, target, what: str) -> None:
    """Record that ``user`` read a plan or dialogue notes (``what``: "plan" or "notes")."""
    messages = {
        "plan": gettext_noop("Read the development plan %(label)s"),
        "notes": gettext_noop("Read the dialogue notes %(label)s"),
        "pdf": gettext_noop("Downloaded the development plan %(label)s as PDF"),
    }
    log_action(
        f"development.{what}.read",
        actor=user,
        target=target,
        message=messages[what],
        data={"label": str(target)},
    )

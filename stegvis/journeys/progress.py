"""Where a person stands at each stop.

The states: not started, registered, preparing, attended, follow-up, done.

Computed for many people and courses at once from registrations and their progress, in a fixed
number of queries, so the team overview costs the same for 4 or 400 people.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.courses.models import Registration
from stegvis.courses.services.progress import Progress, progress_for


class StopState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    REGISTERED = "registered", _("Registered")
    PREPARING = "preparing", _("Preparing")
    ATTENDED = "attended", _("Attended")
    FOLLOW_UP = "follow_up", _("Follow-up")
    DONE = "done", _("Done")


RANK = {state: index for index, state in enumerate(StopState)}


@dataclass
class CourseState:
    state: StopState
    registration: Registration | None = None
    progress: Progress | None = None


def registration_state(registration: Registration, progress: Progress) -> StopState:
    if registration.completed_at is not None:
        return StopState.DONE
    if registration.status != Registration.Status.CONFIRMED:
        return StopState.REGISTERED
    if progress.attended:
        return StopState.FOLLOW_UP if progress.follow_up_done else StopState.ATTENDED
    if progress.preparation_done:
        return StopState.PREPARING
    return StopState.REGISTERED


def relevant_registrations(**filters) -> models.QuerySet[Registration]:
    """Registrations that say something about a stop: active ones and completed ones."""
    return (
        Registration.objects.filter(**filters)
        .filter(models.Q(status__in=Registration.ACTIVE) | models.Q(completed_at__isnull=False))
        .select_related("offering", "offering__course")
    )


def course_states(
    person_ids, course_ids, loaded: tuple[list, dict] | None = None
) -> dict[tuple[int, int], CourseState]:
    """The furthest state of each (person, course) pair that has one; others are not started.

    ``loaded`` may pass registrations (from ``relevant_registrations``) and their progress
    already read for another purpose on the same page.
    """
    if loaded is None:
        registrations = list(
            relevant_registrations(
                person_id__in=list(person_ids), offering__course_id__in=list(course_ids)
            )
        )
        progress = progress_for(registrations)
    else:
        registrations, progress = loaded
        course_ids = set(course_ids)
        registrations = [r for r in registrations if r.offering.course_id in course_ids]
    result: dict[tuple[int, int], CourseState] = {}
    for registration in registrations:
        state = registration_state(registration, progress[registration.pk])
        key = (registration.person_id, registration.offering.course_id)
        known = result.get(key)
        if known is None or RANK[state] > RANK[known.state]:
            result[key] = CourseState(state, registration, progress[registration.pk])
    return result

"""My courses, one registration's three parts, and ticking off checklist tasks."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.models import AuditEvent
from stegvis.people.models import Person
from stegvis.people.selectors import own_person

from .forms import TaskTickForm
from .models import ChecklistTask, CourseDay, Registration
from .registration_views import state_context
from .selectors import get_registration_for, may_register
from .services.progress import Progress, progress_for
from .services.progress import task_tick as tick_service
from .views import task_queryset

Status = Registration.Status
DUE_SOON = datetime.timedelta(days=7)


def waiting_positions(registrations: list[Registration]) -> dict[int, int]:
    """Place in line of each waiting registration, in one query for them all."""
    waiting = [r for r in registrations if r.status == Status.WAITING]
    if not waiting:
        return {}
    lines: dict[tuple[int, str], list[int]] = {}
    rows = (
        Registration.objects.filter(
            offering_id__in={r.offering_id for r in waiting}, status=Status.WAITING
        )
        .order_by("queued_at", "id")
        .values_list("offering_id", "mode", "id")
    )
    for offering_id, mode, pk in rows:
        lines.setdefault((offering_id, mode), []).append(pk)
    return {r.pk: lines[(r.offering_id, r.mode)].index(r.pk) + 1 for r in waiting}


def due_state(first_day: datetime.datetime | None, progress: Progress, now) -> str:
    """'done', 'overdue', 'soon' or 'due' for the preparation before the first course day."""
    if progress.preparation_complete:
        return "done"
    if first_day is None:
        return "due"
    if now >= first_day:
        return "overdue"
    return "soon" if first_day - now <= DUE_SOON else "due"


def _card(registration: Registration, progress: Progress | None, now) -> dict:
    days = list(registration.offering.days.all())
    coming_days = [d for d in days if d.ends_at >= now]
    first = days[0].starts_at if days else None
    return {
        "registration": registration,
        "offering": registration.offering,
        "days": days,
        "next_day": coming_days[0] if coming_days else None,
        "first_day": first,
        "last_day": days[-1] if days else None,
        "progress": progress,
        "due": due_state(first, progress, now) if progress else "",
    }


def _is_past(registration: Registration, now) -> bool:
    days = list(registration.offering.days.all())
    return registration.completed_at is not None or bool(days and days[-1].ends_at < now)


@login_required
def mine(request):
    person = own_person(request.user)
    if person is None:
        return render(request, "courses/mine.html", {"person": None})
    now = timezone.now()
    registrations = list(
        person.registrations.select_related(
            "offering", "offering__course", "offering__region", "offering__municipality"
        )
        .prefetch_related(
            Prefetch("offering__days", queryset=CourseDay.objects.order_by("starts_at", "id"))
        )
        .order_by("-queued_at", "-id")
    )
    confirmed = [r for r in registrations if r.status == Status.CONFIRMED]
    coming = [r for r in confirmed if not _is_past(r, now)]
    past = [r for r in confirmed if _is_past(r, now)]
    progress = progress_for(confirmed)
    positions = waiting_positions(registrations)

    def cards(rows):
        return [_card(r, progress.get(r.pk), now) for r in rows]

    def soonest(card):
        return card["next_day"].starts_at if card["next_day"] else card["offering"].closes_at

    return render(
        request,
        "courses/mine.html",
        {
            "person": person,
            "coming": sorted(cards(coming), key=soonest),
            "offered": cards([r for r in registrations if r.status == Status.OFFERED]),
            "waiting": [
                {**c, "position": positions.get(c["registration"].pk)}
                for c in cards([r for r in registrations if r.status == Status.WAITING])
            ],
            "past": cards(past),
            "ended": cards([r for r in registrations if not r.is_active]),
        },
    )


def _history(registration: Registration):
    """Events about this registration (they are written about its person)."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(Person),
        target_id=registration.person_id,
        data__registration=registration.pk,
    ).select_related("actor")[:50]


def may_tick(registration: Registration, task: ChecklistTask, own: bool) -> bool:
    if not own or registration.status != Status.CONFIRMED:
        return False
    return task.part == ChecklistTask.Part.PREPARATION or not (registration.follow_up_signed_off_at)


def _task_rows(registration, tasks, progress: Progress, own: bool) -> list[dict]:
    return [
        {
            "task": task,
            "done": task.pk in progress.done_task_ids,
            "may_tick": may_tick(registration, task, own),
        }
        for task in tasks
    ]


@login_required
def registration(request, pk: int):
    registration = get_registration_for(request.user, pk)
    own = registration.person.user_id == request.user.pk
    offering = registration.offering
    tasks = list(task_queryset().filter(course_id=offering.course_id)) if offering.course_id else []
    progress = progress_for([registration])[registration.pk]
    attendance = {a.day_id: a.present for a in registration.attendances.all()}
    days = [{"day": d, "present": attendance.get(d.pk)} for d in offering.days.all()]
    rows = _task_rows(registration, tasks, progress, own)
    first_day = days[0]["day"].starts_at if days else None
    return render(
        request,
        "courses/registration.html",
        {
            "registration": registration,
            "offering": offering,
            "own": own,
            "progress": progress,
            "due": due_state(first_day, progress, timezone.now()),
            "first_day": first_day,
            "preparation": [r for r in rows if r["task"].part == ChecklistTask.Part.PREPARATION],
            "follow_up": [r for r in rows if r["task"].part == ChecklistTask.Part.FOLLOW_UP],
            "days": days,
            "state": state_context(offering, registration.person)
            if own and registration.is_active
            else None,
            "transferable": registration.status in (Status.CONFIRMED, Status.WAITING)
            and (own or may_register(request.user, registration.person)),
            "history": _history(registration),
        },
    )


def _own_registration(request, pk: int) -> Registration:
    registration = get_registration_for(request.user, pk)
    if registration.person.user_id != request.user.pk:
        raise Http404  # only the participant ticks off their own tasks
    return registration


@require_POST
@login_required
def task_tick(request, pk: int, task_pk: int):
    registration = _own_registration(request, pk)
    task = get_object_or_404(ChecklistTask, pk=task_pk, course_id=registration.offering.course_id)
    form = TaskTickForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Say whether the task is done or not.")
    else:
        try:
            tick_service(
                actor=request.user,
                registration=registration,
                task=task,
                done=form.cleaned_data["done"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        registration.refresh_from_db(fields=["completed_at"])
        progress = progress_for([registration])[registration.pk]
        return render(
            request,
            "courses/includes/participant_task_tick.html",
            {
                "registration": registration,
                "progress": progress,
                "progress_oob": True,
                "item": {
                    "task": task,
                    "done": task.pk in progress.done_task_ids,
                    "may_tick": may_tick(registration, task, True),
                },
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("courses:registration", args=[registration.pk]) + f"#task-{task.pk}")

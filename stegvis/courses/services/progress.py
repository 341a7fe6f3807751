"""A participant's way through the three parts: checklists, attendance, sign-off, completion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.competences.models import CompetenceRecord
from stegvis.competences.services import record_add
from stegvis.core.audit import log_action
from stegvis.core.prepared import prepared

from ..models import Attendance, ChecklistTask, CourseDay, Registration, TaskCompletion


def _check_task(registration: Registration, task: ChecklistTask) -> None:
    offering = registration.offering
    if offering.course_id is None or task.course_id != offering.course_id:
        raise ValidationError(_("This task is not part of the course."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only a participant with a confirmed seat can tick off tasks."))
    if task.part == ChecklistTask.Part.FOLLOW_UP and registration.follow_up_signed_off_at:
        raise ValidationError(_("The follow-up has been signed off already."))


@transaction.atomic
def task_tick(*, actor, registration: Registration, task: ChecklistTask, done: bool) -> bool:
    """Tick a checklist task off (or back on). Returns whether it is done now."""
    _check_task(registration, task)
    if done:
        TaskCompletion.objects.get_or_create(registration=registration, task=task)
    else:
        TaskCompletion.objects.filter(registration=registration, task=task).delete()
    complete_if_done(registration, actor=actor)
    return done


@transaction.atomic
def attendance_mark(
    *, actor, day: CourseDay, registration: Registration, present: bool
) -> Attendance:
    """Mark one participant present or absent (a no-show) on one course day."""
    if registration.offering_id != day.offering_id:
        raise ValidationError(_("This person is not registered for this course day."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only participants with a confirmed seat can be marked."))
    if timezone.localtime(day.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Attendance can be marked from the course day on."))
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        day=day,
        defaults={"present": present, "marked_by": actor},
    )
    log_action(
        "courses.attendance.marked",
        actor=actor,
        target=registration.person,
        message=(
            gettext_noop("Present on %(day)s") if present else gettext_noop("No-show on %(day)s")
        ),
        data={"day": str(day), "registration": registration.pk, "present": present},
    )
    complete_if_done(registration, actor=actor)
    return attendance


@transaction.atomic
def follow_up_sign_off(*, actor, registration: Registration) -> Registration:
    """The manager signs the follow-up off once every follow-up task is ticked."""
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only a participant with a confirmed seat can be signed off."))
    if registration.follow_up_signed_off_at:
        raise ValidationError(_("The follow-up has been signed off already."))
    missing = progress_for([registration])[registration.pk]
    if missing.follow_up_done < missing.follow_up_total:
        raise ValidationError(_("Every follow-up task must be ticked off first."))
    registration.follow_up_signed_off_by = actor
    registration.follow_up_signed_off_at = timezone.now()
    registration.save(update_fields=["follow_up_signed_off_by", "follow_up_signed_off_at"])
    log_action(
        "courses.follow_up.signed_off",
        actor=actor,
        target=registration.person,
        message=gettext_noop("Follow-up of %(offering)s signed off"),
        data={"offering": registration.offering.display_title, "registration": registration.pk},
    )
    complete_if_done(registration, actor=actor)
    return registration


class Progress:
    """How far one registration has come through the three parts."""

    def __init__(self):
        self.preparation_total = 0
        self.preparation_done = 0
        self.follow_up_total = 0
        self.follow_up_done = 0
        self.days_total = 0
        self.days_present = 0
        self.days_marked = 0
        self.done_task_ids: set[int] = set()

    @property
    def preparation_complete(self) -> bool:
        return self.preparation_done >= self.preparation_total

    @property
    def attended(self) -> bool:
        return self.days_total > 0 and self.days_present >= self.days_total


# The four reads of ``progress_for``, prepared (``core.prepared``): a team overview makes them
# on every request.
@prepared
def _task_parts(course_ids):
    return ChecklistTask.objects.filter(course_id__in=course_ids).values_list(
        "id", "course_id", "part"
    )


@prepared
def _day_offerings(offering_ids):
    return CourseDay.objects.filter(offering_id__in=offering_ids).values_list("offering_id")


@prepared
def _completions(registration_ids):
    return TaskCompletion.objects.filter(registration_id__in=registration_ids).values_list(
        "registration_id", "task_id"
    )


@prepared
def _attendance(registration_ids):
    return Attendance.objects.filter(registration_id__in=registration_ids).values_list(
        "registration_id", "present"
    )


def progress_for(registrations) -> dict[int, Progress]:
    """Progress of many registrations in four queries, whatever their number."""
    registrations = list(registrations)
    result = {r.pk: Progress() for r in registrations}
    if not registrations:
        return result
    course_ids = {r.offering.course_id for r in registrations if r.offering.course_id}
    offering_ids = {r.offering_id for r in registrations}
    tasks = {}
    for task_id, course_id, part in _task_parts(course_ids):
        tasks[task_id] = (course_id, part)
    totals: dict[tuple[int, str], int] = {}
    for course_id, part in tasks.values():
        totals[(course_id, part)] = totals.get((course_id, part), 0) + 1
    days: dict[int, int] = {}
    for (offering_id,) in _day_offerings(offering_ids):
        days[offering_id] = days.get(offering_id, 0) + 1
    for r in registrations:
        p = result[r.pk]
        course_id = r.offering.course_id
        p.preparation_total = totals.get((course_id, ChecklistTask.Part.PREPARATION), 0)
        p.follow_up_total = totals.get((course_id, ChecklistTask.Part.FOLLOW_UP), 0)
        p.days_total = days.get(r.offering_id, 0)
    for registration_id, task_id in _completions(list(result)):
        p = result[registration_id]
        p.done_task_ids.add(task_id)
        if task_id in tasks:
            if tasks[task_id][1] == ChecklistTask.Part.PREPARATION:
                p.preparation_done += 1
            else:
                p.follow_up_done += 1
    for registration_id, present in _attendance(list(result)):
        p = result[registration_id]
        p.days_marked += 1
        p.days_present += int(present)
    return result


def complete_if_done(registration: Registration, *, actor) -> bool:
    """Completed = preparation done, every day attended, follow-up signed off (if it has one).

    Completion writes a course entry into the competence record for each of the course's
    knowledge goals in a published framework.
    """
    if registration.completed_at is not None or registration.offering.course_id is None:
        return registration.completed_at is not None
    progress = progress_for([registration])[registration.pk]
    needs_sign_off = progress.follow_up_total > 0
    if not (
        progress.preparation_complete
        and progress.attended
        and (registration.follow_up_signed_off_at or not needs_sign_off)
    ):
        return False
    offering = registration.offering
    last_day = offering.days.order_by("-starts_at").first()
    achieved_on = timezone.localtime(last_day.starts_at).date()
    registration.completed_at = timezone.now()
    registration.save(update_fields=["completed_at"])
    evidence = f"{offering.display_title} ({achieved_on:%Y-%m-%d})"
    for goal in offering.course.goals.select_related("framework"):
        if goal.framework.is_draft:
            continue
        record_add(
            actor=actor,
            person=registration.person,
            item=goal,
            kind=CompetenceRecord.Kind.COURSE,
            achieved_on=min(achieved_on, timezone.localdate()),
            evidence=evidence,
            source="system",
        )
    log_action(
        "courses.registration.completed",
        actor=actor,
        target=registration.person,
        message=gettext_noop("Completed %(offering)s"),
        data={"offering": offering.display_title, "registration": registration.pk},
    )
    return True

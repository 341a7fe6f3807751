"""Maintaining the catalogue: courses, their checklists and materials.

Each function checks that the actor maintains the owner (a region for joint courses, or a
municipality), validates, writes in one transaction and leaves an audit entry. Offerings and
course days are in ``offerings.py``; the owner checks in ``owners.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import OperatingArea
from stegvis.people.phases import Phase

from ..models import ChecklistTask, Course, CourseMaterial
from .owners import (
    Owner,
    check_leaders,
    check_owner,
    goal_items_for,
    owner_fields,
    reach_of_owner,
    region_id_of,
)

COURSE_FIELDS = ("title", "description", "language", "area_kinds", "phases")
COURSE_FLAGS = ("for_managers", "archived")
TASK_FIELDS = ("part", "order", "kind", "title", "instructions", "link", "why", "minutes")


# Courses --------------------------------------------------------------------------------------


def _check_course(owner: Owner, data: dict) -> None:
    errors = {}
    if set(data["area_kinds"]) - set(OperatingArea.Kind.values):
        errors["area_kinds"] = _("Choose operating areas from the list.")
    if set(data["phases"]) - set(Phase.values):
        errors["phases"] = _("Choose phases from the list.")
    if any(t.region_id != region_id_of(owner) for t in data["target_titles"]):
        errors["target_titles"] = _("Job titles must be those of the owner's region.")
    goal_ids = {g.pk for g in data["goals"]}
    if goal_ids - set(
        goal_items_for(reach_of_owner(owner)).filter(pk__in=goal_ids).values_list("pk", flat=True)
    ):
        errors["goals"] = _(
            "Knowledge goals must come from published frameworks that %(owner)s uses."
        ) % {"owner": owner}
    if errors:
        raise ValidationError(errors)
    check_leaders(owner, data["leaders"])


def _course_data(fields: dict) -> dict:
    data = {name: fields.get(name) or "" for name in ("title", "description")}
    data["language"] = fields.get("language") or "sv"
    for name in ("area_kinds", "phases", "target_titles", "goals", "leaders"):
        data[name] = list(fields.get(name) or [])
    data.update({name: bool(fields.get(name)) for name in COURSE_FLAGS})
    return data


def _course_save(course: Course, data: dict) -> None:
    for name in (*COURSE_FIELDS, *COURSE_FLAGS):
        setattr(course, name, data[name])
    course.save()
    course.target_titles.set(data["target_titles"])
    course.goals.set(data["goals"])
    course.leaders.set(data["leaders"])


@transaction.atomic
def course_create(*, actor, owner: Owner, **fields) -> Course:
    """A new course in the catalogue of ``owner`` (a region's joint course or a municipality's)."""
    check_owner(actor, owner)
    data = _course_data(fields)
    _check_course(owner, data)
    course = Course(created_by=actor, **owner_fields(owner))
    _course_save(course, data)
    log_action(
        "courses.course.created",
        actor=actor,
        target=course,
        message=gettext_noop("Created the course %(course)s"),
        data={"course": course.title, "owner": str(owner)},
    )
    return course


@transaction.atomic
def course_update(*, actor, course: Course, **fields) -> Course:
    owner = course.scope
    check_owner(actor, owner)
    data = _course_data(fields)
    _check_course(owner, data)
    _course_save(course, data)
    log_action(
        "courses.course.changed",
        actor=actor,
        target=course,
        message=gettext_noop("Changed the course %(course)s"),
        data={"course": course.title, "archived": course.archived},
    )
    return course


# Checklist tasks and materials ----------------------------------------------------------------


def _check_task_goals(course: Course, goals) -> None:
    allowed = set(course.goals.values_list("pk", flat=True))
    if {g.pk for g in goals} - allowed:
        raise ValidationError({"goals": _("A task's goals must be among the course's goals.")})


def _task_save(task: ChecklistTask, fields: dict, goals) -> None:
    for name in TASK_FIELDS:
        if name in fields:
            setattr(task, name, fields[name] if fields[name] is not None else "")
    if task.minutes == "":
        task.minutes = 30
    file = fields.get("file")
    if file is False:  # "clear" ticked on the form
        task.file = ""
    elif file:
        task.file = file
    task.save()
    task.goals.set(goals)


@transaction.atomic
def task_add(*, actor, course: Course, goals=(), **fields) -> ChecklistTask:
    """A preparation or follow-up task on the course's checklist."""
    check_owner(actor, course.scope)
    _check_task_goals(course, goals)
    task = ChecklistTask(course=course)
    _task_save(task, fields, goals)
    log_action(
        "courses.task.added",
        actor=actor,
        target=course,
        message=gettext_noop("Added the task %(task)s"),
        data={"task": task.title, "part": task.part, "task_id": task.pk},
    )
    return task


@transaction.atomic
def task_update(*, actor, task: ChecklistTask, goals=(), **fields) -> ChecklistTask:
    check_owner(actor, task.course.scope)
    _check_task_goals(task.course, goals)
    _task_save(task, fields, goals)
    log_action(
        "courses.task.changed",
        actor=actor,
        target=task.course,
        message=gettext_noop("Changed the task %(task)s"),
        data={"task": task.title, "part": task.part, "task_id": task.pk},
    )
    return task


@transaction.atomic
def material_add(*, actor, course: Course, title: str, file=None, link: str = "") -> CourseMaterial:
    """A file or a link for participants and for managers' work groups."""
    check_owner(actor, course.scope)
    if not file and not link:
        raise ValidationError(_("Upload a file or give a link."))
    last = course.materials.order_by("-order").values_list("order", flat=True).first()
    material = CourseMaterial.objects.create(
        course=course, title=title, file=file or "", link=link or "", order=(last or 0) + 1
    )
    log_action(
        "courses.material.added",
        actor=actor,
        target=course,
        message=gettext_noop("Added the material %(material)s"),
        data={"material": title},
    )
    return material


# Offerings ------------------------------------------------------------------------------------

"""Maintaining the catalogue: courses, their checklists and materials, offerings and course days.

Each function checks that the actor maintains the owner (a region for joint courses, or a
municipality), validates, writes in one transaction and leaves an audit entry. Changes to
seats wake the waiting list; changes to a course day's time or place tell everyone holding a
seat and bump the day's iCalendar sequence.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.competences.models import Item
from stegvis.competences.selectors import Reach
from stegvis.core.audit import log_action
from stegvis.organisations.models import Municipality, OperatingArea, Region, Role, RoleAssignment
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Person
from stegvis.people.phases import Phase

from ..models import ChecklistTask, Course, CourseDay, CourseMaterial, Offering, OfferingQuota
from ..models.offerings import Mode
from ..models.registrations import Registration
from ..notices import Notice, announce
from . import registration as registration_service

Owner = Region | Municipality
COURSE_FIELDS = ("title", "description", "language", "area_kinds", "phases")
COURSE_FLAGS = ("for_managers", "archived")
TASK_FIELDS = ("part", "order", "kind", "title", "instructions", "link", "why", "minutes")
OFFERING_FIELDS = (
    *("title", "description", "follows", "attendance", "seats_on_site", "seats_digital"),
    *("opens_at", "closes_at", "cancel_by", "min_participants", "promotion", "offer_hours"),
    *("audience", "language"),
)
DAY_FIELDS = ("starts_at", "ends_at", "place", "address", "digital_link")


# Reads the validation shares with the editor's forms ----------------------------------------


def region_id_of(owner: Owner) -> int:
    return owner.pk if isinstance(owner, Region) else owner.region_id


def _ids(owner: Owner) -> tuple[int | None, int | None]:
    """(region id, municipality id) of what ``owner`` owns."""
    return (owner.pk, None) if isinstance(owner, Region) else (None, owner.pk)


def owner_fields(owner: Owner) -> dict:
    if isinstance(owner, Region):
        return {"region": owner, "municipality": None}
    return {"region": None, "municipality": owner}


def goal_items_for(reach: Reach) -> QuerySet[Item]:
    """Competences and knowledge goals of published frameworks in the layers of ``reach``."""
    return (
        Item.objects.filter(
            reach.layer_q("framework__"),
            framework__published_at__isnull=False,
            kind__in=[Item.Kind.COMPETENCE, Item.Kind.GOAL],
        )
        .select_related("framework")
        .order_by("framework__title", "-framework__version", "position", "id")
    )


def reach_of_owner(owner: Owner) -> Reach:
    """An owner sees its region's layer and, for a municipality, its own additions."""
    if isinstance(owner, Region):
        return Reach(region_ids=frozenset({owner.pk}))
    return Reach(region_ids=frozenset({owner.region_id}), municipality_ids=frozenset({owner.pk}))


def leader_candidates(owners) -> QuerySet[Person]:
    """People with an active course-leader role covering any of ``owners``."""
    query = Q(pk__in=[])
    for owner in owners:
        region_id = region_id_of(owner)
        query |= Q(region_id=region_id)
        if isinstance(owner, Region):
            query |= Q(municipality__region_id=region_id) | Q(
                unit__municipality__region_id=region_id
            )
        else:
            query |= Q(municipality=owner) | Q(unit__municipality=owner)
    users = RoleAssignment.objects.active().filter(query, role=Role.COURSE_LEADER).values("user")
    return Person.objects.filter(user__in=users)


def people_of_owner(owner: Owner) -> QuerySet[Person]:
    """Anyone whose home is the owner's region or municipality."""
    if isinstance(owner, Region):
        return Person.objects.filter(region=owner)
    return Person.objects.filter(municipality=owner)


def _check_owner(actor, owner: Owner) -> None:
    if not isinstance(owner, Region | Municipality):
        raise ValidationError(_("A course belongs to a region or a municipality."))
    if not scope_for(actor, Capability.MAINTAIN_CATALOGUE).contains(owner):
        raise ValidationError(
            _("You do not maintain the catalogue of %(owner)s.") % {"owner": owner}
        )


def _check_leaders(owner: Owner, leaders) -> None:
    ids = {p.pk for p in leaders}
    allowed = set(
        (leader_candidates([owner]) | people_of_owner(owner))
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if ids - allowed:
        raise ValidationError(
            {"leaders": _("Course leaders must belong to %(owner)s.") % {"owner": owner}}
        )


def _moment(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


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
    _check_leaders(owner, data["leaders"])


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
    _check_owner(actor, owner)
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
    _check_owner(actor, owner)
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
    _check_owner(actor, course.scope)
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
    _check_owner(actor, task.course.scope)
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
    _check_owner(actor, course.scope)
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


def _check_course_fits(owner: Owner, kind: str, course: Course | None, new: bool) -> None:
    if (kind == Offering.Kind.COURSE) != (course is not None):
        raise ValidationError(_("A course offering, and only that, runs a course."))
    if course is None:
        return
    if course.archived and new:
        raise ValidationError(_("The course is archived."))
    if not (course.region_id == region_id_of(owner) or course.municipality_id == _ids(owner)[1]):
        raise ValidationError(_("%(owner)s cannot offer this course.") % {"owner": owner})


def _active_per_mode(offering: Offering) -> dict[str, int]:
    rows = offering.registrations.active().values_list("mode").annotate(n=Count("id")).order_by()
    return dict(rows)


def _check_timeline(data: dict, first_day: datetime.datetime | None, errors: dict) -> None:
    if data["closes_at"] < data["opens_at"]:
        errors["closes_at"] = _("The registration deadline must be after registration opens.")
    if data["cancel_by"] < data["opens_at"]:
        errors["cancel_by"] = _("The cancellation deadline cannot be before registration opens.")
    if first_day is None:
        return
    day = {"day": _moment(first_day)}
    if data["closes_at"] > first_day:
        errors["closes_at"] = (
            _("The registration deadline must be before the first course day (%(day)s).") % day
        )
    if data["cancel_by"] > first_day:
        errors["cancel_by"] = (
            _("The cancellation deadline must be before the first course day (%(day)s).") % day
        )


def _check_seats(offering: Offering | None, data: dict, quotas: dict, errors: dict) -> None:
    modes = Offering(attendance=data["attendance"]).modes()
    if Mode.ON_SITE in modes and data["seats_on_site"] is None:
        errors["seats_on_site"] = _("Give the number of seats on site.")
    if Mode.ON_SITE not in modes:
        data["seats_on_site"] = None
    if Mode.DIGITAL not in modes:
        data["seats_digital"] = None
    if offering is not None:
        active = _active_per_mode(offering)
        for mode in set(active) - set(modes):
            errors["attendance"] = _(
                "%(n)s registrations are for attending %(mode)s; keep that way of attending."
            ) % {"n": active[mode], "mode": Mode(mode).label.lower()}
        for mode, field in ((Mode.ON_SITE, "seats_on_site"), (Mode.DIGITAL, "seats_digital")):
            held = sum(registration_service.seats_held(offering, mode).values())
            if data[field] is not None and data[field] < held:
                errors[field] = _(
                    "%(held)s seats are held already; there cannot be fewer seats than that."
                ) % {"held": held}
    reserved = sum(quotas.values())
    if reserved and data["seats_on_site"] is None:
        errors["__all__"] = _("Seat quotas need a number of seats on site.")
    elif data["seats_on_site"] is not None and reserved > data["seats_on_site"]:
        errors["__all__"] = _(
            "The quotas reserve %(reserved)s seats, more than the %(seats)s seats on site."
        ) % {"reserved": reserved, "seats": data["seats_on_site"]}


def _check_quota_owner(owner: Owner, quotas: dict) -> None:
    if not quotas:
        return
    if not isinstance(owner, Region):
        raise ValidationError(_("Seat quotas are for joint regional offerings only."))
    if any(m.region_id != owner.pk for m in quotas):
        raise ValidationError(_("Seat quotas are for the region's own municipalities."))


def _check_follows(owner: Owner, kind: str, data: dict, offering: Offering | None) -> None:
    follows = data.get("follows")
    if follows is None:
        return
    same_owner = (follows.region_id, follows.municipality_id) == _ids(owner)
    if kind != Offering.Kind.FOLLOW_UP_DAY:
        message = _("Only a follow-up day follows a theme day.")
    elif follows.kind != Offering.Kind.THEME_DAY or not same_owner:
        message = _("A follow-up day follows a theme day of the same organiser.")
    elif offering is not None and follows.pk == offering.pk:
        message = _("A follow-up day cannot follow itself.")
    else:
        mine = registration_service.first_day_start(offering) if offering else None
        theirs = registration_service.first_day_start(follows)
        if not (mine and theirs and theirs >= mine):
            return
        message = _("The theme day must come before its follow-up day.")
    raise ValidationError({"follows": message})


def _offering_data(fields: dict) -> dict:
    data = {name: fields.get(name) for name in OFFERING_FIELDS}
    for name in ("title", "description", "audience"):
        data[name] = data[name] or ""
    data["promotion"] = data["promotion"] or Offering.Promotion.CONFIRM
    data["offer_hours"] = data["offer_hours"] or 48
    data["language"] = data["language"] or "sv"
    return data


def _quotas_clean(quotas) -> dict:
    return {m: seats for m, seats in (quotas or {}).items() if seats}


def _offering_save(offering: Offering, data: dict, leaders, quotas: dict) -> None:
    for name, value in data.items():
        setattr(offering, name, value)
    offering.save()
    offering.leaders.set(leaders)
    offering.quotas.exclude(municipality__in=list(quotas)).delete()
    for municipality, seats in quotas.items():
        OfferingQuota.objects.update_or_create(
            offering=offering, municipality=municipality, defaults={"seats": seats}
        )


def _validate_offering(owner, kind, course, data, leaders, quotas, offering=None) -> None:
    _check_course_fits(owner, kind, course, new=offering is None)
    _check_quota_owner(owner, quotas)
    _check_follows(owner, kind, data, offering)
    errors: dict = {}
    first = registration_service.first_day_start(offering) if offering else None
    _check_timeline(data, first, errors)
    _check_seats(offering, data, quotas, errors)
    if errors:
        raise ValidationError(errors)
    _check_leaders(owner, leaders)


@transaction.atomic
def offering_create(
    *,
    actor,
    owner: Owner,
    kind: str,
    course: Course | None = None,
    leaders=(),
    quotas=None,
    **fields,
) -> Offering:
    """A run of a course, or an event (launch, dialogue, theme or follow-up day)."""
    _check_owner(actor, owner)
    data, quotas = _offering_data(fields), _quotas_clean(quotas)
    _validate_offering(owner, kind, course, data, leaders, quotas)
    offering = Offering(kind=kind, course=course, created_by=actor, **owner_fields(owner))
    _offering_save(offering, data, leaders, quotas)
    log_action(
        "courses.offering.created",
        actor=actor,
        target=offering,
        message=gettext_noop("Created the offering %(offering)s"),
        data={"offering": offering.display_title, "kind": kind},
    )
    return offering


@transaction.atomic
def offering_update(*, actor, offering: Offering, leaders=(), quotas=None, **fields) -> Offering:
    """Change an offering. More seats (or changed quotas) move the waiting list up at once."""
    offering = Offering.objects.select_for_update().select_related("course").get(pk=offering.pk)
    owner = offering.scope
    _check_owner(actor, owner)
    data, quotas = _offering_data(fields), _quotas_clean(quotas)
    _validate_offering(owner, offering.kind, offering.course, data, leaders, quotas, offering)
    before = dict(offering.quotas.values_list("municipality", "seats"))
    unlimited = float("inf")
    grew = any(
        (data[name] if data[name] is not None else unlimited)
        > (getattr(offering, name) if getattr(offering, name) is not None else unlimited)
        for name in ("seats_on_site", "seats_digital")
    ) or before != {m.pk: s for m, s in quotas.items()}
    _offering_save(offering, data, leaders, quotas)
    log_action(
        "courses.offering.changed",
        actor=actor,
        target=offering,
        message=gettext_noop("Changed the offering %(offering)s"),
        data={
            "offering": offering.display_title,
            "seats_on_site": offering.seats_on_site,
            "seats_digital": offering.seats_digital,
            "quotas": {str(m): s for m, s in quotas.items()},
        },
    )
    if grew:
        registration_service.capacity_changed(offering)
    return offering


# Course days ----------------------------------------------------------------------------------


def _check_day(offering: Offering, data: dict) -> None:
    errors = {}
    if data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = _("A course day must end after it starts.")
    elif data["starts_at"] < offering.closes_at:
        errors["starts_at"] = _(
            "A course day must start after the registration deadline (%(deadline)s)."
        ) % {"deadline": _moment(offering.closes_at)}
    elif data["starts_at"] < offering.cancel_by:
        errors["starts_at"] = _(
            "A course day must start after the cancellation deadline (%(deadline)s)."
        ) % {"deadline": _moment(offering.cancel_by)}
    if errors:
        raise ValidationError(errors)


def _day_data(fields: dict) -> dict:
    data = {name: fields.get(name) for name in DAY_FIELDS}
    for name in ("place", "address", "digital_link"):
        data[name] = data[name] or ""
    return data


@transaction.atomic
def day_add(*, actor, offering: Offering, **fields) -> CourseDay:
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    _check_owner(actor, offering.scope)
    data = _day_data(fields)
    _check_day(offering, data)
    day = CourseDay.objects.create(offering=offering, **data)
    log_action(
        "courses.day.added",
        actor=actor,
        target=offering,
        message=gettext_noop("Added a course day on %(day)s"),
        data={"day": _moment(day.starts_at), "day_id": day.pk},
    )
    return day


@transaction.atomic
def day_update(*, actor, day: CourseDay, **fields) -> CourseDay:
    """Change a course day. A new time or place goes out to everyone holding a seat, with the
    day's iCalendar sequence raised so calendars replace the old event."""
    offering = Offering.objects.select_for_update().get(pk=day.offering_id)
    _check_owner(actor, offering.scope)
    data = _day_data(fields)
    _check_day(offering, data)
    changed = [name for name in DAY_FIELDS if getattr(day, name) != data[name]]
    if not changed:
        return day
    CourseDay.objects.filter(pk=day.pk).update(
        **data, sequence=F("sequence") + 1, changed_at=timezone.now()
    )
    day.refresh_from_db()
    told = 0
    for registration in offering.registrations.filter(status__in=Registration.HOLDING_SEAT):
        announce(registration, Notice.CHANGED)
        told += 1
    log_action(
        "courses.day.changed",
        actor=actor,
        target=offering,
        message=gettext_noop("Changed the course day on %(day)s"),
        data={"day": _moment(day.starts_at), "day_id": day.pk, "changed": changed, "told": told},
    )
    return day

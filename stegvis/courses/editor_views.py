"""The catalogue editor: courses with their checklists and materials, offerings and course days.

HR edits its municipality's catalogue, the regional coordinator the region's joint courses and
those of its municipalities. Anything outside one's catalogue answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stegvis.core.http import add_validation_errors
from stegvis.organisations.models import Municipality, Region
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from . import selectors
from .editor_forms import CourseForm, DayForm, MaterialForm, OfferingForm, QuotaForm, TaskForm
from .models import ChecklistTask, Course, CourseDay, Offering
from .models.offerings import Mode
from .services import catalogue, offerings
from .services.owners import region_id_of
from .services.registration import seats_held

MAINTAIN = Capability.MAINTAIN_CATALOGUE
FORM = "courses/editor/form.html"


def owners_of(user) -> list:
    """Regions and municipalities whose catalogue ``user`` maintains."""
    scope = scope_for(user, MAINTAIN)
    regions = (
        Region.objects.all() if scope.everything else Region.objects.filter(pk__in=scope.region_ids)
    )
    municipalities = Municipality.objects.filter(scope.municipalities_q()).order_by("name")
    return [*regions.order_by("name"), *municipalities]


def _course(request, pk: int) -> Course:
    return get_object_or_404(
        selectors.courses_maintainable_by(request.user).select_related("region", "municipality"),
        pk=pk,
    )


def _offering(request, pk: int) -> Offering:
    return get_object_or_404(
        selectors.offerings_maintainable_by(request.user).select_related(
            "course", "region", "municipality"
        ),
        pk=pk,
    )


def _save(request, form, save, success: str, *extra_forms):
    """Run ``save`` when every form is valid; show a service's errors on the form."""
    if request.method != "POST" or not all(f.is_valid() for f in (form, *extra_forms)):
        return None
    try:
        saved = save()
    except ValidationError as error:
        add_validation_errors(form, error)
        return None
    messages.success(request, success)
    return saved


def _page(request, template, form, heading, back, **context):
    context.update({"form": form, "heading": heading, "back": back})
    return render(request, template, context)


# Courses --------------------------------------------------------------------------------------


@capability_required(MAINTAIN)
def course_create(request):
    owners = owners_of(request.user)
    if not owners:
        raise Http404
    form = CourseForm(request.POST or None, owners=owners)
    course = _save(
        request,
        form,
        lambda: catalogue.course_create(
            actor=request.user, owner=form.cleaned_data["owner"], **form.service_data()
        ),
        _("The course was created. Add its checklist tasks and offerings."),
    )
    if course:
        return redirect("courses:course_edit", course.pk)
    return _page(request, FORM, form, _("New course"), reverse("courses:offerings"))


@capability_required(MAINTAIN)
def course_edit(request, pk: int):
    course = _course(request, pk)
    goals, leaders = list(course.goals.all()), list(course.leaders.all())
    form = CourseForm(
        request.POST or None,
        owners=(),
        fixed_owner=course.scope,
        current_goals=goals,
        current_leaders=leaders,
        initial={
            **{name: getattr(course, name) for name in catalogue.COURSE_FIELDS},
            **{name: getattr(course, name) for name in catalogue.COURSE_FLAGS},
            "target_titles": list(course.target_titles.all()),
            "goals": goals,
            "leaders": leaders,
        },
    )
    if _save(
        request,
        form,
        lambda: catalogue.course_update(actor=request.user, course=course, **form.service_data()),
        _("The course was saved."),
    ):
        return redirect("courses:course_edit", course.pk)
    return _page(
        request,
        "courses/editor/course.html",
        form,
        _("Edit %(course)s") % {"course": course.title},
        reverse("courses:offerings"),
        course=course,
        tasks=course.tasks.order_by("part", "order", "id"),
        materials=course.materials.all(),
        offerings=course.offerings.annotate(first_day=Min("days__starts_at")).order_by("-opens_at"),
    )


# Checklist tasks and materials ----------------------------------------------------------------


def _task_page(request, course: Course, task: ChecklistTask | None):
    initial = None
    if task is not None:
        initial = {name: getattr(task, name) for name in catalogue.TASK_FIELDS}
        initial.update(file=task.file, goals=list(task.goals.all()))
    form = TaskForm(request.POST or None, request.FILES or None, course=course, initial=initial)
    if task is None:
        saved = _save(
            request,
            form,
            lambda: catalogue.task_add(actor=request.user, course=course, **form.cleaned_data),
            _("The task was added."),
        )
    else:
        saved = _save(
            request,
            form,
            lambda: catalogue.task_update(actor=request.user, task=task, **form.cleaned_data),
            _("The task was saved."),
        )
    if saved:
        return redirect("courses:course_edit", course.pk)
    heading = (
        _("New task for %(course)s") % {"course": course.title}
        if task is None
        else _("Edit the task %(task)s") % {"task": task.title}
    )
    return _page(request, FORM, form, heading, reverse("courses:course_edit", args=[course.pk]))


@capability_required(MAINTAIN)
def task_add(request, pk: int):
    return _task_page(request, _course(request, pk), None)


@capability_required(MAINTAIN)
def task_edit(request, pk: int):
    task = get_object_or_404(
        ChecklistTask.objects.filter(
            course__in=selectors.courses_maintainable_by(request.user)
        ).select_related("course", "course__region", "course__municipality"),
        pk=pk,
    )
    return _task_page(request, task.course, task)


@capability_required(MAINTAIN)
def material_add(request, pk: int):
    course = _course(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if _save(
        request,
        form,
        lambda: catalogue.material_add(actor=request.user, course=course, **form.cleaned_data),
        _("The material was added."),
    ):
        return redirect("courses:course_edit", course.pk)
    return _page(
        request,
        FORM,
        form,
        _("New material for %(course)s") % {"course": course.title},
        reverse("courses:course_edit", args=[course.pk]),
    )


# Offerings ------------------------------------------------------------------------------------


def _theme_days(user):
    newest = (
        selectors.offerings_maintainable_by(user)
        .filter(kind=Offering.Kind.THEME_DAY)
        .order_by("-closes_at")
        .values_list("pk", flat=True)[:100]
    )
    return Offering.objects.filter(pk__in=list(newest)).order_by("-closes_at")


def _quota_form(request, owners, initial=None):
    regions = [o.pk for o in owners if isinstance(o, Region)]
    municipalities = Municipality.objects.filter(region_id__in=regions).order_by("name")
    return QuotaForm(request.POST or None, municipalities=municipalities, initial=initial)


def _course_for_offering(request, owners) -> tuple[Course | None, list]:
    """The course named by ``?course=``, and the owners that may offer it."""
    if not request.GET.get("course", "").isdigit():
        return None, owners
    course = get_object_or_404(
        Course.objects.filter(archived=False).filter(
            Q(region_id__in=[region_id_of(o) for o in owners])
            | Q(municipality_id__in=[o.pk for o in owners if isinstance(o, Municipality)])
        ),
        pk=request.GET["course"],
    )
    fits = [
        o
        for o in owners
        if course.region_id == region_id_of(o)
        or (isinstance(o, Municipality) and course.municipality_id == o.pk)
    ]
    return course, fits


@capability_required(MAINTAIN)
def offering_create(request):
    course, owners = _course_for_offering(request, owners_of(request.user))
    if not owners:
        raise Http404
    kind = request.GET.get("kind", "")
    form = OfferingForm(
        request.POST or None,
        owners=owners,
        choose_kind=course is None,
        theme_days=_theme_days(request.user) if course is None else None,
        is_course=course is not None,
        initial={"kind": kind, "attendance": Offering.Attendance.ON_SITE},
    )
    quota_form = _quota_form(request, owners)

    def save():
        data = form.service_data()
        return offerings.offering_create(
            actor=request.user,
            owner=form.cleaned_data["owner"],
            kind=data.pop("kind", Offering.Kind.COURSE),
            course=course,
            quotas=quota_form.quotas(),
            **data,
        )

    offering = _save(
        request, form, save, _("The offering was created. Add its course days."), quota_form
    )
    if offering:
        return redirect("courses:offering_edit", offering.pk)
    heading = (
        _("New offering of %(course)s") % {"course": course.title} if course else _("New event")
    )
    back = reverse("courses:course_edit", args=[course.pk]) if course else None
    return _page(
        request, FORM, form, heading, back or reverse("courses:offerings"), quota_form=quota_form
    )


@capability_required(MAINTAIN)
def offering_edit(request, pk: int):
    offering = _offering(request, pk)
    leaders = list(offering.leaders.all())
    form = OfferingForm(
        request.POST or None,
        owners=(),
        fixed_owner=offering.scope,
        current_leaders=leaders,
        theme_days=_theme_days(request.user)
        if offering.kind == Offering.Kind.FOLLOW_UP_DAY
        else None,
        is_course=offering.course_id is not None,
        initial={
            **{name: getattr(offering, name) for name in offerings.OFFERING_FIELDS},
            "leaders": leaders,
        },
    )
    quota_form = _quota_form(
        request,
        [offering.scope],
        {f"m{m}": seats for m, seats in offering.quotas.values_list("municipality", "seats")},
    )
    if _save(
        request,
        form,
        lambda: offerings.offering_update(
            actor=request.user, offering=offering, quotas=quota_form.quotas(), **form.service_data()
        ),
        _("The offering was saved."),
        quota_form,
    ):
        return redirect("courses:offering_edit", offering.pk)
    return _page(
        request,
        "courses/editor/offering.html",
        form,
        _("Edit %(offering)s") % {"offering": offering.display_title},
        reverse("courses:course_edit", args=[offering.course_id])
        if offering.course_id
        else reverse("courses:offerings"),
        offering=offering,
        quota_form=quota_form,
        days=offering.days.all(),
        held=[(Mode(m).label, sum(seats_held(offering, m).values())) for m in offering.modes()],
    )


# Course days ----------------------------------------------------------------------------------


def _day_page(request, offering: Offering, day: CourseDay | None):
    initial = {name: getattr(day, name) for name in offerings.DAY_FIELDS} if day else None
    form = DayForm(request.POST or None, initial=initial)
    if day is None:
        saved = _save(
            request,
            form,
            lambda: offerings.day_add(actor=request.user, offering=offering, **form.cleaned_data),
            _("The course day was added."),
        )
    else:
        saved = _save(
            request,
            form,
            lambda: offerings.day_update(actor=request.user, day=day, **form.cleaned_data),
            _("The course day was saved. Participants are told of a new time or place."),
        )
    if saved:
        return redirect("courses:offering_edit", offering.pk)
    heading = (
        _("New course day for %(offering)s") % {"offering": offering.display_title}
        if day is None
        else _("Edit the course day %(day)s") % {"day": day}
    )
    return _page(
        request,
        "courses/editor/day.html",
        form,
        heading,
        reverse("courses:offering_edit", args=[offering.pk]),
        day=day,
    )


@capability_required(MAINTAIN)
def day_add(request, pk: int):
    return _day_page(request, _offering(request, pk), None)


@capability_required(MAINTAIN)
def day_edit(request, pk: int):
    day = get_object_or_404(
        CourseDay.objects.filter(
            offering__in=selectors.offerings_maintainable_by(request.user)
        ).select_related("offering", "offering__course"),
        pk=pk,
    )
    return _day_page(request, day.offering, day)

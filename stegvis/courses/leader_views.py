"""The course leader's pages: the course days one leads, and marking attendance on a phone.

Attendance is marked row by row: with htmx each row posts by itself and comes back with its
new state; without JavaScript the same form posts and the page reloads at that row.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.people.models import Employment

from .models import Attendance, CourseDay, Registration
from .selectors import leads, offerings_led_by
from .services.progress import attendance_mark
from .staff_forms import AttendanceForm

Status = Registration.Status
PAST_DAYS = 30
UPCOMING_LIMIT = 50


def _count(queryset: QuerySet, group: str) -> Subquery:
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _days_led_by(user) -> QuerySet[CourseDay]:
    confirmed = Registration.objects.filter(
        offering_id=OuterRef("offering_id"), status=Status.CONFIRMED
    )
    marked = Attendance.objects.filter(day_id=OuterRef("pk"))
    return (
        CourseDay.objects.filter(offering__in=offerings_led_by(user).values("pk"))
        .select_related("offering", "offering__course")
        .annotate(
            confirmed_count=_count(confirmed, "offering_id"),
            marked_count=_count(marked, "day_id"),
        )
    )


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@capability_required(Capability.LEAD_COURSES)
def leading(request):
    today = timezone.localdate()
    start_of_today = _local_midnight(today)
    start_of_tomorrow = _local_midnight(today + datetime.timedelta(days=1))
    days = _days_led_by(request.user)
    recent = list(
        days.filter(
            starts_at__gte=start_of_today - datetime.timedelta(days=PAST_DAYS),
            starts_at__lt=start_of_tomorrow,
        ).order_by("-starts_at", "-id")
    )
    upcoming = list(days.filter(starts_at__gte=start_of_tomorrow).order_by("starts_at", "id"))
    return render(
        request,
        "courses/staff/leading.html",
        {
            "sections": [
                ("today", _("Today"), [d for d in recent if d.starts_at >= start_of_today]),
                ("upcoming", _("Upcoming"), upcoming[:UPCOMING_LIMIT]),
                (
                    "past",
                    _("The last %(n)d days") % {"n": PAST_DAYS},
                    [d for d in recent if d.starts_at < start_of_today],
                ),
            ],
            "more_upcoming": len(upcoming) > UPCOMING_LIMIT,
        },
    )


def _led_day(request, pk: int) -> CourseDay:
    day = get_object_or_404(
        CourseDay.objects.select_related(
            "offering", "offering__course", "offering__region", "offering__municipality"
        ),
        pk=pk,
    )
    if not leads(request.user, day.offering):
        raise Http404
    return day


def _participants(day: CourseDay) -> QuerySet[Registration]:
    employments = Employment.objects.current().select_related("unit")
    return (
        day.offering.registrations.filter(status=Status.CONFIRMED)
        .select_related("person", "person__municipality")
        .prefetch_related(
            Prefetch("person__employments", queryset=employments, to_attr="current_employments")
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _summary(day: CourseDay) -> dict:
    counts = Attendance.objects.filter(day=day, registration__status=Status.CONFIRMED).aggregate(
        n_present=Count("pk", filter=Q(present=True)),
        n_absent=Count("pk", filter=Q(present=False)),
    )
    total = day.offering.registrations.filter(status=Status.CONFIRMED).count()
    present, absent = counts["n_present"], counts["n_absent"]
    return {
        "total": total,
        "present": present,
        "absent": absent,
        "unmarked": total - present - absent,
    }


def _not_yet(day: CourseDay) -> bool:
    return timezone.localtime(day.starts_at).date() > timezone.localdate()


def _with_marks(day: CourseDay, registrations) -> list[Registration]:
    registrations = list(registrations)
    marks = dict(
        Attendance.objects.filter(day=day, registration__in=registrations).values_list(
            "registration_id", "present"
        )
    )
    for registration in registrations:
        registration.mark = marks.get(registration.pk)
    return registrations


def _page(request, day: CourseDay):
    others = list(
        day.offering.registrations.filter(
            status__in=[Status.LATE_CANCELLED, Status.WAITING, Status.OFFERED]
        )
        .select_related("person", "person__municipality")
        .order_by("queued_at", "pk")
    )
    return render(
        request,
        "courses/staff/attendance.html",
        {
            "day": day,
            "participants": _with_marks(day, _participants(day)),
            "late": [r for r in others if r.status == Status.LATE_CANCELLED],
            "waiting": [r for r in others if r.status != Status.LATE_CANCELLED],
            "summary": _summary(day),
            "not_yet": _not_yet(day),
        },
    )


def _mark(request, day: CourseDay):
    form = AttendanceForm(request.POST)
    form.is_valid()
    if "registration" not in form.cleaned_data:
        raise Http404
    registration = get_object_or_404(_participants(day), pk=form.cleaned_data["registration"])
    error = ""
    if "present" not in form.cleaned_data:
        error = _("Choose present or absent.")
    else:
        present = form.cleaned_data["present"]
        try:
            attendance_mark(actor=request.user, day=day, registration=registration, present=present)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "courses/staff/attendance_marked.html",
            {
                "day": day,
                "r": _with_marks(day, [registration])[0],
                "row_error": error,
                "summary": _summary(day),
                "not_yet": _not_yet(day),
            },
        )
    if error:
        messages.error(request, f"{registration.person.full_name}: {error}")
    url = reverse("courses:attendance", args=[day.pk])
    return redirect(f"{url}#participant-{registration.pk}")


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk: int):
    day = _led_day(request, pk)
    if request.method == "POST":
        return _mark(request, day)
    return _page(request, day)

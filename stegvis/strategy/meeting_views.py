"""Joint committee meetings: record one for a unit or a whole municipality, read, correct, the
minutes file, and the municipality's list. Writers hold ``PLAN_STRATEGY`` over the unit (or the
whole municipality for its own committee); readers see every record of their scope."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import history_for, log_action
from stegvis.core.http import add_validation_errors

from . import committee, selectors
from . import services as service
from .forms import MeetingForm
from .rules import may_edit_meeting, may_write_municipality


def _form_page(request, form, heading: str, back: str):
    return render(
        request, "strategy/meeting_form.html", {"form": form, "heading": heading, "back": back}
    )


def _record(request, form, *, municipality, unit):
    if request.method == "POST" and form.is_valid():
        try:
            meeting = service.meeting_record(
                actor=request.user, municipality=municipality, unit=unit, **form.service_data()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("strategy:meeting", meeting.pk)
    return None


@login_required
def meeting_add_unit(request, unit_pk: int):
    unit = selectors.get_unit_for_writing(request.user, unit_pk)
    form = MeetingForm(request.POST or None, request.FILES or None)
    done = _record(request, form, municipality=unit.municipality, unit=unit)
    heading = _("Committee meeting: %(name)s") % {"name": unit.name}
    return done or _form_page(request, form, heading, reverse("strategy:unit", args=[unit.pk]))


@login_required
def meeting_add_municipality(request, pk: int):
    municipality = selectors.get_municipality_for_writing(request.user, pk)
    form = MeetingForm(request.POST or None, request.FILES or None)
    done = _record(request, form, municipality=municipality, unit=None)
    heading = _("Committee meeting: %(name)s (whole municipality)") % {"name": municipality.name}
    back = reverse("strategy:municipality_meetings", args=[municipality.pk])
    return done or _form_page(request, form, heading, back)


@login_required
def meeting_page(request, pk: int):
    meeting = selectors.get_meeting_for_reading(request.user, pk)
    editable = may_edit_meeting(request.user, meeting)
    return render(
        request,
        "strategy/meeting.html",
        {
            "meeting": meeting,
            "editable": editable,
            "file_name": Path(meeting.minutes_file.name).name if meeting.minutes_file else "",
            "history": history_for(meeting, limit=30) if editable else [],
        },
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = selectors.get_meeting_for_reading(request.user, pk)
    if not may_edit_meeting(request.user, meeting):
        raise Http404
    has_file = bool(meeting.minutes_file)
    form = MeetingForm(
        request.POST or None,
        request.FILES or None,
        has_file=has_file,
        initial=service.meeting_fields(meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.meeting_update(
                actor=request.user,
                meeting=meeting,
                remove_file=form.cleaned_data.get("remove_file", False),
                **form.service_data(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("strategy:meeting", meeting.pk)
    heading = _("Correct the committee meeting of %(date)s") % {"date": meeting.held_on.isoformat()}
    return _form_page(request, form, heading, reverse("strategy:meeting", args=[meeting.pk]))


@login_required
def meeting_minutes(request, pk: int):
    """The attached minutes, to those who read the meeting; the download is recorded."""
    meeting = selectors.get_meeting_for_reading(request.user, pk)
    if not meeting.minutes_file:
        raise Http404
    name = Path(meeting.minutes_file.name).name
    try:
        handle = meeting.minutes_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    log_action(
        "strategy.meeting.minutes_downloaded",
        actor=request.user,
        target=meeting,
        message=gettext_noop("Minutes of %(on)s downloaded"),
        data={"on": meeting.held_on.isoformat()},
    )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def municipality_meetings(request, pk: int):
    municipality = selectors.get_municipality_for_reading(request.user, pk)
    units = selectors.units_readable(request.user).filter(municipality=municipality)
    statuses = committee.statuses_for(units)
    counts = {state: 0 for state in committee.State}
    for status in statuses.values():
        counts[status.state] += 1
    return render(
        request,
        "strategy/meetings.html",
        {
            "municipality": municipality,
            "meetings": selectors.meetings_for_municipality(municipality),
            "writable": may_write_municipality(request.user, municipality),
            "counts": [(state, counts[state]) for state in committee.State],
        },
    )

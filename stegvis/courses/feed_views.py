"""Course days in people's own calendars: the private subscription and the invitation file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stegvis.people.selectors import own_person

from . import ical
from .models import CalendarFeed
from .selectors import get_registration_for
from .services.feed import calendar_feed_of, calendar_feed_renew


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _calendar_response(text: str, *, method: str, filename: str, attachment: bool):
    response = HttpResponse(text, content_type=ical.content_type(method))
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def calendar(request):
    """One's own subscription address, how to add it, and a button for a new address."""
    person = own_person(request.user)
    if person is None:
        raise Http404
    if request.method == "POST":
        had_one = calendar_feed_of(person) is not None
        calendar_feed_renew(actor=request.user, person=person)
        messages.success(
            request,
            _("You have a new calendar address. The old one no longer works.")
            if had_one
            else _("Your calendar address is ready."),
        )
        return redirect("courses:calendar")
    feed = calendar_feed_of(person)
    https_url = webcal_url = ""
    if feed is not None:
        https_url = request.build_absolute_uri(reverse("courses:calendar_feed", args=[feed.token]))
        webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return render(
        request,
        "courses/calendar.html",
        {"feed": feed, "https_url": https_url, "webcal_url": webcal_url},
    )


@require_safe
def calendar_feed(request, token: str):
    """The private feed: no login, the token is the key. Unknown tokens look like nothing."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None:
        raise Http404
    with translation.override(feed.person.preferred_language):
        text = ical.feed(feed.person, base_url=_base_url(request))
    response = _calendar_response(
        text, method=ical.PUBLISH, filename="stegvis.ics", attachment=False
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@login_required
def registration_ical(request, pk: int):
    """The invitation (or its cancellation) of a registration, as a file to open."""
    registration = get_registration_for(request.user, pk)
    method = ical.method_of(registration)
    if method is None:
        raise Http404
    text = ical.invitation(
        registration, registration.offering.days.all(), base_url=_base_url(request)
    )
    filename = f"{slugify(registration.offering.display_title) or 'stegvis'}.ics"
    return _calendar_response(text, method=method, filename=filename, attachment=True)

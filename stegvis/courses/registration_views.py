"""The registration endpoints: register, cancel, accept and decline an offered seat.

They answer htmx requests with the fragment of the new state (``registration_state.html``) and
plain form posts with a redirect to the offering page. This is the hot path of a popular course
opening, so each view does its work in the service's one transaction and renders little.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from stegvis.people.selectors import own_person

from .models import Registration
from .models.offerings import Mode
from .selectors import get_offering_for, get_registration_for, offerings_visible_to
from .services import registration as service


def state_context(offering, person, *, error: str = "") -> dict:
    """What the registration box shows for ``person`` on ``offering``."""
    registration = (
        offering.registrations.filter(person=person, status__in=Registration.ACTIVE).first()
        if person
        else None
    )
    return {
        "offering": offering,
        "registration": registration,
        "position": service.waiting_position(registration) if registration else None,
        "modes": [(m, Mode(m).label) for m in offering.modes()],
        "error": error,
    }


def _answer(request, offering, person, error: str = ""):
    if request.htmx:
        return render(
            request,
            "courses/includes/registration_state.html",
            state_context(offering, person, error=error),
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("courses:offering", args=[offering.pk]))


def _first_error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_POST
@login_required
def register(request, pk: int):
    person = own_person(request.user)
    if person is None:
        raise Http404
    offering = get_offering_for(request.user, pk)
    mode = request.POST.get("mode") or None
    try:
        service.register(actor=request.user, offering=offering, person=person, mode=mode)
    except ValidationError as exc:
        return _answer(request, offering, person, _first_error(exc))
    return _answer(request, offering, person)


def _own_registration(request, pk: int) -> Registration:
    registration = get_registration_for(request.user, pk)
    person = own_person(request.user)
    if person is None or registration.person_id != person.pk:
        # Managers act for their staff on the staff pages; here one acts for oneself.
        raise Http404
    return registration


def _act(request, pk: int, action):
    registration = _own_registration(request, pk)
    offering = offerings_visible_to(request.user).get(pk=registration.offering_id)
    try:
        action(actor=request.user, registration=registration)
    except ValidationError as exc:
        return _answer(request, offering, registration.person, _first_error(exc))
    return _answer(request, offering, registration.person)


@require_POST
@login_required
def cancel(request, pk: int):
    return _act(request, pk, service.cancel)


@require_POST
@login_required
def accept(request, pk: int):
    return _act(request, pk, service.accept_offer)


@require_POST
@login_required
def decline(request, pk: int):
    return _act(request, pk, service.decline_offer)

"""The registration endpoints: register, cancel, accept and decline an offered seat.

They answer htmx requests with the fragment of the new state (``registration_state.html``) and
plain form posts with a redirect to the offering page. This is the hot path of a popular course
opening (bench/registration.py: 500 people press "Register" at once), so each view reads what
it needs once, lets the service do its work in one short transaction under the offering's row
lock, and renders the fragment from what the service returned instead of reading it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from stegvis.people.selectors import own_person

from .models import Offering, Registration
from .models.offerings import Mode
from .selectors import get_registration_for, offerings_visible_to
from .services import registration as service

_LOOK_IT_UP = object()


def state_context(
    offering, person, *, error: str = "", registration: Registration | None = _LOOK_IT_UP
) -> dict:
    """What the registration box shows for ``person`` on ``offering``.

    Pass ``registration`` when it is known (the service just returned it, or ``None`` after it
    ended) to save the query for the person's active registration.
    """
    if registration is _LOOK_IT_UP:
        registration = (
            offering.registrations.filter(person=person, status__in=Registration.ACTIVE).first()
            if person
            else None
        )
    position = None
    if registration is not None:
        # A sign-up just put in line knows its place (counted under the offering's lock).
        position = getattr(registration, "line_position", None)
        if position is None:
            position = service.waiting_position(registration)
    return {
        "offering": offering,
        "registration": registration,
        "position": position,
        "modes": [(m, Mode(m).label) for m in offering.modes()],
        "error": error,
    }


def _answer(request, offering, person, *, error: str = "", registration=_LOOK_IT_UP):
    if request.htmx:
        return render(
            request,
            "courses/includes/registration_state.html",
            state_context(offering, person, error=error, registration=registration),
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("courses:offering", args=[offering.pk]))


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_POST
@login_required
def register(request, pk: int):
    """Register the signed-in person (field ``mode`` optional): a seat or a place in line."""
    person = own_person(request.user)
    if person is None:
        raise Http404
    # The visibility check is part of the service's locking statement: one read of the
    # offering, and the fragment is rendered from what the service returned.
    try:
        registration = service.register(
            actor=request.user,
            offering=pk,
            person=person,
            mode=request.POST.get("mode") or None,
            among=offerings_visible_to(request.user),
        )
    except Offering.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        offering = get_object_or_404(offerings_visible_to(request.user), pk=pk)
        return _answer(request, offering, person, error=_message(exc))
    return _answer(request, registration.offering, person, registration=registration)


def _own_registration(request, pk: int) -> Registration:
    """The signed-in person's own registration; anyone else's answers 404.

    Managers act for their staff on the staff pages; here one acts only for oneself.
    """
    registration = get_registration_for(request.user, pk)
    if registration.person.user_id != request.user.pk:
        raise Http404
    return registration


def _act(request, pk: int, action, *, still_active: bool):
    registration = _own_registration(request, pk)
    offering, person = registration.offering, registration.person
    try:
        changed = action(actor=request.user, registration=registration)
    except ValidationError as exc:
        return _answer(request, offering, person, error=_message(exc))
    # A person has at most one active registration per offering: once it ended, there is none.
    return _answer(request, offering, person, registration=changed if still_active else None)


@require_POST
@login_required
def cancel(request, pk: int):
    return _act(request, pk, service.cancel, still_active=False)


@require_POST
@login_required
def accept(request, pk: int):
    return _act(request, pk, service.accept_offer, still_active=True)


@require_POST
@login_required
def decline(request, pk: int):
    return _act(request, pk, service.decline_offer, still_active=False)

"""The manager's course pages: registering staff for an offering, signing follow-ups off.

Managers reach the current staff of their units, HR the staff of their municipality
(``REGISTER_STAFF``). Each chosen person is registered in a transaction of their own, so one
refusal (already registered, not open to their municipality...) never stops the others.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.organisations import selectors as org_selectors
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.people.models import Employment, Person
from stegvis.people.selectors import current_employments_prefetch

from .models import Offering, Registration
from .models.offerings import Mode
from .selectors import get_offering_for, get_registration_for, may_sign_off, staff_in_scope
from .services import progress
from .services import registration as service
from .staff_forms import MAX_PEOPLE_PER_SUBMISSION, RegisterStaffForm, StaffFilterForm

REGISTER = Capability.REGISTER_STAFF
Status = Registration.Status


def _staff_list(actor, *, unit_id: int | None, search: str) -> QuerySet[Person]:
    people = staff_in_scope(actor)
    if unit_id:
        here = Employment.objects.current().filter(person=OuterRef("pk"), unit_id=unit_id)
        people = people.filter(Exists(here))
    for word in search.split()[:4]:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return people.select_related("municipality").prefetch_related(current_employments_prefetch())


def _waiting_positions(offering: Offering) -> dict[int, int]:
    """Registration id → place on its mode's waiting list, in one query."""
    positions: dict[int, int] = {}
    counters: dict[str, int] = {}
    waiting = offering.registrations.filter(status=Status.WAITING).order_by("queued_at", "id")
    for pk, mode in waiting.values_list("pk", "mode"):
        counters[mode] = counters.get(mode, 0) + 1
        positions[pk] = counters[mode]
    return positions


def _mark_statuses(offering: Offering, people) -> None:
    """Put each person's active registration on this offering (and place in line) on them."""
    active = {
        r.person_id: r
        for r in offering.registrations.filter(
            person_id__in=[p.pk for p in people], status__in=Registration.ACTIVE
        )
    }
    positions = _waiting_positions(offering)
    for person in people:
        person.registration_here = active.get(person.pk)
        person.waiting_position = positions.get(getattr(person.registration_here, "pk", None))


def _seats(offering: Offering) -> list[dict]:
    return [
        {
            "mode": mode,
            "label": Mode(mode).label,
            "held": sum(service.seats_held(offering, mode).values()),
            "capacity": offering.capacity(mode),
        }
        for mode in offering.modes()
    ]


def _register_each(actor, offering: Offering, people, mode: str | None) -> list[dict]:
    """Register each person in a transaction of their own; report what became of each."""
    results = []
    for person in people:
        try:
            registration = service.register(
                actor=actor, offering=offering, person=person, mode=mode or None
            )
        except ValidationError as exc:
            results.append({"person": person, "ok": False, "text": " ".join(exc.messages)})
            continue
        if registration.status == Status.WAITING:
            text = _("On the waiting list, number %(n)d") % {
                "n": service.waiting_position(registration)
            }
        else:
            text = _("Seat confirmed (%(mode)s)") % {"mode": registration.get_mode_display()}
        results.append({"person": person, "ok": True, "text": text})
    return results


@capability_required(REGISTER)
def register_staff(request, pk: int):
    offering = get_offering_for(request.user, pk)
    units = list(
        org_selectors.units_visible_to(request.user, REGISTER)
        .filter(closed_on__isnull=True)
        .order_by("municipality__name", "name")
    )
    filters = StaffFilterForm(request.GET or None, units=units)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    form = RegisterStaffForm(
        request.POST or None, people=staff_in_scope(request.user), modes=offering.modes()
    )
    results = None
    checked = set(request.POST.getlist("people"))
    if request.method == "POST" and form.is_valid():
        results = _register_each(
            request.user, offering, form.cleaned_data["people"], form.cleaned_data["mode"]
        )
        form = RegisterStaffForm(people=Person.objects.none(), modes=offering.modes())
        checked = set()
    people = _staff_list(request.user, unit_id=chosen.get("unit"), search=chosen.get("q") or "")
    page = Paginator(people, MAX_PEOPLE_PER_SUBMISSION).get_page(request.GET.get("page"))
    _mark_statuses(offering, page.object_list)
    return render(
        request,
        "courses/staff/register_staff.html",
        {
            "offering": offering,
            "days": list(offering.days.all()),
            "seats": _seats(offering),
            "filters": filters,
            "show_units": len(units) > 1,
            "form": form,
            "page": page,
            "results": results,
            "checked": checked,
        },
    )


def _staff_registration(request, pk: int) -> Registration:
    registration = get_registration_for(request.user, pk)
    if not may_sign_off(request.user, registration):
        raise Http404
    return registration


@require_POST
@capability_required(REGISTER)
def sign_off(request, pk: int):
    registration = _staff_registration(request, pk)
    error = ""
    try:
        progress.follow_up_sign_off(actor=request.user, registration=registration)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        registration = get_registration_for(request.user, pk)
        return render(
            request,
            "courses/includes/sign_off.html",
            {"registration": registration, "sign_off_error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("The follow-up of %(person)s is signed off.") % {"person": registration.person},
        )
    return redirect("courses:registration", pk=registration.pk)

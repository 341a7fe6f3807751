"""Handing a seat to a colleague: search a colleague in the same municipality and confirm.

A registration is binding but not tied to the person (seed 000/002): the participant, or a
manager or HR officer who may register them, hands the seat (or the place in line) over.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from stegvis.core.http import add_validation_errors
from stegvis.people.models import Employment, Person
from stegvis.people.selectors import current_employments_prefetch, own_person

from .forms import ColleagueSearchForm, TransferForm
from .models import Registration
from .selectors import get_registration_for, may_register
from .services import registration as service

MAX_RESULTS = 20
TRANSFERABLE = (Registration.Status.CONFIRMED, Registration.Status.WAITING)


def colleagues(registration: Registration) -> QuerySet[Person]:
    """Who may take the seat: people of the seat's municipality with a current employment
    there, not the holder, and not already registered for the offering."""
    if registration.municipality_id is None:
        return Person.objects.none()
    employed = Employment.objects.current().filter(
        person=OuterRef("pk"), unit__municipality_id=registration.municipality_id
    )
    registered = Registration.objects.filter(
        offering_id=registration.offering_id,
        person=OuterRef("pk"),
        status__in=Registration.ACTIVE,
    )
    return (
        Person.objects.filter(Exists(employed), municipality_id=registration.municipality_id)
        .exclude(Exists(registered))
        .exclude(pk=registration.person_id)
    )


def search(candidates: QuerySet[Person], term: str) -> list[Person]:
    """At most ``MAX_RESULTS`` candidates whose names match every word of ``term``."""
    if not term:
        return []
    for word in term.split()[:4]:
        candidates = candidates.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(
        candidates.prefetch_related(current_employments_prefetch()).order_by(
            "last_name", "first_name", "id"
        )[:MAX_RESULTS]
    )


def _transferable_for(request, pk: int) -> Registration:
    """The registration, if the user holds it or may register its participant; else 404."""
    registration = get_registration_for(request.user, pk)
    person = own_person(request.user)
    own = person is not None and registration.person_id == person.pk
    if not own and not may_register(request.user, registration.person):
        raise Http404
    return registration


@login_required
def transfer(request, pk: int):
    registration = _transferable_for(request, pk)
    candidates = colleagues(registration)
    data = request.POST if request.method == "POST" else request.GET
    search_form = ColleagueSearchForm(data or None)
    term = search_form.term()
    form = TransferForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        colleague = form.cleaned_data["to"]
        try:
            service.transfer(actor=request.user, registration=registration, to_person=colleague)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The seat was handed to %(person)s.") % {"person": colleague}
            )
            return redirect(reverse("courses:offering", args=[registration.offering_id]))
    context = {
        "registration": registration,
        "offering": registration.offering,
        "search_form": search_form,
        "form": form,
        "term": term,
        "too_short": bool(data.get("q", "").strip()) and not term,
        "results": search(candidates, term),
        "transferable": registration.status in TRANSFERABLE,
        "min_length": ColleagueSearchForm.MIN_LENGTH,
        "max_results": MAX_RESULTS,
    }
    template = "courses/transfer.html"
    if request.htmx and request.method == "GET":
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response

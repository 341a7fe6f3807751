"""A person's competence profile: record, title status, ladder step; recording competence."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.people import services as people_services
from stegvis.people.selectors import get_person_for, own_person

from . import selectors, services
from .forms import LadderPlacementForm, QualificationForm, RecordForm, WithdrawForm
from .models import BasicCompetenceRule, Item, LadderStep
from .profile_markup import profile_tables

RECORD = Capability.RECORD_COMPETENCE


def _may(actor, person, capability) -> bool:
    try:
        get_person_for(actor, person.pk, capability)
    except Http404:
        return False
    return True


def _may_record(actor, person) -> bool:
    return _may(actor, person, RECORD)


@login_required
def my_profile(request):
    person = own_person(request.user)
    if person is None:
        return render(request, "people/no_profile.html")
    return redirect("competences:profile", person.pk)


@login_required
def profile(request, pk: int):
    on = parse_date(request.GET.get("on") or "") or None
    data = selectors.profile_for(request.user, pk, on=on)
    own = data.person.user_id == request.user.pk
    may_record = not own and _may_record(request.user, data.person)
    return render(
        request,
        "competences/profile.html",
        {
            "profile": data,
            "own": own,
            "may_record": may_record,
            "may_add_qualification": not own
            and _may(request.user, data.person, Capability.MANAGE_PEOPLE),
            "as_of": on,
            **profile_tables(data, may_record),
        },
    )


def _recordable_items(actor, person):
    """Competences and goals in the current published frameworks the person's units see."""
    frameworks = selectors.current_frameworks(selectors.frameworks_visible_to(actor))
    return (
        Item.objects.filter(
            framework__in=frameworks, kind__in=[Item.Kind.COMPETENCE, Item.Kind.GOAL]
        )
        .select_related("framework")
        .order_by("framework__title", "position")
    )


@login_required
def record_add(request, pk: int):
    person = get_person_for(request.user, pk)
    own = person.user_id == request.user.pk
    if not own and not _may_record(request.user, person):
        raise Http404
    form = RecordForm(
        request.POST or None, items=_recordable_items(request.user, person), self_assessment=own
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Recorded.")
                if not own
                else _("Your self-assessment was saved; your manager confirms it."),
            )
            return redirect("competences:profile", person.pk)
    heading = (
        _("Assess yourself")
        if own
        else _("Record competence for %(name)s") % {"name": person.full_name}
    )
    return render(
        request,
        "form_page.html",
        {"form": form, "heading": heading, "back": f"/competences/people/{person.pk}/"},
    )


@require_POST
@capability_required(RECORD)
def record_confirm(request, pk: int):
    entry = selectors.record_entry_for(request.user, pk)
    try:
        services.record_confirm(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The self-assessment was confirmed."))
    return redirect("competences:profile", entry.person_id)


@capability_required(RECORD)
def record_withdraw(request, pk: int):
    entry = selectors.record_entry_for(request.user, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_withdraw(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The entry was withdrawn."))
            return redirect("competences:profile", entry.person_id)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": _("Withdraw: %(entry)s") % {"entry": entry.item.title},
            "back": f"/competences/people/{entry.person_id}/",
        },
    )


@capability_required(RECORD)
def ladder_place(request, pk: int):
    person = get_person_for(request.user, pk, RECORD)
    steps = (
        LadderStep.objects.filter(ladder__in=selectors.ladders_visible_to(request.user))
        .select_related("ladder")
        .order_by("ladder__title", "position")
    )
    form = LadderPlacementForm(
        request.POST or None, steps=steps, initial={"since": datetime.date.today()}
    )
    if request.method == "POST" and form.is_valid():
        services.ladder_place(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, _("The ladder step was recorded."))
        return redirect("competences:profile", person.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": _("Ladder step for %(name)s") % {"name": person.full_name},
            "back": f"/competences/people/{person.pk}/",
        },
    )


def _qualification_codes(person) -> list[tuple[str, str]]:
    """The qualification codes the basic-competence rules of the person's region ask for."""
    rules = BasicCompetenceRule.objects.filter(job_title__region_id=person.region_id)
    codes = dict(rules.values_list("code", "description").order_by("description"))
    return sorted(codes.items(), key=lambda pair: pair[1])


@capability_required(Capability.MANAGE_PEOPLE)
def qualification_add(request, pk: int):
    person = get_person_for(request.user, pk, Capability.MANAGE_PEOPLE)
    form = QualificationForm(request.POST or None, codes=_qualification_codes(person))
    if request.method == "POST" and form.is_valid():
        try:
            people_services.qualification_add(
                actor=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The qualification was recorded."))
            return redirect("competences:profile", person.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": _("Qualification for %(name)s") % {"name": person.full_name},
            "back": f"/competences/people/{person.pk}/",
        },
    )

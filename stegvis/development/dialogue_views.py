"""Pages of the yearly dialogue: the manager's year per unit, booking, the dialogue itself,
the preparation, the employee's own dialogues, and HR's questions and retention rules.

Who sees what (``_reach``): a participant sees their own part (their preparation, drafts
included, the manager's submitted one and all notes about them); the manager who holds
dialogues with a participant sees the same about them, with the employee's preparation only
once submitted; HR of the municipality sees the dialogue and the notes that are not
confidential. Anyone else, a former manager of someone who moved included, gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stegvis.core.http import add_validation_errors
from stegvis.organisations.models import Unit
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Person
from stegvis.people.selectors import own_person

from . import ical, selectors
from .dialogue_forms import (
    BookForm,
    NoteForm,
    PreparationForm,
    RoundForm,
    SeriesForm,
    TimeForm,
)
from .dialogue_pages import (
    HOLDS,
    SELF,
    Access,
    dialogue_access,
    dialogue_rows,
    my_cards,
    preparation_inputs,
    round_rows,
    unit_rows,
)
from .models import (
    Dialogue,
    DialogueParticipant,
    DialogueRound,
    Preparation,
)
from .services import dialogues as service
from .services import preparations

HOLD = Capability.HOLD_DIALOGUES
Kind, Status, Role = Dialogue.Kind, Dialogue.Status, Preparation.Role


def _posted(request):
    """The submitted data of a POST (even when empty, e.g. every box unticked), else None."""
    return request.POST if request.method == "POST" else None


# -- the manager's year ---------------------------------------------------------------------------


def _unit(request, unit_pk: int, year: int) -> Unit:
    if year not in service.YEARS:
        raise Http404
    units = Unit.objects.filter(scope_for(request.user, HOLD).units_q())
    return get_object_or_404(units.select_related("municipality"), pk=unit_pk)


def _staff(unit: Unit, user):
    return service.staff_of(unit).exclude(user_id=user.pk).order_by("last_name", "first_name")


@capability_required(HOLD)
def rounds(request):
    return render(request, "development/dialogues/rounds.html", {"units": unit_rows(request.user)})


@capability_required(HOLD)
def round_page(request, unit_pk: int, year: int):
    unit = _unit(request, unit_pk, year)
    dialogue_round = DialogueRound.objects.filter(unit=unit, year=year).first()
    initial = {"uses_group_dialogues": bool(dialogue_round and dialogue_round.uses_group_dialogues)}
    form = RoundForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.round_save(actor=request.user, unit=unit, year=year, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The year's plan was saved."))
            return redirect("development:round", unit_pk=unit.pk, year=year)
    context = round_rows(unit, dialogue_round, _staff(unit, request.user))
    context.update({"unit": unit, "year": year, "round": dialogue_round, "form": form})
    return render(request, "development/dialogues/round.html", context)


def _form_page(request, context: dict):
    return render(request, "development/dialogues/form.html", context)


@capability_required(HOLD)
def book(request, unit_pk: int, year: int):
    unit = _unit(request, unit_pk, year)
    staff = _staff(unit, request.user)
    dialogue_round = DialogueRound.objects.filter(unit=unit, year=year).first()
    group = bool(dialogue_round and dialogue_round.uses_group_dialogues)
    initial = {"kind": Kind.GROUP if group else Kind.INDIVIDUAL}
    if request.GET.get("person", "").isdigit():
        initial = {"kind": Kind.INDIVIDUAL, "people": [int(request.GET["person"])]}
    form = BookForm(_posted(request), staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = service.dialogue_book(
                actor=request.user, unit=unit, year=year, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("The dialogue is booked; the invitations are on their way.")
            )
            return redirect("development:dialogue", pk=dialogue.pk)
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "heading": _("Book a dialogue"),
        "intro": _("Every participant gets an invitation by email, with the calendar entry."),
        "submit_label": _("Book and invite"),
    }
    return _form_page(request, context)


@capability_required(HOLD)
def book_series(request, unit_pk: int, year: int):
    unit = _unit(request, unit_pk, year)
    staff = _staff(unit, request.user)
    booked = DialogueParticipant.objects.filter(
        dialogue__round__unit=unit,
        dialogue__round__year=year,
        dialogue__kind=Kind.INDIVIDUAL,
        dialogue__status__in=service.LIVE,
    ).values("person_id")
    initial = {"people": list(staff.exclude(pk__in=booked).values_list("pk", flat=True))}
    form = SeriesForm(_posted(request), staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booked_now = service.dialogue_book_series(
                actor=request.user,
                unit=unit,
                year=year,
                people=list(data["people"]),
                days=form.days(),
                day_start=data["day_start"],
                day_end=data["day_end"],
                minutes=data["minutes"],
                pause=data["pause"],
                place=data["place"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s dialogues are booked; the invitations are on their way.")
                % {"count": len(booked_now)},
            )
            return redirect("development:round", unit_pk=unit.pk, year=year)
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "heading": _("Book a series of individual dialogues"),
        "intro": _(
            "The chosen employees get individual dialogues one after another, from the first "
            "day on, in the order listed. Each gets an invitation by email."
        ),
        "submit_label": _("Book and invite"),
    }
    return _form_page(request, context)


# -- one dialogue ---------------------------------------------------------------------------------


def _held_by_me(request, pk: int) -> Access:
    access = dialogue_access(request.user, pk)
    if not access.holder:
        raise Http404
    return access


@login_required
def dialogue_page(request, pk: int):
    access = dialogue_access(request.user, pk)
    rows = dialogue_rows(request.user, access)
    if any(row["notes"] for row in rows):
        selectors.audit_read(request.user, access.dialogue, "notes")
    context = {
        "dialogue": access.dialogue,
        "holder": access.holder,
        "rows": rows,
        "own": access.own(),
        "now": timezone.now(),
    }
    return render(request, "development/dialogues/dialogue.html", context)


@capability_required(HOLD)
def dialogue_edit(request, pk: int):
    dialogue = _held_by_me(request, pk).dialogue
    initial = {name: getattr(dialogue, name) for name in ("starts_at", "ends_at", "place")}
    form = TimeForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.dialogue_reschedule(actor=request.user, dialogue=dialogue, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The dialogue was changed; the participants are told."))
            return redirect("development:dialogue", pk=dialogue.pk)
    context = {
        "form": form,
        "dialogue": dialogue,
        "heading": _("Change time or place"),
        "intro": _("Every participant gets the changed invitation by email."),
    }
    return _form_page(request, context)


def _act(request, pk: int, action, done: str):
    access = _held_by_me(request, pk)
    try:
        action(actor=request.user, dialogue=access.dialogue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("development:dialogue", pk=pk)


@require_POST
@capability_required(HOLD)
def dialogue_cancel(request, pk: int):
    return _act(request, pk, service.dialogue_cancel, _("The dialogue was cancelled."))


@require_POST
@capability_required(HOLD)
def dialogue_held(request, pk: int):
    return _act(request, pk, service.dialogue_mark_held, _("The dialogue is marked as held."))


@require_POST
@capability_required(HOLD)
def note_add(request, pk: int):
    access = _held_by_me(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid() or not access.reaches(form.cleaned_data["person"], HOLDS):
        messages.error(request, _("Write the note."))
        return redirect("development:dialogue", pk=pk)
    person = get_object_or_404(Person, pk=form.cleaned_data["person"])
    try:
        preparations.note_add(
            actor=request.user,
            dialogue=access.dialogue,
            person=person,
            text=form.cleaned_data["text"],
            confidential=form.cleaned_data["confidential"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The note was saved."))
    return redirect(f"{reverse('development:dialogue', args=[pk])}#person-{person.pk}")


@require_POST
@login_required
def wants_individual(request, pk: int):
    access = dialogue_access(request.user, pk)
    if access.own() is None:
        raise Http404
    try:
        service.wants_individual_set(
            actor=request.user, dialogue=access.dialogue, wants=request.POST.get("wants") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer was saved; your manager is told."))
    return redirect("development:dialogue", pk=pk)


@login_required
def dialogue_ical(request, pk: int):
    """The calendar entry: a participant's own, or the holding manager's with everyone."""
    access = dialogue_access(request.user, pk)
    if access.holder:
        attendees = [p.person for p in access.participations]
    else:
        attendees = [p.person for p in access.participations if access.reaches(p.person_id, SELF)]
    if not attendees:
        raise Http404
    dialogue = access.dialogue
    text = ical.invitation(dialogue, attendees, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(text, content_type=ical.content_type(ical.method_of(dialogue)))
    response["Content-Disposition"] = 'attachment; filename="dialogue.ics"'
    return response


# -- preparing ------------------------------------------------------------------------------------


def _preparing(request, access: Access) -> tuple[Person, str]:
    """Whose preparation the user writes, and in which role (else 404)."""
    for participation in access.participations:
        if access.reaches(participation.person_id, SELF):
            return participation.person, Role.EMPLOYEE
    if not access.holder:
        raise Http404
    wanted = request.POST.get("person") or request.GET.get("person") or ""
    candidates = [p.person for p in access.participations if access.reaches(p.person_id, HOLDS)]
    for person in candidates:
        if str(person.pk) == wanted or not wanted:
            return person, Role.MANAGER
    raise Http404


@login_required
def prepare(request, pk: int):
    access = dialogue_access(request.user, pk)
    dialogue = access.dialogue
    person, role = _preparing(request, access)
    if dialogue.status != Status.PLANNED:
        messages.info(request, _("The dialogue is over: its preparations can only be read now."))
        return redirect("development:dialogue", pk=pk)
    existing = Preparation.objects.filter(dialogue=dialogue, person=person, role=role).first()
    inputs = preparation_inputs(dialogue, person, role, existing)
    form = PreparationForm(_posted(request), **inputs)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            preparations.preparation_save(
                actor=request.user,
                dialogue=dialogue,
                person=person,
                role=role,
                answers=form.answers(),
                assessment=form.assessment(),
                submit=submit,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Your preparation is submitted.") if submit else _("Your draft was saved."),
            )
            return redirect("development:dialogue", pk=pk)
    context = {
        "form": form,
        "dialogue": dialogue,
        "person": person,
        "role": role,
        "preparation": existing,
        "others": [p.person for p in access.participations if access.reaches(p.person_id, HOLDS)],
    }
    return render(request, "development/dialogues/prepare.html", context)


# -- the employee's own list ----------------------------------------------------------------------


@login_required
def my_dialogues(request):
    person = own_person(request.user)
    context = {"person": person, **my_cards(person)}
    return render(request, "development/dialogues/mine.html", context)

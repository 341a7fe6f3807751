"""The participant's pages: the catalogue, a course and an offering with its registration box."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from stegvis.competences.models import Item
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import has_capability
from stegvis.people.models import Person
from stegvis.people.phases import experience_phase
from stegvis.people.selectors import own_person

from . import catalogue_queries as queries
from .forms import CatalogueFilterForm
from .models import ChecklistTask, Offering, Registration
from .registration_views import state_context
from .selectors import get_course_for, leads, may_maintain, offerings_visible_to

PAGE_SIZE = 20


def _suggested(person: Person | None) -> dict:
    """A first visit filters by one's own experience phase (the form shows it, to change)."""
    phase = experience_phase(person.profession_start_date) if person else None
    return {"phase": str(phase)} if phase else {}


def may_attend(offering: Offering, person: Person | None) -> bool:
    """Whether ``person`` belongs to those the offering is for (the service checks it again)."""
    if person is None:
        return False
    if offering.municipality_id is not None:
        return person.municipality_id == offering.municipality_id
    return person.region_id == offering.region_id


def _place(offering: Offering) -> str:
    days = list(offering.days.all())
    places = [d.place for d in days if d.place]
    return places[0] if places else ""


def row(offering: Offering) -> dict:
    """What a catalogue row (or an offering list elsewhere) shows; needs ``annotate_rows``."""
    status = getattr(offering, "my_status", None)
    return {
        "offering": offering,
        "owner": offering.municipality or offering.region,
        "place": _place(offering),
        "seats": queries.seat_summary(offering),
        "my_status": Registration.Status(status).label if status else "",
        "my_status_code": status or "",
        "open": offering.registration_open(),
        "opens_later": timezone.now() < offering.opens_at,
    }


@login_required
def catalogue(request):
    person = own_person(request.user)
    data = request.GET if request.GET else _suggested(person)
    form = CatalogueFilterForm(data, owners=queries.owner_choices(request.user))
    offerings = queries.catalogue(request.user, person, form.wanted())
    page = Paginator(offerings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": [row(o) for o in page]}
    template = "courses/catalogue.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def task_queryset():
    return ChecklistTask.objects.prefetch_related(
        Prefetch("goals", queryset=Item.objects.order_by("code", "title"))
    ).order_by("order", "id")


def _boxes(offerings, person: Person | None) -> list[dict]:
    """Rows of upcoming offerings, each with the context of its registration box."""
    result = []
    for offering in offerings:
        item = row(offering)
        item["may_attend"] = may_attend(offering, person)
        item["state"] = state_context(offering, person) if person else None
        result.append(item)
    return result


@login_required
def course(request, pk: int):
    course = get_course_for(request.user, pk)
    person = own_person(request.user)
    tasks = list(task_queryset().filter(course=course))
    offerings = queries.annotate_rows(
        queries.upcoming(offerings_visible_to(request.user).filter(course=course)), person
    ).order_by("first_day", "id")
    return render(
        request,
        "courses/course.html",
        {
            "course": course,
            "owner": course.municipality or course.region,
            "preparation": [t for t in tasks if t.part == ChecklistTask.Part.PREPARATION],
            "follow_up": [t for t in tasks if t.part == ChecklistTask.Part.FOLLOW_UP],
            "goals": course.goals.select_related("framework").order_by("code", "title"),
            "titles": course.target_titles.order_by("name"),
            "materials": course.materials.all(),
            "leaders": course.leaders.order_by("last_name", "first_name"),
            "offerings": _boxes(offerings, person),
            "may_maintain": may_maintain(request.user, course),
        },
    )


@login_required
def offering(request, pk: int):
    person = own_person(request.user)
    visible = offerings_visible_to(request.user)
    offering = get_object_or_404(queries.annotate_rows(visible, person), pk=pk)
    state = state_context(offering, person) if person else None
    registration = state["registration"] if state else None
    leaders = {p.pk: p for p in offering.leaders.all()}
    if offering.course_id:
        leaders.update({p.pk: p for p in offering.course.leaders.all()})
    return render(
        request,
        "courses/offering.html",
        {
            "offering": offering,
            "may_maintain": may_maintain(request.user, offering),
            "leads": leads(request.user, offering),
            "may_register_staff": has_capability(request.user, Capability.REGISTER_STAFF),
            "info": row(offering),
            "days": list(offering.days.all()),
            "state": state,
            "may_attend": may_attend(offering, person),
            "holds": registration,
            "transferable": registration is not None
            and registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITING),
            "late_cancel": timezone.now() > offering.cancel_by,
            "quotas": offering.quotas.select_related("municipality").order_by("municipality__name"),
            "follow_ups": queries.annotate_rows(visible.filter(follows=offering), None).order_by(
                "first_day", "id"
            ),
            "follows": visible.filter(pk=offering.follows_id).first()
            if offering.follows_id
            else None,
            "leaders": sorted(leaders.values(), key=lambda p: (p.last_name, p.first_name)),
        },
    )

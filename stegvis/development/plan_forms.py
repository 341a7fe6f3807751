"""Forms of the development plan, and the choices they offer for one person.

Goals come from the person's competence profile (competences their units require or their next
ladder step holds, the ones they lack first), the steps of their ladders and the next level of
their job titles. Course activities choose an upcoming offering open to the person, a course of
their catalogue or a course on their journey.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Min, Q
from django.db.models.utils import get_blank_choice_label
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from stegvis.competences.models import Item, LadderStep
from stegvis.competences.selectors import build_profile
from stegvis.courses.models import Course, Offering
from stegvis.courses.models.offerings import Mode
from stegvis.journeys.selectors import journey_views
from stegvis.people.models import JobTitle, Person

from .models import DevelopmentPlan, PlanActivity, PlanGoal
from .services.plans import MANUAL_STATUSES

Kind = PlanActivity.Kind
CHOOSE = get_blank_choice_label()  # "– Välj –", as on every blank choice


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class LabelledChoiceField(forms.ModelChoiceField):
    """A model choice whose option texts come from a dict (id → label), else ``str()``."""

    def __init__(self, *args, labels: dict | None = None, **kwargs):
        self.labels = labels or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return self.labels.get(obj.pk) or str(obj)


# -- what can be chosen ---------------------------------------------------------------------


def goal_choices(person: Person) -> dict:
    """Competences (with their state), ladder steps and the next title level for ``person``."""
    profile = build_profile(person)
    labels: dict[int, str] = {}
    lacking, held = [], []
    for line in profile.requirement_lines:
        item = line.requirement.item
        state = line.state
        labels[item.pk] = f"{item.title} ({state.status.label})"
        (held if state.counts else lacking).append(item.pk)
    for item in profile.next_step_missing:
        labels.setdefault(item.pk, f"{item.title} ({profile.next_step})")
        lacking.append(item.pk)
    order = {pk: i for i, pk in enumerate(dict.fromkeys(lacking + held))}
    items = sorted(Item.objects.filter(pk__in=order), key=lambda item: order[item.pk])
    title_ids = {e.job_title_id for e in profile.employments if e.is_current(profile.on)}
    steps = LadderStep.objects.filter(ladder__job_titles__in=title_ids)
    if profile.next_step is not None:
        steps = steps | LadderStep.objects.filter(pk=profile.next_step.pk)
    return {
        "items": items,
        "item_labels": labels,
        "steps": steps.select_related("ladder").distinct().order_by("ladder__title", "position"),
        "titles": JobTitle.objects.filter(previous_levels__in=title_ids).distinct(),
    }


def courses_for(person: Person):
    owners = Q(region_id=person.region_id)
    if person.municipality_id:
        owners |= Q(municipality_id=person.municipality_id)
    return Course.objects.filter(owners, archived=False)


def upcoming_offerings(person: Person, course_ids=None, now: datetime.datetime | None = None):
    """Course offerings open to ``person`` that have not started and still take registrations."""
    now = now or timezone.now()
    open_to = Q(municipality__isnull=True, region_id=person.region_id)
    if person.municipality_id:
        open_to |= Q(municipality_id=person.municipality_id)
    offerings = (
        Offering.objects.filter(open_to, kind=Offering.Kind.COURSE, closes_at__gte=now)
        .exclude(decision=Offering.Decision.CANCELLED)
        .annotate(first_day=Min("days__starts_at"))
        .filter(Q(first_day__isnull=True) | Q(first_day__gt=now))
        .select_related("course")
        .order_by("first_day", "closes_at", "id")
    )
    if course_ids is not None:
        offerings = offerings.filter(course_id__in=course_ids)
    return offerings


def offering_label(offering: Offering) -> str:
    first = getattr(offering, "first_day", None)
    when = date_format(timezone.localtime(first), "j M Y") if first else str(_("dates to come"))
    return f"{offering.display_title}, {when}"


def journey_course_ids(person: Person) -> set[int]:
    view = journey_views([person]).get(person.pk)
    if view is None:
        return set()
    return {stop.stop.course_id for stops in view.stops.values() for stop in stops}


# -- forms ----------------------------------------------------------------------------------


def add_outcome_fields(form: forms.Form, plan: DevelopmentPlan) -> None:
    """One outcome per goal of ``plan`` and what came of the plan, for its follow-up."""
    choices = [("", CHOOSE)] + [
        (value, label) for value, label in PlanGoal.Outcome.choices if value != "open"
    ]
    form.outcome_goals = list(plan.goals.all())
    for goal in form.outcome_goals:
        form.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
            label=goal.description,
            choices=choices,
            required=False,
            initial=goal.outcome if goal.outcome != "open" else "",
        )
    form.fields["outcome"] = forms.CharField(
        label=_("What came of the plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        initial=plan.outcome,
        help_text=_("What was done, what changed in the daily work, what is carried on."),
    )


def goal_outcomes(form: forms.Form) -> dict[int, str]:
    return {goal.pk: form.cleaned_data.get(f"goal_{goal.pk}") or "" for goal in form.outcome_goals}


class PlanCreateForm(forms.Form):
    follow_up_on = date_field(
        _("Follow-up date"),
        help_text=_("When you go through the plan together again, usually after about six months."),
    )

    def __init__(self, *args, previous: DevelopmentPlan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome_goals = []
        if previous is not None:
            add_outcome_fields(self, previous)


class FollowUpForm(forms.Form):
    def __init__(self, *args, plan: DevelopmentPlan, **kwargs):
        super().__init__(*args, **kwargs)
        add_outcome_fields(self, plan)


class PlanEditForm(forms.Form):
    follow_up_on = date_field(_("Follow-up date"))


class GoalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of goal"), choices=[("", CHOOSE), *PlanGoal.Kind.choices]
    )
    item = LabelledChoiceField(
        label=_("Competence"),
        queryset=Item.objects.none(),
        required=False,
        help_text=_("For a competence goal: from the person's profile, the missing ones first."),
    )
    ladder_step = forms.ModelChoiceField(
        label=_("Step on the competence ladder"), queryset=LadderStep.objects.none(), required=False
    )
    job_title = forms.ModelChoiceField(
        label=_("Next title level"),
        queryset=JobTitle.objects.none(),
        required=False,
        help_text=_("For a career goal: the title one level up."),
    )
    description = forms.CharField(
        label=_("The goal in words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Empty takes the name of the chosen competence, step or title."),
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        item_field = self.fields["item"]
        item_field.queryset = Item.objects.filter(pk__in=[i.pk for i in choices["items"]])
        item_field.labels = choices["item_labels"]
        ordered = [("", item_field.empty_label)] + [
            (item.pk, choices["item_labels"].get(item.pk, str(item))) for item in choices["items"]
        ]
        item_field.choices = ordered
        self.fields["ladder_step"].queryset = choices["steps"]
        self.fields["job_title"].queryset = choices["titles"]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of activity"), choices=[("", CHOOSE), *Kind.choices])
    offering = LabelledChoiceField(
        label=_("Course offering"),
        queryset=Offering.objects.none(),
        required=False,
        help_text=_("For a course: an upcoming offering; or choose only the course below."),
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.none(),
        required=False,
        help_text=_(
            "For a course without dates yet, or a journey stop (a course on the person's journey)."
        ),
    )
    description = forms.CharField(
        label=_("What is done"),
        max_length=300,
        required=False,
        help_text=_("Empty takes the course's title."),
    )
    owner = forms.ChoiceField(
        label=_("Who is responsible"), choices=PlanActivity.Owner.choices, initial="employee"
    )
    due_on = date_field(_("Done by"))
    sharing_how = forms.CharField(
        label=_("How the new knowledge is shared"),
        max_length=300,
        required=False,
        help_text=_("Required for courses, e.g. a short talk at the workplace meeting."),
    )
    sharing_with = forms.CharField(
        label=_("With whom"),
        max_length=200,
        required=False,
        help_text=_("Required for courses, e.g. the colleagues of the day shift."),
    )
    sharing_by = date_field(_("Shared by"), required=False, help_text=_("Required for courses."))

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        offerings = list(upcoming_offerings(person))
        self.fields["offering"].queryset = Offering.objects.filter(pk__in=[o.pk for o in offerings])
        self.fields["offering"].labels = {o.pk: offering_label(o) for o in offerings}
        self.fields["offering"].choices = [("", CHOOSE)] + [
            (o.pk, offering_label(o)) for o in offerings
        ]
        self.journey_courses = journey_course_ids(person)
        self.fields["course"].queryset = (
            (courses_for(person) | Course.objects.filter(pk__in=self.journey_courses))
            .distinct()
            .order_by("title")
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.JOURNEY_STOP:
            course = data.get("course") or getattr(data.get("offering"), "course", None)
            if course is not None and course.pk not in self.journey_courses:
                self.add_error("course", _("That course is not a stop on the person's journey."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(v, label) for v, label in PlanActivity.Status.choices if v in MANUAL_STATUSES],
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=PlanGoal.Outcome.choices)


class RegisterForm(forms.Form):
    offering = LabelledChoiceField(label=_("Offering"), queryset=Offering.objects.none())
    mode = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[("", _("As the offering allows")), *Mode.choices],
    )

    def __init__(self, *args, offerings: list[Offering], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["offering"]
        field.queryset = Offering.objects.filter(pk__in=[o.pk for o in offerings])
        field.choices = [(o.pk, offering_label(o)) for o in offerings]

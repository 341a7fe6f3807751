"""Forms of the strategy plan (sections, courses, budget lines) and of committee meetings."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from stegvis.courses.editor_forms import upload_field
from stegvis.organisations.models import Unit

from .models import StrategyPlan
from .selectors import course_choices
from .services import SECTIONS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanStartForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    copy_previous = forms.BooleanField(
        label=_("Start from the unit's latest plan"),
        required=False,
        help_text=_("Its sections, budget lines and courses are copied into the new draft."),
    )


def _section(name: str) -> forms.CharField:
    field = StrategyPlan._meta.get_field(name)
    return forms.CharField(
        label=capfirst(field.verbose_name),
        help_text=field.help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PlanForm(forms.Form):
    tasks_ahead = _section("tasks_ahead")
    goals_and_strategies = _section("goals_and_strategies")
    staff_expectations = _section("staff_expectations")
    development_offered = _section("development_offered")
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses offered"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-list"}),
        help_text=_("Courses of the region and the municipality that the plan offers staff."),
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = course_choices(unit)

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in SECTIONS}


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=_("What for"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        required=False,
    )

    def clean(self):
        data = super().clean()
        description, amount = data.get("description"), data.get("amount")
        if description and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount."))
        if amount is not None and not description:
            self.add_error("description", _("Say what the amount is for."))
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=2, can_delete=True, max_num=50)


def budget_lines(formset) -> list[tuple[str, Decimal]]:
    """The filled, not deleted lines of a valid formset, in order."""
    lines = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("description"):
            continue
        lines.append((data["description"].strip(), data["amount"]))
    return lines


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput())
    committee = forms.CharField(
        label=_("Committee"),
        max_length=200,
        help_text=_("e.g. Lokalt MED-udvalg, Samverkansgrupp, Arbetsplatsträff med samverkan"),
    )
    strategic_competence_on_agenda = forms.BooleanField(
        label=_("Strategic competence development was on the agenda"),
        required=False,
        initial=True,
        help_text=_(
            "Only meetings with it on the agenda count for the yearly discussion that "
            "standard 2.1 asks for."
        ),
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    minutes_file = upload_field(_("Minutes as a file"))
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the committee decided about goals, needs and efforts."),
    )

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if has_file:
            self.fields["remove_file"] = forms.BooleanField(
                label=_("Remove the attached file"), required=False
            )

    def service_data(self) -> dict:
        """The cleaned fields as ``meeting_record`` takes them (``meeting_update`` also takes
        ``remove_file``, present only when a file is attached)."""
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "committee": data["committee"],
            "strategic_competence_on_agenda": data["strategic_competence_on_agenda"],
            "minutes": data.get("minutes") or "",
            "decisions": data.get("decisions") or "",
            "minutes_file": data.get("minutes_file"),
        }

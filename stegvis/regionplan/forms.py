"""Forms of the joint plan: a new plan, the plan page's filters and a proposed offering."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.courses.models import Offering
from stegvis.organisations.models import Municipality, OperatingArea

from . import terms
from .models import JointPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlanCreateForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Term"), choices=JointPlan.Kind.choices)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("For a spring or autumn term."),
    )
    starts_on = forms.DateField(
        label=_("First day"), required=False, widget=DATE, help_text=_("For a custom period.")
    )
    ends_on = forms.DateField(
        label=_("Last day"), required=False, widget=DATE, help_text=_("For a custom period.")
    )
    name = forms.CharField(
        label=_("Name"), max_length=100, required=False, help_text=_("For a custom period.")
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        kind, year = terms.next_term(timezone.localdate())
        self.fields["kind"].initial = kind
        self.fields["year"].initial = year


class PlanFilterForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Operating area"),
        required=False,
        choices=[("", _("All operating areas")), *OperatingArea.Kind.choices],
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False, empty_label=_("All municipalities")
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


def quota_field(municipality: Municipality) -> str:
    return f"quota_{municipality.pk}"


class ProposalForm(forms.Form):
    """A proposed offering. Quota fields (one per municipality of the region) are added in
    ``__init__``; ``quotas()`` reads them back keyed by municipality."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    attendance = forms.ChoiceField(
        label=_("Attendance"), choices=Offering.Attendance.choices, initial="on_site"
    )
    seats_on_site = forms.IntegerField(label=_("Seats on site"), min_value=0, required=False)
    seats_digital = forms.IntegerField(
        label=_("Digital places"),
        min_value=0,
        required=False,
        help_text=_("Empty means no limit."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    digital_link = forms.URLField(label=_("Digital link"), required=False)
    first_day = forms.DateField(label=_("First course day"), widget=DATE)
    day_count = forms.IntegerField(
        label=_("Number of course days"), min_value=1, max_value=20, initial=1
    )
    days_apart = forms.IntegerField(
        label=_("Days between course days"), min_value=1, max_value=90, initial=7
    )
    starts_at = forms.TimeField(label=_("Starts"), widget=TIME, initial=datetime.time(9))
    ends_at = forms.TimeField(label=_("Ends"), widget=TIME, initial=datetime.time(16))
    closes_on = forms.DateField(label=_("Registration deadline"), widget=DATE)

    def __init__(self, *args, courses, municipalities, demand=None, fixed_course=False, **kw):
        super().__init__(*args, **kw)
        self.fields["course"].queryset = courses
        if fixed_course:
            self.fields["course"].disabled = True
        self.municipalities = list(municipalities)
        demand = demand or {}
        for m in self.municipalities:
            asked = demand.get(m.pk, 0)
            self.fields[quota_field(m)] = forms.IntegerField(
                label=m.name,
                min_value=0,
                required=False,
                help_text=_("Demand: %(n)s") % {"n": asked},
            )

    def quota_fields(self):
        return [self[quota_field(m)] for m in self.municipalities]

    def main_fields(self):
        return [f for f in self if not f.name.startswith("quota_")]

    def quotas(self) -> dict[Municipality, int]:
        return {
            m: self.cleaned_data.get(quota_field(m)) or 0
            for m in self.municipalities
            if self.cleaned_data.get(quota_field(m))
        }

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in list(data):
            if name.startswith("quota_") or name == "course":
                data.pop(name)
        return data

"""Forms of the funding pages: a grant, a grant period, and funding on a registration."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stegvis.competences.forms import FrameworkForm
from stegvis.courses.models import Course
from stegvis.organisations.models import OperatingArea, Region
from stegvis.people.models import JobTitle

from .models import Currency, Grant, GrantPeriod


def checkboxes(label, *, queryset=None, choices=(), help_text=""):
    widget = forms.CheckboxSelectMultiple(attrs={"class": "choice-list"})
    if queryset is not None:
        return forms.ModelMultipleChoiceField(
            label=label, queryset=queryset, widget=widget, required=False, help_text=help_text
        )
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=widget, required=False, help_text=help_text
    )


def money(label, *, required=False, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        localize=True,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class GrantForm(forms.Form):
    """The grant; the owner is chosen on create and fixed afterwards."""

    owner = forms.ChoiceField(label=_("Grant holder"))
    name = forms.CharField(label=_("Name"), max_length=200)
    funder = forms.CharField(
        label=_("Funder"), max_length=200, help_text=_("e.g. Socialstyrelsen, ESF-rådet")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Grant.Kind.choices)
    pays_study_time = forms.BooleanField(label=_("Pays study time (wage cost)"), required=False)
    pays_course_fees = forms.BooleanField(label=_("Pays course fees"), required=False)
    pays_substitutes = forms.BooleanField(label=_("Pays substitutes"), required=False)
    job_titles = checkboxes(
        _("Eligible job titles"), queryset=JobTitle.objects.none(), help_text=_("None ticked: all.")
    )
    area_kinds = checkboxes(
        _("Eligible operating areas"),
        choices=OperatingArea.Kind.choices,
        help_text=_("None ticked: all."),
    )
    courses = checkboxes(
        _("Eligible courses"), queryset=Course.objects.none(), help_text=_("None ticked: all.")
    )
    excludes = checkboxes(
        _("May not be combined with"),
        queryset=Grant.objects.none(),
        help_text=_("These grants may not pay for the same person and course as this one."),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)

    def __init__(self, *args, owners, grants, fixed_owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_owner = fixed_owner
        owners = [fixed_owner] if fixed_owner else list(owners)
        if fixed_owner:
            del self.fields["owner"]
        else:
            self.owner_map = {FrameworkForm.key(o): o for o in owners}
            self.fields["owner"].choices = [
                (key, FrameworkForm.label(o)) for key, o in self.owner_map.items()
            ]
        regions = {o.pk if isinstance(o, Region) else o.region_id for o in owners}
        self.fields["job_titles"].queryset = JobTitle.objects.filter(region_id__in=regions)
        self.fields["courses"].queryset = Course.objects.filter(
            Q(region_id__in=regions) | Q(municipality__region_id__in=regions), archived=False
        )
        self.fields["excludes"].queryset = grants

    def clean_owner(self):
        return self.owner_map[self.cleaned_data["owner"]]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        data["job_titles"] = list(data["job_titles"])
        data["courses"] = list(data["courses"])
        data["excludes"] = list(data["excludes"])
        return data


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100, help_text=_("e.g. 2026"))
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput())
    amount = money(_("Amount granted"), required=True)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    wage_basis = forms.ChoiceField(
        label=_("Wage cost of study hours"), choices=GrantPeriod.WageBasis.choices
    )
    hourly_rate = money(
        _("Hourly rate"),
        help_text=_("Wage cost per study hour, including payroll overheads (fixed rate only)."),
    )


class FundingForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Grant and period"), queryset=GrantPeriod.objects.none(), empty_label=None
    )
    paid_hours = money(_("Paid study hours"))
    hourly_rate = money(
        _("Hourly wage cost"),
        help_text=_("Only for periods that use each person's own wage cost."),
    )
    course_fee = money(_("Course fee"))
    substitute_cost = money(_("Substitute cost"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["period"].label_from_instance = _period_label

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("paid_hours", "course_fee", "substitute_cost"):
            data[name] = data.get(name) or Decimal(0)
        return data


def _period_label(period: GrantPeriod) -> str:
    dates = f"{period.starts_on:%Y-%m-%d} – {period.ends_on:%Y-%m-%d}"
    return f"{period.grant.name}: {period.label} ({dates})"

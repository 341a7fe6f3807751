"""Forms for people and employments."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.forms import DateInput
from stegvis.organisations.models import Unit

from .models import JobTitle, Person


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=Person.Language.choices
    )
    identity_number = forms.CharField(
        label=_("Personal identity number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Optional. Stored encrypted and shown masked."),
    )
    profession_start_date = forms.DateField(
        label=_("In the profession since"), required=False, widget=DateInput()
    )
    employee_number = forms.CharField(label=_("Employee number"), max_length=40, required=False)


class PersonCreateForm(PersonForm):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Unit.objects.none())

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class EmploymentForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    job_title = forms.ModelChoiceField(label=_("Job title"), queryset=JobTitle.objects.none())
    extent_percent = forms.IntegerField(
        label=_("Extent (%)"), min_value=1, max_value=100, initial=100
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=DateInput(), initial=timezone.localdate
    )
    end_date = forms.DateField(label=_("End date"), widget=DateInput(), required=False)
    source_key = forms.CharField(label=_("HR system key"), max_length=100, required=False)

    def __init__(self, *args, units, job_titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["job_title"].queryset = job_titles


class EmploymentEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day"), widget=DateInput(), initial=timezone.localdate)


class EmploymentMoveForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("New unit"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    municipality = forms.IntegerField(required=False, widget=forms.HiddenInput)

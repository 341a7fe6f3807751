"""Forms of the participant's pages: the catalogue filter, task ticks and the seat transfer."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.forms import DateInput
from stegvis.organisations.models import OperatingArea
from stegvis.people.models import Person
from stegvis.people.phases import Phase

from .catalogue_queries import JOINT, CatalogueFilter


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Operating area"), required=False)
    phase = forms.ChoiceField(label=_("Experience phase"), required=False)
    owner = forms.ChoiceField(label=_("Organised by"), required=False)
    date_from = forms.DateField(label=_("Course days from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Course days until"), required=False, widget=DateInput())
    free = forms.BooleanField(label=_("Only with free seats"), required=False)

    def __init__(self, *args, owners: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["area"].choices = [("", _("All operating areas")), *OperatingArea.Kind.choices]
        self.fields["phase"].choices = [("", _("All phases")), *Phase.choices]
        self.fields["owner"].choices = [
            ("", _("All organisers")),
            (JOINT, _("Joint for the region")),
            *owners,
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def wanted(self) -> CatalogueFilter:
        """The filter to apply; an invalid form filters nothing."""
        if not self.is_valid():
            return CatalogueFilter()
        data = self.cleaned_data
        return CatalogueFilter(
            q=data["q"].strip(),
            area=data["area"],
            phase=data["phase"],
            owner=data["owner"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            free_only=data["free"],
        )


class TaskTickForm(forms.Form):
    done = forms.TypedChoiceField(
        choices=[("1", _("Done")), ("0", _("Not done"))], coerce=lambda v: v == "1"
    )


class ColleagueSearchForm(forms.Form):
    q = forms.CharField(label=_("Search for a colleague by name"), required=False, max_length=100)

    MIN_LENGTH = 2

    def term(self) -> str:
        """The search term, or an empty string when it is too short to search."""
        if not self.is_valid():
            return ""
        term = self.cleaned_data["q"].strip()
        return term if len(term) >= self.MIN_LENGTH else ""


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("Colleague"),
        queryset=Person.objects.none(),
        error_messages={
            "required": _("Choose a colleague to hand the seat to."),
            "invalid_choice": _("Choose a colleague from the search results."),
        },
    )

    def __init__(self, *args, candidates: QuerySet[Person], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = candidates

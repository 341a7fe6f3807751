"""Forms for maintaining the organisation tree and role assignments."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Municipality, OperatingArea, Role, Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MunicipalityForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Municipality.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.CharField(label=_("Official code"), max_length=10)
    country = forms.ChoiceField(label=_("Country"), choices=Municipality.Country.choices)
    language = forms.ChoiceField(label=_("Default language"), choices=settings.LANGUAGES)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class OperatingAreaForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OperatingArea.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of unit"), choices=Unit.Kind.choices)
    source_key = forms.CharField(label=_("HR system key"), max_length=100, required=False)


class UnitCreateForm(UnitForm):
    operating_area = forms.ModelChoiceField(
        label=_("Operating area"), queryset=OperatingArea.objects.none()
    )
    opened_on = forms.DateField(label=_("Opens on"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operating_area"].queryset = municipality.operating_areas.all()


class UnitMoveForm(forms.Form):
    operating_area = forms.ModelChoiceField(
        label=_("New operating area"), queryset=OperatingArea.objects.none()
    )
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operating_area"].queryset = unit.municipality.operating_areas.exclude(
            pk=unit.operating_area_id
        )


class UnitMergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Unit.objects.filter(municipality_id=unit.municipality_id, closed_on__isnull=True)
            .exclude(pk=unit.pk)
            .order_by("name")
        )


class UnitCloseForm(forms.Form):
    on = forms.DateField(label=_("Closed from"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("Email of the account"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in Role if r != Role.EMPLOYEE]
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Unit.objects.none(), required=False
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Unit.objects.none(), required=False)
    valid_from = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, units, municipalities, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["municipality"].queryset = municipalities
        self.fields["region"].queryset = regions

    def clean(self):
        data = super().clean()
        chosen = [data.get(k) for k in ("unit", "municipality", "region") if data.get(k)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose exactly one of unit, municipality or region."))
        data["scope_object"] = chosen[0]
        return data

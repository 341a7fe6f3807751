"""Forms of the staff pages: a manager registering staff, a course leader marking attendance."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stegvis.people.models import Person

from .models.offerings import Mode

# One submission registers at most this many people (a page of the staff list).
MAX_PEOPLE_PER_SUBMISSION = 50


class StaffFilterForm(forms.Form):
    """Narrow the staff list by name and unit (HR may have hundreds of staff)."""

    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units"))] + [
            (unit.pk, f"{unit.name} ({unit.municipality.name})") for unit in units
        ]


class RegisterStaffForm(forms.Form):
    """The chosen people (only staff in the actor's scope are valid choices) and the mode."""

    people = forms.ModelMultipleChoiceField(
        label=_("Staff to register"),
        queryset=Person.objects.none(),
        error_messages={"required": _("Choose at least one person.")},
    )
    mode = forms.ChoiceField(label=_("How will they attend?"), required=False)

    def __init__(self, *args, people, modes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["mode"].choices = [(m, Mode(m).label) for m in modes]

    def clean_people(self):
        people = self.cleaned_data["people"]
        if len(people) > MAX_PEOPLE_PER_SUBMISSION:
            raise forms.ValidationError(
                _("Register at most %(n)d people at a time.") % {"n": MAX_PEOPLE_PER_SUBMISSION}
            )
        return people


class AttendanceForm(forms.Form):
    """One participant present (1) or absent, a no-show (0), on one course day."""

    registration = forms.IntegerField(min_value=1)
    present = forms.TypedChoiceField(
        choices=[("1", _("Present")), ("0", _("Absent"))], coerce=lambda v: v == "1"
    )

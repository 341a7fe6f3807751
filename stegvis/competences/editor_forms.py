"""Forms for maintaining requirements, job titles' basic competence and ladders."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.forms import DateInput
from stegvis.organisations.models import OperatingArea, Unit
from stegvis.people.models import JobTitle, Qualification

from .forms import FrameworkForm
from .models import Item, Requirement, Source


class RequirementForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Competence"), queryset=Item.objects.none())
    applies_to = forms.ChoiceField(label=_("Applies to"), choices=Requirement.AppliesTo.choices)
    area_kind = forms.ChoiceField(
        label=_("Operating area"), required=False, choices=[("", "–"), *OperatingArea.Kind.choices]
    )
    job_title = forms.ModelChoiceField(
        label=_("Job title"), queryset=JobTitle.objects.none(), required=False
    )
    target_unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False
    )
    unit_kind = forms.ChoiceField(
        label=_("Or every unit of the kind"),
        required=False,
        choices=[("", "–"), *Unit.Kind.choices],
    )
    min_count = forms.IntegerField(label=_("At least (people)"), required=False, min_value=1)
    min_share = forms.IntegerField(
        label=_("At least (% of staff)"), required=False, min_value=1, max_value=100
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=Requirement.Reason.choices)
    reason_text = forms.CharField(label=_("Why"), widget=forms.Textarea, required=False)
    criticality = forms.TypedChoiceField(
        label=_("Criticality"), coerce=int, choices=Requirement.Criticality.choices
    )
    source = forms.ModelChoiceField(
        label=_("Source"), queryset=Source.objects.all(), required=False
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, items, job_titles, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["job_title"].queryset = job_titles
        self.fields["target_unit"].queryset = units


class RequirementCreateForm(RequirementForm):
    owner = forms.ChoiceField(label=_("Layer"))
    field_order = ["owner"]

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {FrameworkForm.key(o): o for o in owners}
        self.fields["owner"].choices = [(k, FrameworkForm.label(o)) for k, o in self.owners.items()]

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]


class EndForm(forms.Form):
    last_day = forms.DateField(label=_("Last day"), widget=DateInput(), initial=timezone.localdate)


class TitleForm(forms.Form):
    protected = forms.BooleanField(label=_("Protected title"), required=False)
    tasks = forms.CharField(label=_("Tasks"), widget=forms.Textarea, required=False)
    next_level = forms.ModelChoiceField(
        label=_("Next level"), queryset=JobTitle.objects.none(), required=False
    )

    def __init__(self, *args, job_title, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_level"].queryset = JobTitle.objects.filter(
            region_id=job_title.region_id
        ).exclude(pk=job_title.pk)


class RuleForm(forms.Form):
    group = forms.IntegerField(
        label=_("Group"),
        min_value=1,
        initial=1,
        help_text=_("Rules in the same group are alternatives."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Qualification.Kind.choices)
    code = forms.SlugField(label=_("Qualification code"), max_length=60)
    description = forms.CharField(label=_("Description"), max_length=300)
    min_points = forms.IntegerField(label=_("At least points"), required=False, min_value=1)
    required_from = forms.DateField(label=_("Required from"), widget=DateInput(), required=False)
    transition_if_employed_on = forms.DateField(
        label=_("Transition for permanent staff employed on"), widget=DateInput(), required=False
    )
    transition_until = forms.DateField(
        label=_("Transition until"), widget=DateInput(), required=False
    )
    source = forms.ModelChoiceField(
        label=_("Source"), queryset=Source.objects.all(), required=False
    )


class LadderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    track = forms.CharField(label=_("Track"), max_length=100, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    source = forms.ModelChoiceField(
        label=_("Source"), queryset=Source.objects.all(), required=False
    )


class StepForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    entry_criteria = forms.CharField(
        label=_("Entry criteria"), widget=forms.Textarea, required=False
    )
    package = forms.ModelMultipleChoiceField(
        label=_("Course package"), required=False, queryset=Item.objects.none()
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = items

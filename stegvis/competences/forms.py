"""Forms for the competence model and people's records."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.organisations.forms import DateInput
from stegvis.people.models import Qualification

from .models import CompetenceRecord, Item, KnowledgeForm, LadderStep, Source


class FrameworkForm(forms.Form):
    owner = forms.ChoiceField(label=_("Layer"))
    title = forms.CharField(label=_("Title"), max_length=300)
    code = forms.CharField(label=_("Code"), max_length=100, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    source = forms.ModelChoiceField(
        label=_("Source"), queryset=Source.objects.all(), required=False
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {self.key(o): o for o in owners}
        self.fields["owner"].choices = [(k, self.label(o)) for k, o in self.owners.items()]

    @staticmethod
    def key(owner) -> str:
        return f"{owner._meta.model_name}:{owner.pk}"

    @staticmethod
    def label(owner) -> str:
        return f"{owner._meta.verbose_name.capitalize()}: {owner}"

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]


class ItemForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Under"), queryset=Item.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Item.Kind.choices)
    code = forms.CharField(label=_("Code"), max_length=100, required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    knowledge_form = forms.ChoiceField(
        label=_("Knowledge form"),
        choices=[("", "–"), *KnowledgeForm.choices],
        required=False,
        help_text=_("Knowledge goals only: facts, understanding, skill or familiarity."),
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = framework.items.exclude(kind=Item.Kind.GOAL)


class RecordForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Competence or knowledge goal"), queryset=Item.objects.none()
    )
    kind = forms.ChoiceField(label=_("Evidence"))
    achieved_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        required=False,
        help_text=_("For competence that must be renewed."),
    )
    evidence = forms.CharField(label=_("Evidence details"), max_length=300, required=False)

    def __init__(self, *args, items, self_assessment: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        kinds = (
            [CompetenceRecord.Kind.SELF_ASSESSED]
            if self_assessment
            else [
                k
                for k in CompetenceRecord.EVIDENCE_KINDS
                if k != CompetenceRecord.Kind.SELF_ASSESSED
            ]
        )
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why is the entry withdrawn?"), max_length=300)


class LadderPlacementForm(forms.Form):
    step = forms.ModelChoiceField(label=_("Step"), queryset=LadderStep.objects.none())
    since = forms.DateField(label=_("Since"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps


class PublishForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Valid from"), widget=DateInput(), initial=timezone.localdate
    )


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Qualification.Kind.choices)
    code = forms.ChoiceField(label=_("Qualification"))
    title = forms.CharField(label=_("Name on the document"), max_length=200)
    points = forms.IntegerField(label=_("Points"), required=False, min_value=0)
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    evidence = forms.CharField(label=_("Evidence"), max_length=300, required=False)

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes

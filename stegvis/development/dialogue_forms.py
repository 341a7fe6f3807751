"""Forms of the yearly dialogue: the year's plan, booking, preparation, notes, questions and
retention rules."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from stegvis.courses.editor_forms import DateTimeInput
from stegvis.organisations.forms import DateInput
from stegvis.people.models import Person

from . import questions
from .models import Dialogue, Question, RetentionPolicy
from .models.retention import DocumentType
from .services.retention import HANDLED, MAX_MONTHS


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class PersonChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, person: Person) -> str:
        return person.full_name


class RoundForm(forms.Form):
    uses_group_dialogues = forms.BooleanField(
        label=_("Group dialogues (da GRUS) for the team this year"),
        required=False,
        help_text=_(
            "Without this, everyone gets an individual dialogue. With it, anyone who asks still "
            "gets an individual dialogue."
        ),
    )


class TimeForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    place = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        required=False,
        help_text=_("A room, an address or the link to a video meeting."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The dialogue must end after it starts."))
        return data


class BookForm(TimeForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Dialogue.Kind.choices, widget=forms.RadioSelect
    )
    people = PersonChoices(label=_("Who takes part"), queryset=Person.objects.none())
    field_order = ["kind", "people", "starts_at", "ends_at", "place"]

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff


SLOT_MINUTES = [(30, "30"), (45, "45"), (60, "60"), (75, "75"), (90, "90")]
PAUSE_MINUTES = [(0, "0"), (5, "5"), (10, "10"), (15, "15"), (30, "30")]
SERIES_DAYS = 5


class SeriesForm(forms.Form):
    people = PersonChoices(
        label=_("Who takes part"),
        queryset=Person.objects.none(),
        help_text=_("Dialogues are booked in this order, one after another."),
    )
    day_start = forms.TimeField(
        label=_("First dialogue of the day starts"), widget=TimeInput(), initial="09:00"
    )
    day_end = forms.TimeField(
        label=_("Last dialogue of the day ends by"), widget=TimeInput(), initial="15:00"
    )
    minutes = forms.TypedChoiceField(
        label=_("Length of each dialogue (minutes)"), choices=SLOT_MINUTES, coerce=int, initial=60
    )
    pause = forms.TypedChoiceField(
        label=_("Pause between dialogues (minutes)"), choices=PAUSE_MINUTES, coerce=int, initial=15
    )
    place = forms.CharField(label=_("Place or link"), max_length=300, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff
        for number in range(1, SERIES_DAYS + 1):
            self.fields[f"day_{number}"] = forms.DateField(
                label=_("Day %(number)s") % {"number": number},
                widget=DateInput(),
                required=number == 1,
            )
        self.order_fields(["people", *self.day_names(), "day_start", "day_end"])

    @staticmethod
    def day_names() -> list[str]:
        return [f"day_{number}" for number in range(1, SERIES_DAYS + 1)]

    def days(self) -> list[datetime.date]:
        return [self.cleaned_data[name] for name in self.day_names() if self.cleaned_data[name]]


class NoteForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Read only by the employee and their manager, never by HR."),
    )


class PreparationForm(forms.Form):
    """One answer per question and, per assessment line, a level and a note."""

    def __init__(self, *args, asked, lines, answers, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = asked
        self.lines = lines
        for number, question in enumerate(asked):
            self.fields[f"q_{number}"] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answers.get(question.text, ""),
            )
        for number, line in enumerate(lines):
            stored = assessment.get(line.key, {})
            self.fields[f"level_{number}"] = forms.ChoiceField(
                label=_("Level"),
                choices=[("", _("Not assessed")), *questions.LEVELS],
                required=False,
                initial=stored.get("level", ""),
            )
            self.fields[f"note_{number}"] = forms.CharField(
                label=_("Note"), max_length=500, required=False, initial=stored.get("note", "")
            )

    @property
    def question_fields(self):
        return [self[f"q_{number}"] for number in range(len(self.asked))]

    @property
    def assessment_rows(self):
        return [
            (line, self[f"level_{number}"], self[f"note_{number}"])
            for number, line in enumerate(self.lines)
        ]

    def answers(self) -> dict[str, str]:
        return {
            question.text: self.cleaned_data[f"q_{number}"].strip()
            for number, question in enumerate(self.asked)
        }

    def assessment(self) -> dict[str, dict]:
        return {
            line.key: {
                "label": line.label,
                "reason": line.reason,
                "level": self.cleaned_data[f"level_{number}"],
                "note": self.cleaned_data[f"note_{number}"].strip(),
            }
            for number, line in enumerate(self.lines)
        }


class CopyQuestionsForm(forms.Form):
    title = forms.CharField(label=_("Name of the own set"), max_length=200)


class QuestionSetForm(forms.Form):
    title = forms.CharField(label=_("Name of the set"), max_length=200)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500, required=False)
    help_text = forms.CharField(label=_("Help"), max_length=500, required=False)
    audience = forms.ChoiceField(
        label=_("Who answers"), choices=Question.Audience.choices, initial="both"
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)


QuestionFormSet = forms.formset_factory(QuestionForm, extra=3, can_delete=True, max_num=60)


class RetentionForm(forms.Form):
    """Per document type: how many months to keep, and then what; no months means no rule."""

    def __init__(self, *args, policies: dict[str, RetentionPolicy], **kwargs):
        super().__init__(*args, **kwargs)
        for document_type in HANDLED:
            policy = policies.get(document_type)
            self.fields[f"months_{document_type}"] = forms.IntegerField(
                label=_("Kept for (months)"),
                min_value=1,
                max_value=MAX_MONTHS,
                required=False,
                initial=policy.months if policy else None,
                help_text=_("Leave empty to keep them until someone removes them."),
            )
            self.fields[f"action_{document_type}"] = forms.ChoiceField(
                label=_("Then"),
                choices=RetentionPolicy.Action.choices,
                initial=policy.action if policy else RetentionPolicy.Action.ANONYMISE,
            )

    @property
    def groups(self):
        return [(DocumentType(t).label, self[f"months_{t}"], self[f"action_{t}"]) for t in HANDLED]

    def rules(self) -> list[tuple[str, int | None, str]]:
        return [
            (t, self.cleaned_data[f"months_{t}"], self.cleaned_data[f"action_{t}"]) for t in HANDLED
        ]

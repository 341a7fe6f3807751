"""Forms of the catalogue editor: courses, checklist tasks, materials, offerings, course days."""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from stegvis.competences.forms import FrameworkForm
from stegvis.competences.models import Framework, Item
from stegvis.competences.selectors import Reach, current_frameworks
from stegvis.organisations.models import Municipality, OperatingArea, Region
from stegvis.people.models import JobTitle, Person
from stegvis.people.phases import Phase

from .models import ChecklistTask, Offering
from .models.catalogue import Language
from .services.owners import goal_items_for, leader_candidates, people_of_owner

UPLOAD_TYPES = ["pdf", "docx", "doc", "pptx", "ppt", "xlsx", "odt", "odp", "txt", "png", "jpg"]
UPLOAD_MAX_MB = 25
LEADERS_SHOWN = 200


def _check_size(file) -> None:
    if file and getattr(file, "size", 0) > UPLOAD_MAX_MB * 1024 * 1024:
        raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": UPLOAD_MAX_MB})


def upload_field(label):
    return forms.FileField(
        label=label,
        required=False,
        validators=[FileExtensionValidator(UPLOAD_TYPES), _check_size],
        help_text=format_lazy(_("PDF, Office or image files up to {mb} MB."), mb=UPLOAD_MAX_MB),
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def moment_field(label, **kwargs):
    return forms.DateTimeField(label=label, widget=DateTimeInput(), **kwargs)


def checkboxes(label, *, help_text="", queryset=None, choices=()):
    widget = forms.CheckboxSelectMultiple(attrs={"class": "choice-list"})
    if queryset is not None:
        return forms.ModelMultipleChoiceField(
            label=label, queryset=queryset, widget=widget, required=False, help_text=help_text
        )
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=widget, required=False, help_text=help_text
    )


def owner_choices(owners) -> dict:
    return {FrameworkForm.key(o): o for o in owners}


class OwnedForm(forms.Form):
    """A form whose owner (region or municipality) is chosen on create and fixed on edit.

    Course leaders are offered from the course-leader role holders of the owners, plus
    anyone of the owner's own region or municipality found by email.
    """

    owner = forms.ChoiceField(label=_("Organiser"))
    leaders = checkboxes(_("Course leaders"), queryset=Person.objects.none())
    leader_email = forms.EmailField(
        label=_("Add a course leader by email"),
        required=False,
        help_text=_("Anyone who works in the organiser's region or municipality."),
    )

    def __init__(self, *args, owners, fixed_owner=None, current_leaders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_owner = fixed_owner
        self.owners = [fixed_owner] if fixed_owner else list(owners)
        if fixed_owner:
            del self.fields["owner"]
        else:
            self.owner_map = owner_choices(self.owners)
            self.fields["owner"].choices = [
                (key, FrameworkForm.label(o)) for key, o in self.owner_map.items()
            ]
        shown = leader_candidates(self.owners).order_by("last_name", "first_name")[:LEADERS_SHOWN]
        ids = {p.pk for p in shown} | {p.pk for p in current_leaders}
        leaders = self.fields["leaders"]
        leaders.queryset = (
            Person.objects.filter(pk__in=ids)
            .select_related("municipality")
            .order_by("last_name", "first_name")
        )
        leaders.label_from_instance = lambda p: (
            f"{p.full_name} ({p.municipality})" if p.municipality_id else p.full_name
        )

    @property
    def owners_regions(self) -> set[int]:
        return {o.pk if isinstance(o, Region) else o.region_id for o in self.owners}

    def clean_owner(self):
        return self.owner_map[self.cleaned_data["owner"]]

    def chosen_owner(self):
        return self.fixed_owner or self.cleaned_data.get("owner")

    def clean(self):
        data = super().clean()
        email, owner = data.get("leader_email"), self.chosen_owner()
        if email and owner is not None:
            found = list(people_of_owner(owner).filter(email__iexact=email)[:2])
            if len(found) != 1:
                self.add_error(
                    "leader_email",
                    _("Nobody with that email works for %(owner)s.") % {"owner": owner}
                    if not found
                    else _("More than one person has that email; choose from the list."),
                )
            else:
                data["leaders"] = [*data.get("leaders", []), found[0]]
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("leader_email", None)
        data.pop("owner", None)
        return data


class CourseForm(OwnedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    area_kinds = checkboxes(
        _("Operating areas"),
        choices=OperatingArea.Kind.choices,
        help_text=_("None ticked means every operating area."),
    )
    phases = checkboxes(
        _("Experience phases"),
        choices=Phase.choices,
        help_text=_("None ticked means every phase."),
    )
    target_titles = checkboxes(_("Target job titles"), queryset=JobTitle.objects.none())
    goals = checkboxes(
        _("Knowledge goals"),
        queryset=Item.objects.none(),
        help_text=_("From the published competence frameworks; the knowledge form is shown."),
    )
    for_managers = forms.BooleanField(label=_("Made for managers"), required=False)
    archived = forms.BooleanField(
        label=_("Archived"), required=False, help_text=_("Archived courses take no new offerings.")
    )
    field_order = [
        *("owner", "title", "description", "language", "area_kinds", "phases"),
        *("target_titles", "goals", "leaders", "leader_email", "for_managers", "archived"),
    ]

    def __init__(self, *args, current_goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            self.fields["owner"].label = _("Catalogue")
        regions = self.owners_regions
        self.fields["target_titles"].queryset = JobTitle.objects.filter(
            region_id__in=regions
        ).order_by("name")
        reach = Reach(
            region_ids=frozenset(regions),
            municipality_ids=frozenset(o.pk for o in self.owners if isinstance(o, Municipality)),
        )
        newest = current_frameworks(Framework.objects.filter(reach.layer_q()))
        goals = self.fields["goals"]
        goals.queryset = goal_items_for(reach).filter(
            Q(framework__in=newest) | Q(pk__in=[g.pk for g in current_goals])
        )
        groups: dict = {}
        for item in goals.queryset:
            form = f" – {item.get_knowledge_form_display()}" if item.knowledge_form else ""
            groups.setdefault(str(item.framework), []).append((item.pk, f"{item}{form}"))
        goals.choices = list(groups.items())


class TaskForm(forms.Form):
    part = forms.ChoiceField(label=_("Part"), choices=ChecklistTask.Part.choices)
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0)
    kind = forms.ChoiceField(label=_("Type"), choices=ChecklistTask.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    instructions = forms.CharField(label=_("Instructions"), widget=forms.Textarea, required=False)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = upload_field(_("File"))
    why = forms.CharField(label=_("Why it matters"), widget=forms.Textarea, required=False)
    minutes = forms.IntegerField(
        label=_("Estimated time (minutes)"), min_value=1, max_value=6000, initial=30
    )
    goals = checkboxes(_("Knowledge goals"), queryset=Item.objects.none())

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = course.goals.order_by("position", "id")
        self.fields["file"].widget = forms.ClearableFileInput()


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = upload_field(_("File"))
    link = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("link"):
            raise forms.ValidationError(_("Upload a file or give a link."))
        return data


EVENT_KINDS = [(k, label) for k, label in Offering.Kind.choices if k != Offering.Kind.COURSE]


class OfferingForm(OwnedForm):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EVENT_KINDS)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Empty means the course's title."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    follows = forms.ModelChoiceField(
        label=_("Follow-up of the theme day"), queryset=Offering.objects.none(), required=False
    )
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Offering.Attendance.choices)
    seats_on_site = forms.IntegerField(label=_("Seats on site"), min_value=0, required=False)
    seats_digital = forms.IntegerField(
        label=_("Digital places"), min_value=0, required=False, help_text=_("Empty means no limit.")
    )
    opens_at = moment_field(_("Registration opens"))
    closes_at = moment_field(_("Registration deadline"))
    cancel_by = moment_field(_("Cancellation deadline"))
    min_participants = forms.IntegerField(
        label=_("Minimum participants"), min_value=0, required=False
    )
    promotion = forms.ChoiceField(
        label=_("When a seat is freed"), choices=Offering.Promotion.choices
    )
    offer_hours = forms.IntegerField(
        label=_("Hours to answer an offered seat"), min_value=1, max_value=720, initial=48
    )
    audience = forms.CharField(label=_("Target audience"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    field_order = [
        *("owner", "kind", "title", "description", "follows", "attendance", "seats_on_site"),
        *("seats_digital", "opens_at", "closes_at", "cancel_by", "min_participants"),
        *("promotion", "offer_hours", "audience", "language", "leaders", "leader_email"),
    ]

    def __init__(self, *args, choose_kind=False, theme_days=None, is_course=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_kind:
            del self.fields["kind"]
        if theme_days is None:
            del self.fields["follows"]
        else:
            self.fields["follows"].queryset = theme_days
            self.fields["follows"].help_text = _("For a follow-up day only.")
        if not is_course:
            self.fields["title"].help_text = _("Empty means the kind of event.")


class QuotaForm(forms.Form):
    """One seat-quota field per member municipality of a joint regional offering."""

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, prefix="quota", **kwargs)
        self.municipalities = {f"m{m.pk}": m for m in municipalities}
        for name, municipality in self.municipalities.items():
            self.fields[name] = forms.IntegerField(
                label=_("Seats reserved for %(municipality)s") % {"municipality": municipality},
                min_value=0,
                required=False,
            )

    def quotas(self) -> dict:
        return {m: self.cleaned_data.get(name) or 0 for name, m in self.municipalities.items()}


class DayForm(forms.Form):
    starts_at = moment_field(_("Starts"))
    ends_at = moment_field(_("Ends"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    digital_link = forms.URLField(label=_("Digital link"), required=False, assume_scheme="https")


class OverviewFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
    )
    owner = forms.ChoiceField(label=_("Organiser"), required=False)
    q = forms.CharField(label=_("Search by title"), required=False, max_length=100)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_map = owner_choices(owners)
        self.fields["owner"].choices = [("", _("All organisers"))] + [
            (key, FrameworkForm.label(o)) for key, o in self.owner_map.items()
        ]

    def clean_owner(self):
        return self.owner_map.get(self.cleaned_data.get("owner") or "")

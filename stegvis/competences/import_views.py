"""Import a framework from a Moodle CSV or a CASE package (preview first, then all or nothing),
and export any visible framework version in either format."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability

from . import selectors
from .forms import FrameworkForm
from .interop.exporting import FORMATS, export_response
from .interop.importing import framework_import, parse_file, preview_import
from .models import Framework

SESSION_KEY = "stegvis_framework_import"
MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("moodle", gettext_lazy("Moodle competency framework (CSV)")),
            ("case", gettext_lazy("IMS CASE 1.1 package (JSON)")),
        ],
    )
    owner = forms.ChoiceField(label=gettext_lazy("Layer"))
    into = forms.ModelChoiceField(
        label=gettext_lazy("As a new version of"),
        queryset=Framework.objects.none(),
        required=False,
        help_text=gettext_lazy("Leave empty to import a new framework."),
    )

    def __init__(self, *args, owners, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {FrameworkForm.key(o): o for o in owners}
        self.fields["owner"].choices = [(k, FrameworkForm.label(o)) for k, o in self.owners.items()]
        self.fields["into"].queryset = frameworks

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _maintained_frameworks(actor):
    ids = [
        f.pk
        for f in selectors.current_frameworks(selectors.frameworks_visible_to(actor))
        if selectors.maintainable(actor, f.owner)
    ]
    return Framework.objects.filter(pk__in=ids).order_by("title")


@capability_required(Capability.MAINTAIN_MODEL)
def framework_import_view(request):
    owners = selectors.owners_maintainable_by(request.user)
    if request.method == "POST" and request.POST.get("token"):
        return _apply(request, owners)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        owners=owners,
        frameworks=_maintained_frameworks(request.user),
    )
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        plan = parse_file(
            data, format=form.cleaned_data["format"], file_name=form.cleaned_data["file"].name
        )
        preview = preview_import(plan, into=form.cleaned_data["into"])
        context["preview"] = preview
        if preview.ok:
            token = uuid.uuid4().hex
            default_storage.save(f"framework-imports/{token}", ContentFile(data))
            request.session[SESSION_KEY] = {
                "token": token,
                "format": form.cleaned_data["format"],
                "file_name": form.cleaned_data["file"].name,
                "owner": request.POST["owner"],
                "into": form.cleaned_data["into"].pk if form.cleaned_data["into"] else None,
            }
            context["token"] = token
    return render(request, "competences/import.html", context)


def _apply(request, owners):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["token"] != request.POST["token"]:
        raise Http404
    owner = {FrameworkForm.key(o): o for o in owners}.get(pending["owner"])
    into = (
        _maintained_frameworks(request.user).filter(pk=pending["into"]).first()
        if pending["into"]
        else None
    )
    if owner is None or (pending["into"] and into is None):
        raise Http404
    path = f"framework-imports/{pending['token']}"
    with default_storage.open(path, "rb") as stored:
        data = stored.read()
    plan = parse_file(data, format=pending["format"], file_name=pending["file_name"])
    try:
        framework = framework_import(actor=request.user, plan=plan, owner=owner, into=into)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competences:framework_import")
    finally:
        default_storage.delete(path)
        request.session.pop(SESSION_KEY, None)
    messages.success(request, _("The framework was imported as a draft. Check it and publish it."))
    return redirect(framework)


@login_required
def framework_export(request, pk: int, format: str):
    if format not in FORMATS:
        raise Http404
    framework = selectors.get_framework_for(request.user, pk)
    return export_response(
        framework, format=format, base_url=request.build_absolute_uri("/").rstrip("/")
    )

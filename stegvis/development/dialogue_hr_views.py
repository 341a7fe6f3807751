"""HR's pages of the yearly dialogue: the municipality's preparation questions and how long
notes and preparations are kept.

HR reaches the municipalities it holds for reading development plans; a manager (who reads
plans of a unit only) or anyone else gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stegvis.core.http import add_validation_errors
from stegvis.organisations.models import Municipality
from stegvis.organisations.permissions import capability_required
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for

from . import questions
from .dialogue_forms import CopyQuestionsForm, QuestionFormSet, QuestionSetForm, RetentionForm
from .models import RetentionPolicy, RetentionRun
from .services import preparations as service
from .services import retention as retention_service


def _posted(request):
    """The submitted data of a POST (even when empty, e.g. every box unticked), else None."""
    return request.POST if request.method == "POST" else None


READ = Capability.READ_DEVELOPMENT_PLANS


def _hr_municipality(request) -> tuple[Municipality, list[Municipality]]:
    """The municipality whose rules HR keeps (``?municipality=``), else 404."""
    scope = scope_for(request.user, READ)
    municipalities = list(Municipality.objects.filter(scope.municipalities_q()).order_by("name"))
    if not municipalities:
        raise Http404
    wanted = request.POST.get("municipality") or request.GET.get("municipality")
    chosen = next((m for m in municipalities if str(m.pk) == wanted), municipalities[0])
    return chosen, municipalities


def _back_to(name: str, municipality: Municipality):
    return redirect(f"{reverse(name)}?municipality={municipality.pk}")


@capability_required(READ)
def question_sets(request):
    municipality, municipalities = _hr_municipality(request)
    own = questions.active_set(municipality)
    action = request.POST.get("action")
    copy_form = CopyQuestionsForm(
        request.POST if action == "copy" else None,
        initial={"title": _("Our preparation questions")},
    )
    title_form = QuestionSetForm(
        request.POST if action == "save" else None, initial={"title": own.title if own else ""}
    )
    initial = [
        {"text": q.text, "help_text": q.help_text, "audience": q.audience, "order": q.order}
        for q in (own.questions.all() if own else [])
    ]
    formset = QuestionFormSet(request.POST if action == "save" else None, initial=initial)
    try:
        if action == "copy" and copy_form.is_valid():
            service.question_set_copy_default(
                actor=request.user, municipality=municipality, **copy_form.cleaned_data
            )
            messages.success(request, _("The default questions were copied into an own set."))
            return _back_to("development:questions", municipality)
        if action == "save" and own and title_form.is_valid() and formset.is_valid():
            rows = [f.cleaned_data for f in formset if f.cleaned_data.get("text")]
            rows = [row for row in rows if not row.get("DELETE")]
            service.question_set_save(
                actor=request.user,
                question_set=own,
                title=title_form.cleaned_data["title"],
                rows=rows,
            )
            messages.success(request, _("The questions were saved."))
            return _back_to("development:questions", municipality)
        if action == "retire" and own:
            service.question_set_retire(actor=request.user, question_set=own)
            messages.success(request, _("The default questions are used again."))
            return _back_to("development:questions", municipality)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    context = {
        "municipality": municipality,
        "municipalities": municipalities,
        "own": own,
        "copy_form": copy_form,
        "title_form": title_form,
        "formset": formset,
        "defaults": questions.default_questions(municipality),
    }
    return render(request, "development/dialogues/questions.html", context)


@capability_required(READ)
def retention(request):
    municipality, municipalities = _hr_municipality(request)
    policies = {
        p.document_type: p for p in RetentionPolicy.objects.filter(municipality=municipality)
    }
    form = RetentionForm(_posted(request), policies=policies)
    if request.method == "POST" and form.is_valid():
        try:
            retention_service.policies_save(
                actor=request.user, municipality=municipality, rules=form.rules()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The retention rules were saved."))
            return _back_to("development:retention", municipality)
    context = {
        "municipality": municipality,
        "municipalities": municipalities,
        "form": form,
        "runs": RetentionRun.objects.filter(municipality=municipality)[:10],
    }
    return render(request, "development/dialogues/retention.html", context)

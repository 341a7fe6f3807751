"""Cross-cutting views: language switch, health check, error pages."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .middleware import SESSION_LANGUAGE_KEY
from .signals import language_chosen


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language: cookie for everyone, session and saved preference when signed in."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in {code for code, _name in settings.LANGUAGES} and request.user.is_authenticated:
        request.session[SESSION_LANGUAGE_KEY] = language
        language_chosen.send(sender=set_language, user=request.user, language=language)
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)

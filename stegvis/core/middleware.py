"""Language choice: the person's saved preference, else the language cookie, else Swedish."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

SESSION_LANGUAGE_KEY = "stegvis_language"


class PreferredLanguageMiddleware:
    """Activates the language for the request.

    A signed-in person's saved preference is copied into the session at login and by the
    language switch, so it wins on any device without a query per request. Anonymous visitors
    get the language cookie, else Swedish. The browser's Accept-Language is not used: Stegvis is
    Swedish first (docs/decisions/0003-language-choice.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.session.get(SESSION_LANGUAGE_KEY)
        if language not in self.supported:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = cookie if cookie in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response

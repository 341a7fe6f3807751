"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings


def navigation(request) -> dict:
    """Languages for the switcher; the menu itself comes from ``request.navigation`` if set."""
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "STEGVIS_DEMO": settings.STEGVIS_ENV == "demo",
    }

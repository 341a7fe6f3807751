"""Receivers: the saved language follows a person into every new session."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from stegvis.core.middleware import SESSION_LANGUAGE_KEY
from stegvis.core.signals import language_chosen
from stegvis.people.models import Person
from stegvis.people.services import save_language_preference


@receiver(user_logged_in)
def restore_language(sender, request, user, **kwargs) -> None:
    language = Person.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE_KEY] = language


@receiver(language_chosen)
def remember_language(sender, user, language, **kwargs) -> None:
    save_language_preference(user=user, language=language)

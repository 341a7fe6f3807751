"""Render and send one registration notice (runs in the worker). Placeholder: plain text."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils import translation

from .models import Registration


def send_registration_notice(registration_id: int, notice: str) -> int:
    registration = Registration.objects.select_related("person", "offering").get(pk=registration_id)
    person = registration.person
    if not person.email:
        return 0
    with translation.override(person.preferred_language):
        subject = f"{registration.offering.display_title}: {registration.get_status_display()}"
        body = subject
    return EmailMessage(subject=subject, body=body, to=[person.email]).send()

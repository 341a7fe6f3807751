"""Mail leaves through the background worker, so a slow mail server never slows a page."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task(queue_name="default")
def send_email(
    *, subject: str, body: str, to: list[str], html: str = "", from_email: str | None = None
) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()

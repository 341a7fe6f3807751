"""Background tasks of the course catalogue (run by the database worker)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default")
def send_notice(*, registration_id: int, notice: str) -> int:
    from .notice_mail import send_registration_notice

    return send_registration_notice(registration_id, notice)

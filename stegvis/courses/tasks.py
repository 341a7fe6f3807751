"""Background tasks of the course catalogue (run by the database worker)."""

from __future__ import annotations

from django.tasks import task


@task(queue_name="default")
def send_notice(*, registration_id: int, notice: str) -> int:
    from .notice_mail import send_registration_notice

    return send_registration_notice(registration_id, notice)


@task(queue_name="default")
def expire_offers(*, offering_id: int) -> int:
    """Pass unanswered offers of one offering to the next in line (queued for offered_until)."""
    from .services.registration import expire_offers_of

    return expire_offers_of(offering_id)


@task(queue_name="default")
def tick() -> dict:
    """The periodic run: expire offers, send reminders (same as ``manage.py courses_tick``)."""
    from .reminders import run

    return run().as_dict()

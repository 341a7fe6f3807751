"""The private calendar subscription: one secret address per person."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.people.models import Person

from ..models import CalendarFeed


def calendar_feed_of(person: Person) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person).first()


@transaction.atomic
def calendar_feed_renew(*, actor, person: Person) -> CalendarFeed:
    """Give ``person`` a calendar address, or a new one: the old address stops working at once."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    feed, created = CalendarFeed.objects.get_or_create(person=person)
    if not created:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
    log_action(
        "courses.calendar_feed.created" if created else "courses.calendar_feed.renewed",
        actor=actor,
        target=person,
        message=(
            gettext_noop("Calendar subscription address created")
            if created
            else gettext_noop("Calendar subscription address replaced; the old one stopped working")
        ),
        data={"feed": feed.pk},
    )
    return feed

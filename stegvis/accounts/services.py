"""Logins for people: a person from HR data gets an account when they need one."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.people.models import Person

from .models import User
from .tasks import send_email


@transaction.atomic
def person_grant_login(*, actor, person: Person, base_url: str) -> User:
    """Create an account for ``person`` and mail them a link to choose a password."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id:
        raise ValidationError(_("This person already has a login."))
    if not person.email:
        raise ValidationError(_("The person needs an email address to get a login."))
    if User.objects.filter(email__iexact=person.email).exists():
        raise ValidationError(_("Another account already uses this email address."))
    user = User.objects.create_user(
        email=person.email, password=None, display_name=person.full_name
    )
    person.user = user
    person.save(update_fields=["user"])
    log_action(
        "accounts.login.granted",
        actor=actor,
        target=person,
        message=gettext_noop("Login created for %(email)s"),
        data={"email": user.email, "user_id": user.pk},
    )
    link = base_url.rstrip("/") + reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    with translation.override(person.preferred_language):
        subject = _("Your Stegvis login")
        body = render_to_string("accounts/email/invitation.txt", {"person": person, "link": link})
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[user.email]))
    return user

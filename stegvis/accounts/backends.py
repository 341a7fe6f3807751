"""The authentication backend: allauth's, with the signed-in account read by a written-out
statement (``core.raw``) on every request instead of an ORM ``get``."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model

from stegvis.core.raw import get_by


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        """The active account with this id, or ``None``, as Django's ``ModelBackend``."""
        model = get_user_model()
        user = get_by(model, model._meta.pk.name, user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user

"""Administrators and HR officers must use a second factor before anything else."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from stegvis.organisations.roles import SECOND_FACTOR_ROLES
from stegvis.organisations.scope import assigned_roles

# Pages a user without a second factor may still reach: setting one up, logging out, language.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz")


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(assigned_roles(user) & SECOND_FACTOR_ROLES)


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireSecondFactorMiddleware:
    """Sends an administrator or HR officer without TOTP to set it up; nothing else is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and needs_second_factor(user)
            and not has_second_factor(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

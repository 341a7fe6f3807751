"""``manage.py demo_totp EMAIL``: the current TOTP code of a demo login (demo and test only)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the current six-digit TOTP code of a demo login (STEGVIS_ENV demo or test only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if getattr(settings, "STEGVIS_ENV", "") not in {"demo", "test"}:
            raise CommandError("demo_totp runs only with STEGVIS_ENV=demo or test.")
        from allauth.mfa import app_settings
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
        from allauth.mfa.utils import decrypt

        authenticator = Authenticator.objects.filter(
            user__email__iexact=email.strip(), type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no TOTP authenticator.")
        secret = decrypt(authenticator.data["secret"])
        now = int(time.time())
        counter = now // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
        remaining = app_settings.TOTP_PERIOD - now % app_settings.TOTP_PERIOD
        self.stderr.write(f"valid for {remaining} more seconds")

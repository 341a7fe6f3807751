"""Print the demo logins (used by `make run` after the database is ready)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stegvis.accounts.models import User
from stegvis.demo.generate import DEFAULT_PASSWORD, DEMO_TOTP_SECRET, LOGINS, SECOND_FACTOR_LOGINS


class Command(BaseCommand):
    help = "Print the demo logins and how to get a TOTP code for the ones that need it."

    def handle(self, *args, **options):
        if settings.STEGVIS_ENV not in {"demo", "test"}:
            raise CommandError("Demo logins exist only in the demo profile.")
        present = set(
            User.objects.filter(email__in=[e for _l, e in LOGINS]).values_list("email", flat=True)
        )
        width = max(len(label) for label, _email in LOGINS)
        self.stdout.write(f"Demo logins (password: {DEFAULT_PASSWORD}):")
        for label, email in LOGINS:
            if email not in present:
                continue
            mark = "  *" if email in SECOND_FACTOR_LOGINS else ""
            self.stdout.write(f"  {label.ljust(width)}  {email}{mark}")
        self.stdout.write(
            "  * also asks for a TOTP code: run `make totp EMAIL=<email>` in another terminal,\n"
            f"    or add the demo secret {DEMO_TOTP_SECRET} to an authenticator app."
        )

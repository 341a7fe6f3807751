"""manage.py scim_token CODE --name NAME: register an identity system and print its token."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from stegvis.organisations.models import Municipality
from stegvis.people.models import JobTitle
from stegvis.provisioning.tokens import client_create


class Command(BaseCommand):
    help = "Create a SCIM bearer token for a municipality. The token is shown only once."

    def add_arguments(self, parser):
        parser.add_argument("municipality_code")
        parser.add_argument("--name", required=True, help="e.g. 'Entra ID'")
        parser.add_argument(
            "--default-title", default="", help="Job title code used when no title is sent"
        )

    def handle(self, *args, municipality_code, name, default_title, **options):
        municipality = Municipality.objects.filter(code=municipality_code).first()
        if municipality is None:
            raise CommandError(f"No municipality with code {municipality_code}")
        title = None
        if default_title:
            title = JobTitle.objects.filter(region=municipality.region, code=default_title).first()
            if title is None:
                raise CommandError(f"No job title {default_title} in {municipality.region}")
        client, token = client_create(
            actor=None, municipality=municipality, name=name, default_job_title=title
        )
        self.stdout.write(f"Client {client.name} for {municipality} (id {client.pk}).")
        self.stdout.write("Bearer token (shown only now, store it in the identity system):")
        self.stdout.write(token)

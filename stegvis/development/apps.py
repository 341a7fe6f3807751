from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "stegvis.development"
    verbose_name = _("Development dialogues and plans")

    def ready(self):
        # Plan activities follow their course registrations as they change.
        from . import signals  # noqa: F401

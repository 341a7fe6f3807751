from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "stegvis.journeys"
    verbose_name = _("Journeys")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationConfig(AppConfig):
    name = "stegvis.station"
    verbose_name = _("Station house")

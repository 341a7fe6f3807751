from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionPlanConfig(AppConfig):
    name = "stegvis.regionplan"
    verbose_name = _("Regional competence plan")

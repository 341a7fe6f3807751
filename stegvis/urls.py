"""Top-level URL configuration."""

from django.urls import include, path

from stegvis.accounts import views as account_views
from stegvis.core import views as core_views
from stegvis.people import views as people_views

urlpatterns = [
    path("", include("stegvis.portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("organisation/", include("stegvis.organisations.urls")),
    # Merging moves staff (people data), so its view lives in people; the URL is the unit's.
    path("organisation/units/<int:pk>/merge/", people_views.unit_merge, name="unit_merge"),
    path("people/<int:pk>/login/", account_views.grant_login, name="grant_login"),
    path("people/", include("stegvis.people.urls")),
    path("competences/", include("stegvis.competences.urls")),
    path("courses/", include("stegvis.courses.urls")),
    path("journeys/", include("stegvis.journeys.urls")),
    path("station/", include("stegvis.station.urls")),
    path("development/", include("stegvis.development.urls")),
    path("gaps/", include("stegvis.gaps.urls")),
    path("strategy/", include("stegvis.strategy.urls")),
    path("region-plan/", include("stegvis.regionplan.urls")),
    path("funding/", include("stegvis.funding.urls")),
    path("scim/v2/", include("stegvis.provisioning.urls")),
    path("healthz", core_views.healthz, name="healthz"),
]

handler404 = "stegvis.core.views.not_found"
handler403 = "stegvis.core.views.forbidden"

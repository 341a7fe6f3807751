"""URL patterns of the gap analysis (included at /gaps/)."""

from django.urls import path

from . import export_views, lacking_views, statistics_views, views

app_name = "gaps"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("installation/", views.installation, name="installation"),
    path("regions/<int:pk>/", views.region, name="region"),
    path("municipalities/<int:pk>/", views.municipality, name="municipality"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("units/<int:pk>/lacking/", lacking_views.unit_lacking_view, name="unit_lacking"),
    path(
        "municipalities/<int:pk>/lacking/",
        lacking_views.municipality_lacking_view,
        name="municipality_lacking",
    ),
    path(
        "installation/report.<str:format>",
        export_views.installation_export,
        name="installation_export",
    ),
    path("<str:level>/<int:pk>/report.<str:format>", export_views.export, name="export"),
    path("statistics/", statistics_views.statistics, name="statistics"),
]

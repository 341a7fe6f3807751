"""URL patterns of the funding pages: grants, periods, recording funding, the period report."""

from django.urls import path

from . import funding_views, grant_views, report_views

app_name = "funding"

urlpatterns: list = [
    path("", grant_views.grants, name="grants"),
    path("grants/new/", grant_views.grant_create, name="grant_create"),
    path("grants/<int:pk>/", grant_views.grant, name="grant"),
    path("grants/<int:pk>/edit/", grant_views.grant_edit, name="grant_edit"),
    path("grants/<int:pk>/periods/new/", grant_views.period_add, name="period_add"),
    path("periods/<int:pk>/edit/", grant_views.period_edit, name="period_edit"),
    path("periods/<int:pk>/state/", grant_views.period_state, name="period_state"),
    path("periods/<int:pk>/report/", report_views.report, name="report"),
    path("periods/<int:pk>/report.<str:format>", report_views.report_export, name="report_export"),
    path("offerings/<int:pk>/", funding_views.offering, name="offering"),
    path("people/<int:pk>/", funding_views.person, name="person"),
    path("registrations/<int:pk>/", funding_views.record, name="record"),
    path("fundings/<int:pk>/remove/", funding_views.remove, name="remove"),
]

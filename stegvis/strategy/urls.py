"""URLs of the strategy plans and joint committee records, under /strategy/."""

from django.urls import path

from . import meeting_views, plan_views, views

app_name = "strategy"

urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:pk>/", views.unit_page, name="unit"),
    path("units/<int:unit_pk>/plans/new/", plan_views.plan_start, name="plan_start"),
    path("plans/<int:pk>/", plan_views.plan_page, name="plan"),
    path("plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/adopt/", plan_views.plan_adopt, name="plan_adopt"),
    path("plans/<int:pk>/pdf/", plan_views.plan_pdf, name="plan_pdf"),
    path(
        "units/<int:unit_pk>/meetings/new/",
        meeting_views.meeting_add_unit,
        name="meeting_add_unit",
    ),
    path(
        "municipalities/<int:pk>/meetings/",
        meeting_views.municipality_meetings,
        name="municipality_meetings",
    ),
    path(
        "municipalities/<int:pk>/meetings/new/",
        meeting_views.meeting_add_municipality,
        name="meeting_add_municipality",
    ),
    path("meetings/<int:pk>/", meeting_views.meeting_page, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", meeting_views.meeting_minutes, name="meeting_minutes"),
]

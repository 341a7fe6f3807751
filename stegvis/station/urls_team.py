"""URL patterns: the station house's team pages."""

from django.urls import path

from . import team_views

urlpatterns: list = [
    path("", team_views.index, name="index"),
    path("units/<int:unit_pk>/team/", team_views.team, name="team"),
    path("units/<int:unit_pk>/team/register/", team_views.register_team, name="register_team"),
    path("materials/", team_views.materials, name="materials"),
]

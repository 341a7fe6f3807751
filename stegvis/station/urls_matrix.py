"""URL patterns: the station house's matrix pages."""

from django.urls import path

from . import matrix_views

urlpatterns: list = [
    path("units/<int:unit_pk>/matrix/", matrix_views.matrix, name="matrix"),
    path(
        "units/<int:unit_pk>/matrix.<str:format>",
        matrix_views.matrix_export,
        name="matrix_export",
    ),
]

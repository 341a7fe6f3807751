"""URL patterns: editor pages of the course catalogue."""

from django.urls import path

from . import editor_views, overview_views

urlpatterns: list = [
    path("new/", editor_views.course_create, name="course_create"),
    path("<int:pk>/edit/", editor_views.course_edit, name="course_edit"),
    path("<int:pk>/tasks/new/", editor_views.task_add, name="task_add"),
    path("tasks/<int:pk>/edit/", editor_views.task_edit, name="task_edit"),
    path("<int:pk>/materials/new/", editor_views.material_add, name="material_add"),
    path("offerings/new/", editor_views.offering_create, name="offering_create"),
    path("offerings/<int:pk>/edit/", editor_views.offering_edit, name="offering_edit"),
    path("offerings/<int:pk>/days/new/", editor_views.day_add, name="day_add"),
    path("days/<int:pk>/edit/", editor_views.day_edit, name="day_edit"),
    path("offerings/<int:pk>/decide/", overview_views.decide, name="decide"),
    path("offerings/", overview_views.offerings, name="offerings"),
    path("offerings/<int:pk>/participants/", overview_views.participants, name="participants"),
    path(
        "offerings/<int:pk>/participants.<str:format>",
        overview_views.participants_export,
        name="participants_export",
    ),
]

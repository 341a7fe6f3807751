from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("municipalities/new/", views.municipality_create, name="municipality_create"),
    path("municipalities/<int:pk>/", views.municipality_detail, name="municipality"),
    path(
        "municipalities/<int:municipality_pk>/areas/new/",
        views.operating_area_create,
        name="area_create",
    ),
    path("municipalities/<int:municipality_pk>/units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/move/", views.unit_move, name="unit_move"),
    path("units/<int:pk>/close/", views.unit_close, name="unit_close"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/end/", views.role_end, name="role_end"),
]

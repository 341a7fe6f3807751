from django.urls import path

from . import import_views, views

app_name = "people"
urlpatterns = [
    path("", views.staff, name="staff"),
    path("me/", views.my_profile, name="me"),
    path("new/", views.person_create, name="person_create"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("import/", import_views.import_start, name="import"),
    path("import/<int:pk>/mapping/", import_views.import_mapping, name="import_mapping"),
    path("import/<int:pk>/", import_views.import_report, name="import_report"),
    path("import/<int:pk>/apply/", import_views.import_apply, name="import_apply"),
    path("import/<int:pk>/errors.csv", import_views.import_errors_csv, name="import_errors"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/employments/new/", views.employment_add, name="employment_add"),
    path("employments/<int:pk>/end/", views.employment_end, name="employment_end"),
    path("employments/<int:pk>/move/", views.employment_move, name="employment_move"),
]

"""URL patterns: staff pages of the course catalogue (managers and course leaders)."""

from django.urls import path

from . import leader_views, staff_views

urlpatterns: list = [
    path("offerings/<int:pk>/register-staff/", staff_views.register_staff, name="register_staff"),
    path("registrations/<int:pk>/sign-off/", staff_views.sign_off, name="sign_off"),
    path("leading/", leader_views.leading, name="leading"),
    path("days/<int:pk>/attendance/", leader_views.attendance, name="attendance"),
]

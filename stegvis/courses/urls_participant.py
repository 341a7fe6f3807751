"""URL patterns: the participant's pages of the course catalogue."""

from django.urls import path

from . import registration_views

urlpatterns: list = [
    # The four registration endpoints (registration_views) are the hot path; keep them together.
    path("offerings/<int:pk>/register/", registration_views.register, name="register"),
    path("registrations/<int:pk>/cancel/", registration_views.cancel, name="cancel"),
    path("registrations/<int:pk>/accept/", registration_views.accept, name="accept"),
    path("registrations/<int:pk>/decline/", registration_views.decline, name="decline"),
    # Pages (views, mine_views, transfer) follow below.
]

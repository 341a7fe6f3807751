"""URL patterns: the participant's pages of the course catalogue."""

from django.urls import path

from . import mine_views, registration_views, transfer_views, views

urlpatterns: list = [
    # The four registration endpoints (registration_views) are the hot path; keep them together.
    path("offerings/<int:pk>/register/", registration_views.register, name="register"),
    path("registrations/<int:pk>/cancel/", registration_views.cancel, name="cancel"),
    path("registrations/<int:pk>/accept/", registration_views.accept, name="accept"),
    path("registrations/<int:pk>/decline/", registration_views.decline, name="decline"),
    # Pages (views, mine_views, transfer) follow below.
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.course, name="course"),
    path("offerings/<int:pk>/", views.offering, name="offering"),
    path("mine/", mine_views.mine, name="mine"),
    path("registrations/<int:pk>/", mine_views.registration, name="registration"),
    path("registrations/<int:pk>/tasks/<int:task_pk>/", mine_views.task_tick, name="task_tick"),
    path("registrations/<int:pk>/transfer/", transfer_views.transfer, name="transfer"),
]

"""URL patterns: course days in one's own calendar (subscription feed and invitation files)."""

from django.urls import path

from . import feed_views

urlpatterns: list = [
    path("calendar/", feed_views.calendar, name="calendar"),
    # Public: the secret token in the address is the only key (no login from a calendar app).
    path("calendar/<str:token>.ics", feed_views.calendar_feed, name="calendar_feed"),
    path(
        "registrations/<int:pk>/invitation.ics",
        feed_views.registration_ical,
        name="registration_ical",
    ),
]

"""URL patterns: the yearly dialogues (calling, booking, preparing, notes) and HR's rules."""

from django.urls import path

from . import dialogue_hr_views as hr
from . import dialogue_views as views

urlpatterns: list = [
    path("units/", views.rounds, name="rounds"),
    path("units/<int:unit_pk>/<int:year>/", views.round_page, name="round"),
    path("units/<int:unit_pk>/<int:year>/book/", views.book, name="book"),
    path("units/<int:unit_pk>/<int:year>/series/", views.book_series, name="book_series"),
    path("dialogues/mine/", views.my_dialogues, name="my_dialogues"),
    path("dialogues/<int:pk>/", views.dialogue_page, name="dialogue"),
    path("dialogues/<int:pk>/edit/", views.dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/cancel/", views.dialogue_cancel, name="dialogue_cancel"),
    path("dialogues/<int:pk>/held/", views.dialogue_held, name="dialogue_held"),
    path("dialogues/<int:pk>/notes/", views.note_add, name="note_add"),
    path("dialogues/<int:pk>/prepare/", views.prepare, name="prepare"),
    path(
        "dialogues/<int:pk>/wants-individual/",
        views.wants_individual,
        name="wants_individual",
    ),
    path("dialogues/<int:pk>/invitation.ics", views.dialogue_ical, name="dialogue_ical"),
    path("questions/", hr.question_sets, name="questions"),
    path("retention/", hr.retention, name="retention"),
]

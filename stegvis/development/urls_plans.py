"""URL patterns: development plans, their follow-up and the organisation's follow-up figures."""

from django.urls import path

from . import followup_views, plan_edit_views, plan_views

urlpatterns: list = [
    path(
        "dialogues/<int:dialogue_pk>/people/<int:person_pk>/plan/",
        plan_views.plan_create,
        name="plan_create",
    ),
    path("plans/<int:pk>/", plan_views.plan_page, name="plan"),
    path("plans/<int:pk>/plan.pdf", plan_views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/approve/", plan_views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/follow-up/", plan_views.plan_follow_up, name="plan_follow_up"),
    path("plans/<int:pk>/edit/", plan_edit_views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/goals/add/", plan_edit_views.goal_add, name="goal_add"),
    path("plans/goals/<int:pk>/edit/", plan_edit_views.goal_edit, name="goal_edit"),
    path("plans/goals/<int:pk>/delete/", plan_edit_views.goal_delete, name="goal_delete"),
    path("plans/goals/<int:pk>/outcome/", plan_edit_views.goal_outcome, name="goal_outcome"),
    path(
        "plans/goals/<int:pk>/activities/add/",
        plan_edit_views.activity_add,
        name="activity_add",
    ),
    path("plans/activities/<int:pk>/edit/", plan_edit_views.activity_edit, name="activity_edit"),
    path(
        "plans/activities/<int:pk>/delete/",
        plan_edit_views.activity_delete,
        name="activity_delete",
    ),
    path(
        "plans/activities/<int:pk>/register/",
        plan_edit_views.activity_register,
        name="activity_register",
    ),
    path(
        "plans/activities/<int:pk>/status/",
        plan_edit_views.activity_status,
        name="activity_status",
    ),
    path("my-plans/", plan_views.my_plans, name="my_plans"),
    path("people/<int:pk>/plans/", plan_views.person_plans, name="person_plans"),
    path("follow-up/", followup_views.followup, name="followup"),
]

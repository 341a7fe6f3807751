from django.urls import path

from . import views

app_name = "regionplan"

urlpatterns = [
    path("", views.plans, name="plans"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan, name="plan"),
    path("<int:pk>/courses/<int:course_pk>/", views.plan_course, name="plan_course"),
    path("<int:pk>/proposals/new/", views.proposal_add, name="proposal_add"),
    path("<int:pk>/confirm/", views.plan_confirm, name="plan_confirm"),
    path("proposals/<int:pk>/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/delete/", views.proposal_delete, name="proposal_delete"),
]

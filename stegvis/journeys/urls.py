from django.urls import path

from . import views

app_name = "journeys"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.journey, name="journey"),
]

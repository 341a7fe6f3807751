"""SCIM 2.0 URLs, included at /scim/v2/ by stegvis.urls."""

from django.urls import path, re_path

from . import views

app_name = "scim"

urlpatterns = [
    path("ServiceProviderConfig", views.service_provider_config, name="service_provider_config"),
    path("ResourceTypes", views.resource_types, name="resource_types"),
    path("ResourceTypes/<str:pk>", views.resource_types, name="resource_type"),
    path("Schemas", views.schemas_view, name="schemas"),
    path("Schemas/<str:pk>", views.schemas_view, name="schema"),
    path("Users", views.users, name="users"),
    path("Users/.search", views.users_search, name="users_search"),
    path(".search", views.users_search, name="search"),
    path("Users/<str:pk>", views.user, name="user"),
    # Anything else under /scim/v2/ answers a SCIM 404 Error body, not the HTML error page.
    re_path(r"^.*$", views.not_found, name="not_found"),
]

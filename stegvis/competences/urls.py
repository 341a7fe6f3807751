from django.urls import path

from . import editor_views, import_views, profile_views, views

app_name = "competences"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("frameworks/new/", views.framework_create, name="framework_create"),
    path("frameworks/import/", import_views.framework_import_view, name="framework_import"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework"),
    path(
        "frameworks/<int:pk>/export/<str:format>/",
        import_views.framework_export,
        name="framework_export",
    ),
    path("frameworks/<int:pk>/items/new/", views.item_add, name="item_add"),
    path(
        "frameworks/<int:pk>/new-version/",
        views.framework_new_version,
        name="framework_new_version",
    ),
    path("frameworks/<int:pk>/publish/", views.framework_publish, name="framework_publish"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("titles/", views.titles, name="titles"),
    path("ladders/<int:pk>/", views.ladder_detail, name="ladder"),
    path("requirements/", views.requirements, name="requirements"),
    path("requirements/new/", editor_views.requirement_create, name="requirement_create"),
    path(
        "requirements/<int:pk>/revise/", editor_views.requirement_revise, name="requirement_revise"
    ),
    path("requirements/<int:pk>/end/", editor_views.requirement_end, name="requirement_end"),
    path("titles/<int:pk>/edit/", editor_views.title_edit, name="title_edit"),
    path("titles/<int:pk>/rules/new/", editor_views.rule_add, name="rule_add"),
    path("rules/<int:pk>/remove/", editor_views.rule_remove, name="rule_remove"),
    path("ladders/new/", editor_views.ladder_create, name="ladder_create"),
    path("ladders/<int:ladder_pk>/steps/new/", editor_views.step_save, name="step_add"),
    path("ladders/<int:ladder_pk>/steps/<int:pk>/edit/", editor_views.step_save, name="step_edit"),
    path("me/", profile_views.my_profile, name="me"),
    path("people/<int:pk>/", profile_views.profile, name="profile"),
    path("people/<int:pk>/records/new/", profile_views.record_add, name="record_add"),
    path("people/<int:pk>/ladder/", profile_views.ladder_place, name="ladder_place"),
    path(
        "people/<int:pk>/qualifications/new/",
        profile_views.qualification_add,
        name="qualification_add",
    ),
    path("records/<int:pk>/confirm/", profile_views.record_confirm, name="record_confirm"),
    path("records/<int:pk>/withdraw/", profile_views.record_withdraw, name="record_withdraw"),
]

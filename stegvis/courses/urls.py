"""URLs of the course catalogue; each group of pages keeps its own list."""

from . import urls_editor, urls_feed, urls_participant, urls_staff

app_name = "courses"

urlpatterns = [
    *urls_participant.urlpatterns,
    *urls_staff.urlpatterns,
    *urls_editor.urlpatterns,
    *urls_feed.urlpatterns,
]

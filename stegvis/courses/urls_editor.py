"""URL patterns: editor pages of the course catalogue."""

urlpatterns: list = []

"""URL patterns: feed pages of the course catalogue."""

urlpatterns: list = []

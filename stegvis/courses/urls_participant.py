"""URL patterns: participant pages of the course catalogue."""

urlpatterns: list = []

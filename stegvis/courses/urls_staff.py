"""URL patterns: staff pages of the course catalogue."""

urlpatterns: list = []

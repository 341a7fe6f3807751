"""URL patterns: the station house's matrix pages."""

urlpatterns: list = []

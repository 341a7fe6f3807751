"""URL patterns: the station house's team pages."""

urlpatterns: list = []

"""URL patterns: plans."""

urlpatterns: list = []

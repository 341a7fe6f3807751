"""URL patterns: dialogues."""

urlpatterns: list = []

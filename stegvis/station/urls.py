"""The station house (sv stationshuset): the manager's view of the whole team."""

from . import urls_matrix, urls_team

app_name = "station"

urlpatterns = [*urls_team.urlpatterns, *urls_matrix.urlpatterns]

"""Development dialogues and plans."""

from . import urls_dialogues, urls_plans

app_name = "development"

urlpatterns = [*urls_dialogues.urlpatterns, *urls_plans.urlpatterns]

app_name = "regionplan"

urlpatterns: list = []

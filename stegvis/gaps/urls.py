app_name = "gaps"

urlpatterns: list = []

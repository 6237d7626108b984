"""press pages of the public site."""

app_name = "press"

urlpatterns: list = []

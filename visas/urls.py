"""visas pages of the public site."""

app_name = "visas"

urlpatterns: list = []

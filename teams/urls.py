"""The forum team's pages of the public site, under /<lang>/."""

app_name = "teams"

urlpatterns: list = []

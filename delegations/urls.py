"""delegations pages of the public site."""

app_name = "delegations"

urlpatterns: list = []

"""The reports library: published editions by series and year, with downloads."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.library, name="library"),
]

"""The WIC International Organization's member directory, with its figures by continent and country."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
]

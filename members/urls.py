"""The WIC International Organization's pages: directory, bodies, the application to join and the applicant's page."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/bodies/<slug:slug>/", views.body, name="body"),
    path("members/apply/", views.apply, name="apply"),
    path("members/apply/thanks/", views.applied, name="applied"),
    path("members/application/<str:application_token>/", views.application, name="application"),
]

"""press pages of the public site, under /<lang>/."""

from django.urls import path

from . import views

app_name = "press"

urlpatterns = [
    path("summits/<int:year>/press/accreditation/", views.apply, name="apply"),
    path("summits/<int:year>/press/accreditation/thanks/", views.applied, name="applied"),
]

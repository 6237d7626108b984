"""The site's front: the current edition, the archive of every edition, one edition's overview."""

from django.urls import path

from . import views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("summits/", views.archive, name="archive"),
    path("summits/<int:year>/", views.edition, name="edition"),
]

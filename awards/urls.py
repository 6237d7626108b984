"""Award programmes and their laureates, and the competition, of one edition."""

from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("summits/<int:year>/awards/", views.programmes, name="programmes"),
    path("summits/<int:year>/awards/<slug:slug>/", views.programme, name="programme"),
    path("summits/<int:year>/competition/", views.competition, name="competition"),
]

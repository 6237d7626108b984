"""Award programmes and their laureates, and the competition, of one edition."""

from django.urls import path

from . import jury_views, nomination_views, views

app_name = "awards"

urlpatterns = [
    path("summits/<int:year>/awards/", views.programmes, name="programmes"),
    path("summits/<int:year>/awards/<slug:slug>/", views.programme, name="programme"),
    path("summits/<int:year>/competition/", views.competition, name="competition"),
    # The public call for nominations (for a competition: entries with their team).
    path("summits/<int:year>/awards/<slug:slug>/nominate/", nomination_views.nominate, name="nominate"),
    path("summits/<int:year>/awards/<slug:slug>/nominate/thanks/", nomination_views.nominated, name="nominated"),
    # Jurors' own pages: their assignments, their scores, and the ranking once a round closes.
    path("jury/", jury_views.assignments, name="jury"),
    path("jury/rounds/<int:round_id>/", jury_views.round_page, name="jury-round"),
    path("jury/rounds/<int:round_id>/entries/<int:nomination_id>/", jury_views.review, name="jury-review"),
    path("jury/rounds/<int:round_id>/entries/<int:nomination_id>/conflict/", jury_views.conflict,
         name="jury-conflict"),
    path("jury/documents/<int:document_id>/", jury_views.document, name="jury-document"),
]

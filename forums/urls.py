"""The programme's pages: the agenda (and its print view), forums, sessions and speakers."""

from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("summits/<int:year>/agenda/", views.agenda, name="agenda"),
    path("summits/<int:year>/agenda/print/", views.agenda_print, name="agenda-print"),
    path("summits/<int:year>/forums/<slug:slug>/", views.forum, name="forum"),
    path("summits/<int:year>/sessions/<int:pk>/", views.session, name="session"),
    path("speakers/<slug:slug>/", views.speaker, name="speaker"),
]

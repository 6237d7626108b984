"""The programme's pages: the agenda (and its print view), forums, sessions and speakers; the speaker portal."""

from django.urls import path

from . import portal_views, views

app_name = "forums"

urlpatterns = [
    path("summits/<int:year>/agenda/", views.agenda, name="agenda"),
    path("summits/<int:year>/agenda/print/", views.agenda_print, name="agenda-print"),
    path("summits/<int:year>/forums/<slug:slug>/", views.forum, name="forum"),
    path("summits/<int:year>/sessions/<int:pk>/", views.session, name="session"),
    path("speakers/<slug:slug>/", views.speaker, name="speaker"),
    # The speaker portal: a speaker's signed link for one edition (forums/speaker_links.py).
    path("summits/<int:year>/speaker-portal/<str:speaker_token>/", portal_views.portal, name="speaker-portal"),
    path("summits/<int:year>/speaker-portal/<str:speaker_token>/sessions/<int:pk>/", portal_views.portal_session,
         name="speaker-portal-session"),
    path("summits/<int:year>/speaker-portal/<str:speaker_token>/profile/", portal_views.portal_profile,
         name="speaker-portal-profile"),
    path("summits/<int:year>/speaker-portal/<str:speaker_token>/travel/", portal_views.portal_travel,
         name="speaker-portal-travel"),
]

"""The forum team's pages of the public site, under /<lang>/team/: after the site's sign-in, a team member's
forums and each one's working copy."""

from django.urls import path

from . import speaker_views, views

app_name = "teams"

FORUM = "team/forums/<int:forum_id>/"
SESSION = FORUM + "sessions/<slug:key>/"

urlpatterns = [
    path("team/", views.home, name="home"),
    path(FORUM, views.forum_page, name="forum"),
    path(FORUM + "description/", views.description, name="description"),
    path(FORUM + "submit/", views.submit, name="submit"),
    path(FORUM + "speakers/invite/", speaker_views.invite, name="speakers-invite"),
    path(FORUM + "speakers/remind/", speaker_views.remind, name="speakers-remind"),
    path(FORUM + "sessions/new/", views.session_page, name="session-new"),
    path(SESSION, views.session_page, name="session"),
    path(SESSION + "delete/", views.session_delete, name="session-delete"),
    path(SESSION + "speakers/new/", views.placement_page, name="speaker-new"),
    path(SESSION + "speakers/<slug:speaker_key>/", views.placement_page, name="speaker"),
    path(SESSION + "speakers/<slug:speaker_key>/delete/", views.placement_delete, name="speaker-delete"),
]

"""Guests' pages of one edition, under /<lang>/summits/<year>/."""

from django.urls import path

from . import views

app_name = "guests"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/thanks/", views.registered, name="registered"),
    path("privacy/", views.privacy, name="privacy"),
    path("check-in/", views.check_in, name="checkin"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("invitation/<str:token>/decline/", views.invitation_decline, name="invitation_decline"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/verify/", views.verify, name="verify"),
    path("registration/<str:token>/forums/", views.change_forums, name="forums"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registration/<str:token>/badge.png", views.badge_png, name="badge_png"),
    path("registration/<str:token>/badge.pdf", views.badge_pdf, name="badge_pdf"),
    path("registration/<str:token>/agenda.ics", views.agenda_ics, name="agenda_ics"),
]

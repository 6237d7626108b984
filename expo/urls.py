"""The Light of the Internet Expo of one edition: the exhibitor directory, exhibits, the online cloud hall, the
application form and the exhibitor's own pages behind its signed link."""

from django.urls import path

from . import views

app_name = "expo"

urlpatterns = [
    path("summits/<int:year>/expo/", views.expo, name="expo"),
    path("summits/<int:year>/expo/online/", views.online_hall, name="online-hall"),
    path("summits/<int:year>/expo/exhibitors/<slug:slug>/", views.exhibitor, name="exhibitor"),
    path("summits/<int:year>/expo/exhibitors/<slug:exhibitor>/<slug:slug>/", views.exhibit, name="exhibit"),
    path("summits/<int:year>/expo/apply/", views.apply, name="apply"),
    path("summits/<int:year>/expo/apply/thank-you/", views.applied, name="applied"),
    # The exhibitor's signed link: its contact keeps the exhibits up to date without an account.
    path("expo/manage/<str:exhibitor_token>/", views.manage, name="manage"),
    path("expo/manage/<str:exhibitor_token>/exhibits/new/", views.manage_exhibit_new, name="manage-exhibit-new"),
    path("expo/manage/<str:exhibitor_token>/exhibits/<int:pk>/", views.manage_exhibit, name="manage-exhibit"),
]

"""The Light of the Internet Expo of one edition: the exhibitor directory, exhibits and the online cloud hall."""

from django.urls import path

from . import views

app_name = "expo"

urlpatterns = [
    path("summits/<int:year>/expo/", views.expo, name="expo"),
    path("summits/<int:year>/expo/online/", views.online_hall, name="online-hall"),
    path("summits/<int:year>/expo/exhibitors/<slug:slug>/", views.exhibitor, name="exhibitor"),
    path("summits/<int:year>/expo/exhibitors/<slug:exhibitor>/<slug:slug>/", views.exhibit, name="exhibit"),
]

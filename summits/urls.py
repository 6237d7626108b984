from django.urls import path

from . import views

app_name = "summits"

urlpatterns = [
    path("", views.home, name="home"),
]

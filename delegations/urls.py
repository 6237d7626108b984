"""Delegations' pages of the public site, under /<lang>/: the focal point's and each member's, by signed link."""

from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("summits/<int:year>/delegation/<str:delegation_token>/", views.focal_point, name="focal-point"),
    path("summits/<int:year>/delegation-member/<str:member_token>/", views.member, name="member"),
]

"""The reports library, its Atom feed, and the readers' subscription to new reports."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.library, name="library"),
    path("reports/feed/", views.feed, name="feed"),
    path("reports/subscribe/", views.subscribe, name="subscribe"),
    path("reports/subscribe/thank-you/", views.subscribed, name="subscribed"),
    path("reports/subscriptions/confirm/<str:subscription_token>/", views.confirm_subscription,
         name="confirm-subscription"),
    path("reports/subscriptions/unsubscribe/<str:subscription_token>/", views.unsubscribe, name="unsubscribe"),
]

"""The REST API (/api/v1/): one router over every app's read-only endpoints, the schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from awards.api.views import AwardProgrammeViewSet, LaureateViewSet
from core.api import auth_schema  # noqa: F401 - registers the API key with drf-spectacular
from core.api.errors import api_not_found
from expo.api.views import ExhibitorViewSet, ExhibitViewSet
from forums.api.rooms import RoomViewSet
from forums.api.views import ForumViewSet, SessionViewSet, SpeakerViewSet
from members.api.views import MemberViewSet
from reports.api.views import ReportViewSet
from summits.api.views import SummitViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("summits", SummitViewSet, basename="summit")
router.register("forums", ForumViewSet, basename="forum")
router.register("sessions", SessionViewSet, basename="session")
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("rooms", RoomViewSet, basename="room")
router.register("award-programmes", AwardProgrammeViewSet, basename="award-programme")
router.register("laureates", LaureateViewSet, basename="laureate")
router.register("exhibitors", ExhibitorViewSet, basename="exhibitor")
router.register("exhibits", ExhibitViewSet, basename="exhibit")
router.register("members", MemberViewSet, basename="member")
router.register("reports", ReportViewSet, basename="report")

app_name = "api"
urlpatterns = [
    # The schema and its docs are public documents: no key is read (a revoked one must not hide them).
    path("schema/", SpectacularAPIView.as_view(authentication_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema", authentication_classes=[]), name="docs"),
    *router.urls,
]
# Anything else under /api/v1/ is a JSON 404, in DEBUG too (Django's technical 404 page is HTML).
urlpatterns.append(re_path(r"^.*$", api_not_found))

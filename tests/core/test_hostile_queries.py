"""Hostile query strings never make a 500: every filter of the API, the public pages' filters and the admin's
search, given a NUL byte (PostgreSQL refuses it in a text parameter), markup, a quote, a huge value, a bad date."""

import pytest
from django.urls import reverse

from tests.factories.expo import ExpoFactory
from tests.factories.forums import ForumFactory
from wic.api_urls import router

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = ["\x00", "a\x00b", "<script>alert(1)</script>", "'; --", "%", "9" * 40, "x" * 3000, "-1",
                  "2024-13-45T25:61", "\r\nX-Injected: 1", "１２３"]
# Query parameters the API reads itself, besides each viewset's filterset.
API_PARAMETERS = ["lang", "cursor", "expand", "updated_since", "summit", "page", "ordering", "search", "format"]


def _api_parameters(viewset) -> list[str]:
    filterset = getattr(viewset, "filterset_class", None)
    fields = list(filterset.base_filters) if filterset else list(getattr(viewset, "filterset_fields", []))
    return sorted({*fields, *API_PARAMETERS})


API_ENDPOINTS = [(prefix, parameter) for prefix, viewset, _basename in router.registry
                 for parameter in _api_parameters(viewset)]


@pytest.fixture
def some_content():
    forum = ForumFactory()  # a published summit, forum and expo of 2024, so the lists have rows to filter
    ExpoFactory(summit=forum.summit)


@pytest.mark.parametrize(("prefix", "parameter"), API_ENDPOINTS)
def test_api_filters_answer_hostile_values_without_a_500(client, some_content, prefix, parameter):
    answers = {value: client.get(f"/api/v1/{prefix}/", {parameter: value}).status_code for value in HOSTILE_VALUES}

    assert {value: status for value, status in answers.items() if status >= 500} == {}


@pytest.mark.parametrize("path", [
    "/en/summits/2024/agenda/", "/en/members/", "/en/reports/", "/en/summits/2024/expo/",
    "/summits/2024/schedule.ics", "/summits/2024/schedule.json",
])
@pytest.mark.parametrize("parameter", ["q", "day", "theme", "forum", "language", "room", "continent", "year",
                                       "category", "lang", "page"])
def test_public_page_filters_answer_hostile_values_without_a_500(client, some_content, path, parameter):
    assert client.get(path).status_code == 200
    answers = {value: client.get(path, {parameter: value}).status_code for value in HOSTILE_VALUES}

    assert {value: status for value, status in answers.items() if status >= 500} == {}


@pytest.mark.parametrize("changelist", [
    "admin:guests_registration_changelist", "admin:guests_guest_changelist", "admin:forums_forum_changelist",
    "admin:awards_nomination_changelist", "admin:expo_exhibitor_changelist", "admin:members_organization_changelist",
    "admin:core_outgoingemail_changelist", "admin:reports_reportedition_changelist",
])
def test_admin_search_answers_hostile_values_without_a_500(admin_client, changelist):
    answers = {value: admin_client.get(reverse(changelist), {"q": value}).status_code for value in HOSTILE_VALUES}

    assert {value: status for value, status in answers.items() if status >= 500} == {}

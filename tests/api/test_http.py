"""HTTP done right: ETag, Last-Modified, 304, Cache-Control, CORS, JSON errors."""

import pytest
from django.utils.http import http_date

from tests.factories.forums import SessionFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/summits/", "/api/v1/forums/", "/api/v1/sessions/", "/api/v1/speakers/", "/api/v1/rooms/",
             "/api/v1/award-programmes/", "/api/v1/laureates/", "/api/v1/exhibitors/", "/api/v1/exhibits/",
             "/api/v1/members/", "/api/v1/reports/"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_list_has_etag_last_modified_and_answers_304(api, url):
    SessionFactory()
    first = api.get(url)

    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"] and "max-age" in first["Cache-Control"]
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_detail_304_then_200_after_a_change(api):
    session = SessionFactory()
    url = f"/api/v1/sessions/{session.pk}/"
    first = api.get(url)

    not_modified = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    session.title = "Moved to the afternoon"
    session.save()
    changed = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert changed.json()["title"] == "Moved to the afternoon"


def test_if_modified_since_older_than_the_last_change_gets_the_body(api):
    SessionFactory()

    response = api.get("/api/v1/sessions/", HTTP_IF_MODIFIED_SINCE=http_date(0))

    assert response.status_code == 200


def test_etag_differs_by_language(api):
    SessionFactory()

    english = api.get("/api/v1/sessions/?lang=en")
    chinese = api.get("/api/v1/sessions/?lang=zh-hans")

    assert english["ETag"] != chinese["ETag"]
    assert "Accept-Language" in english["Vary"]
    assert english["Content-Language"] == "en" and chinese["Content-Language"] == "zh-hans"


def test_cors_lets_any_origin_read_and_preflight(api):
    SessionFactory()

    read = api.get("/api/v1/sessions/", HTTP_ORIGIN="https://city-app.example")
    preflight = api.options("/api/v1/sessions/", HTTP_ORIGIN="https://city-app.example",
                            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key, if-none-match")

    assert read["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_cors_is_not_offered_to_the_admin(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://evil.example")

    assert "Access-Control-Allow-Origin" not in response


def test_writes_are_refused_with_405_json(api):
    session = SessionFactory()

    for method in ("post", "put", "patch", "delete"):
        response = getattr(api, method)(f"/api/v1/sessions/{session.pk}/", {}, format="json")
        assert response.status_code == 405, method
        assert response.json()["code"] == "method_not_allowed"


def test_unknown_address_and_object_are_json_404(api):
    for url in ("/api/v1/nothing-here/", "/api/v1/sessions/424242/", "/api/v1/summits/1999/"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["status"] == 404


def test_invalid_cursor_is_a_client_error_not_a_crash(api):
    SessionFactory()

    for query in ("cursor=garbage", "updated_since=2024-01-01T00:00:00Z&cursor=garbage"):
        response = api.get(f"/api/v1/sessions/?{query}")
        assert 400 <= response.status_code < 500, query


def test_conditional_get_of_a_missing_object_is_still_a_404(api):
    SessionFactory()
    future = "Fri, 01 Jan 2100 00:00:00 GMT"

    assert api.get("/api/v1/sessions/424242/", HTTP_IF_MODIFIED_SINCE=future).status_code == 404
    assert api.get("/api/v1/sessions/?summit=abc", HTTP_IF_MODIFIED_SINCE=future).status_code == 400
    assert api.get("/summits/1999/schedule.json", HTTP_IF_MODIFIED_SINCE=future).status_code == 404


def test_if_none_match_star_is_a_304_for_an_object_that_exists(api):
    session = SessionFactory()

    assert api.get(f"/api/v1/sessions/{session.pk}/", HTTP_IF_NONE_MATCH="*").status_code == 304
    assert api.get("/api/v1/sessions/999999/", HTTP_IF_NONE_MATCH="*").status_code == 404

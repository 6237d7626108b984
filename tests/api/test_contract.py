"""The schema and the validation tell one truth: what the schema calls invalid is a 400 on the field at fault, what it
calls valid is answered, and the bounds it gives are the ones enforced (tests/api/test_schemathesis.py runs
Schemathesis over all of it; these are the classes it found, one by one)."""

import base64
import datetime

import pytest

from tests.factories.expo import ExhibitFactory
from tests.factories.forums import ForumFactory, SessionFactory

pytestmark = pytest.mark.django_db

INVALID = {"status": 400, "code": "invalid", "detail": "The request has invalid parameters; see errors."}


def refused(response) -> dict:
    """The errors of a 400 in the API's error shape."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert {key: body[key] for key in INVALID} == INVALID
    return body["errors"]


def test_schema_types_ids_years_page_size_and_expand_with_the_bounds_the_api_enforces(api):
    paths = api.get("/api/v1/schema/?format=json").json()["paths"]
    sessions, summits = ({parameter["name"]: parameter for parameter in paths[path]["get"]["parameters"]}
                         for path in ("/api/v1/sessions/", "/api/v1/summits/"))

    assert sessions["forum"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert sessions["speaker"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert sessions["speaker"]["description"] == "Speaker id"
    assert sessions["summit"]["schema"] == {"type": "integer", "minimum": 2000, "maximum": 9999}
    assert sessions["summit"]["description"] == "Summit year"
    assert summits["year"]["schema"] == {"type": "integer", "minimum": 2000, "maximum": 9999}
    assert sessions["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    assert "at most 200 (a larger number gives 200)" in sessions["page_size"]["description"]
    assert {key: sessions["expand"][key] for key in ("schema", "style", "explode")} == {
        "schema": {"type": "array", "items": {"type": "string", "enum": ["forum", "room", "speakers"]}},
        "style": "form", "explode": False}
    # django-filter reads an empty filter as no filter, and the schema says so; the API's own parameters do not.
    assert all(sessions[name].get("allowEmptyValue") for name in ("forum", "day", "type", "theme", "summit"))
    assert not any(sessions[name].get("allowEmptyValue") for name in ("page_size", "lang", "updated_since"))
    # What an Accept header other than JSON gets.
    assert "406" in paths["/api/v1/sessions/"]["get"]["responses"]


def test_ids_are_whole_numbers_from_one_or_a_400(api):
    forum = ForumFactory()
    SessionFactory(forum=forum)

    for query in ["forum=58.5", "forum=58.0", "forum=%EF%BC%91%EF%BC%92", "forum=1_0", "forum=%207", "forum=0",
                  "room=-1", "speaker=x"]:
        assert list(refused(api.get(f"/api/v1/sessions/?{query}"))) == [query.split("=")[0]], query
    # forum=58.5 used to answer forum 58.
    assert refused(api.get(f"/api/v1/sessions/?forum={forum.pk}.5")) == {"forum": ["Enter a whole number."]}
    assert len(api.get(f"/api/v1/sessions/?forum={forum.pk}").json()["results"]) == 1


def test_years_are_whole_numbers_within_their_bounds(api):
    for path, query, error in [
        ("summits", "year=0.5", "Enter a whole number."),
        ("summits", "year=1999", "Ensure this value is greater than or equal to 2000."),
        ("reports", "year=2024.0", "Enter a whole number."),
        ("rooms", "summit=24", "Ensure this value is greater than or equal to 2000."),
    ]:
        assert refused(api.get(f"/api/v1/{path}/?{query}")) == {query.split("=")[0]: [error]}, (path, query)


def test_page_size_that_is_no_whole_number_from_one_is_a_400_not_the_default_page(api):
    SessionFactory.create_batch(3)

    for value, error in [("null", "Enter a whole number."), ("", "Enter a whole number."),
                         ("2.5", "Enter a whole number."), ("0", "Ensure this value is greater than or equal to 1.")]:
        for since in ("", "&updated_since=2024-01-01T00:00:00Z"):
            response = api.get(f"/api/v1/sessions/?page_size={value}{since}")
            assert refused(response) == {"page_size": [error]}, (value, since)
    # A larger number than 200 is answered (with 200 at most), as DRF and the schema say.
    assert len(api.get("/api/v1/sessions/?page_size=1000").json()["results"]) == 3
    assert api.get("/api/v1/sessions/?page_size=2").json()["next"] is not None


def _drf_cursor(query: str) -> str:
    return base64.b64encode(query.encode()).decode()


def _change_cursor(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def test_an_invalid_cursor_is_one_400_in_both_lists_and_the_api_s_own_cursors_still_page(api):
    sessions = SessionFactory.create_batch(3)  # ordered by start: a position that is no time must not reach the DB

    for cursor in ["xx", "%C3%A9", _drf_cursor("o=abc"), _drf_cursor("p=garbage"), _drf_cursor("p=2024-13-45")]:
        assert refused(api.get(f"/api/v1/sessions/?cursor={cursor}")) == {"cursor": ["Invalid cursor."]}, cursor
    for cursor in ["xx", _change_cursor(b'["2024-11-20T09:00:00+00:00", 0, "x"]'),
                   _change_cursor(b'["2024-11-20T09:00:00+00:00", 1e400, 1]')]:
        response = api.get(f"/api/v1/sessions/?updated_since=2024-01-01T00:00:00Z&cursor={cursor}")
        assert refused(response) == {"cursor": ["Invalid cursor."]}, cursor
    for query in ("page_size=2", "page_size=2&updated_since=2000-01-01T00:00:00Z"):
        first = api.get(f"/api/v1/sessions/?{query}").json()
        second = api.get(first["next"]).json()
        assert [item["id"] for item in first["results"] + second["results"]] == [s.pk for s in sessions]


def test_expand_takes_exactly_the_listed_names_comma_separated(api):
    SessionFactory()

    assert api.get("/api/v1/sessions/?expand=forum,room").status_code == 200
    assert api.get("/api/v1/sessions/?expand=").status_code == 200
    assert refused(api.get("/api/v1/sessions/?expand=room,%20forum")) == {
        "expand": ["Cannot expand ' forum'; allowed: forum, room, speakers."]}
    assert refused(api.get("/api/v1/sessions/?expand=room,")) == {
        "expand": ["Cannot expand ''; allowed: forum, room, speakers."]}


def test_lang_takes_exactly_the_schemas_values(api):
    for value in ["zh", "ZH-HANS", "en%20", ""]:
        assert list(refused(api.get(f"/api/v1/sessions/?lang={value}"))) == ["lang"], value
    for value in ("en", "zh-hans", "all"):
        assert api.get(f"/api/v1/sessions/?lang={value}").status_code == 200


def test_booleans_are_true_or_false_or_a_400(api):
    ExhibitFactory(shown_online=False)

    assert refused(api.get("/api/v1/exhibits/?shown_online=null")) == {"shown_online": ["Enter true or false."]}
    assert refused(api.get("/api/v1/exhibits/?shown_online=1")) == {"shown_online": ["Enter true or false."]}
    assert api.get("/api/v1/exhibits/?shown_online=true").json()["results"] == []
    assert len(api.get("/api/v1/exhibits/?shown_online=false").json()["results"]) == 1
    assert len(api.get("/api/v1/exhibits/?shown_online=").json()["results"]) == 1


def test_days_are_iso_dates_only(api):
    assert refused(api.get("/api/v1/sessions/?day=11/20/2024")) == {"day": ["Enter a valid date."]}
    assert refused(api.get("/api/v1/forums/?day=2024-1-5")) == {"day": ["Enter a valid date."]}
    assert api.get("/api/v1/sessions/?day=2024-11-20").status_code == 200


def test_updated_since_refuses_what_is_not_an_rfc_3339_date_time(api):
    for value in ["2024-11-20T09:00%2B08:00", "20241120T090000Z", "2024-11-20", "2024-11-20T09:00:00",
                  "2024-02-30T00:00:00Z"]:
        assert list(refused(api.get(f"/api/v1/sessions/?updated_since={value}"))) == ["updated_since"], value


@pytest.mark.parametrize("value", ["2024-11-20t01:00:00z", "2024-11-20T23:30:00%2B22:30", "2024-11-20T01:00:60Z",
                                   "2024-11-20T09:00:00 08:00"])
def test_updated_since_reads_every_rfc_3339_date_time(api, value):
    response = api.get(f"/api/v1/sessions/?updated_since={value}")

    assert response.status_code == 200, response.content
    assert response.json()["sync"]["updated_since"].startswith("2024-11-20T01:0")


def test_updated_since_at_the_edges_of_time_lists_everything_or_nothing(api):
    session = SessionFactory()

    beginning = api.get("/api/v1/sessions/?updated_since=0001-01-01T00:00:00%2B23:00").json()
    end = api.get("/api/v1/sessions/?updated_since=9999-12-31T23:59:59-23:00").json()

    assert [item["id"] for item in beginning["results"]] == [session.pk]
    assert end["results"] == []
    assert beginning["sync"]["updated_since"] == datetime.datetime.min.replace(tzinfo=datetime.UTC).isoformat()

"""The schedule feeds over HTTP: scopes, languages, 404s, and their cost: a fixed number of queries to render,
none at all to serve again, 304s to conditional GETs, and a new render as soon as the programme changes."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.utils.http import http_date, parse_http_date

from core.enums import PublicationStatus
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.factories.summits import SummitFactory
from tests.forums.test_feed_formats import (
    build_programme,
    feed_url,
    ics_events,
    json_errors,
    json_events,
    uid,
    xml_errors,
    xml_events,
)

pytestmark = pytest.mark.django_db

FORMATS = ["json", "xml", "ics"]
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
# Rendering: the summit, the sessions with forum, room and venue, their speakers, their interpretation channels;
# plus the forum or the speaker.
RENDER_QUERIES = {"summit": 4, "forum": 5, "speaker": 5}


def guids_in(format: str, body: bytes) -> set[str]:
    if format == "json":
        return {event["guid"] for event in json_events(json.loads(body))}
    if format == "xml":
        return {event.get("guid") for event in xml_events(body)}
    return {event_uid.split("@")[0] for event_uid in ics_events(body)}


def scope_url(programme, scope: str, format: str, **options) -> str:
    year = programme.summit.year
    if scope == "forum":
        return feed_url(format, year=year, forum=programme.sessions[0].forum.slug, **options)
    if scope == "speaker":
        return feed_url(format, year=year, speaker=programme.host.slug, **options)
    return feed_url(format, year=year, **options)


@pytest.mark.parametrize("format", FORMATS)
def test_feed_answers_with_its_content_type_and_language(client, format):
    build_programme()

    english = client.get(feed_url(format))
    chinese = client.get(feed_url(format, lang="zh-hans"))

    assert (english.status_code, english["Content-Type"], english["Content-Language"]) == (
        200, CONTENT_TYPES[format], "en",
    )
    assert (chinese.status_code, chinese["Content-Type"], chinese["Content-Language"]) == (
        200, CONTENT_TYPES[format], "zh-hans",
    )
    assert "开放数据第0.0讲" in chinese.content.decode() and "开放数据" not in english.content.decode()
    assert english["ETag"] != chinese["ETag"]


def vary(response) -> set[str]:
    return {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}


# Two browsers' languages and a visitor's language cookie: none of them may change a feed.
CLIENT_LANGUAGES = [
    {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"},
    {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.5"},
    {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=zh-hans"},
]


@pytest.mark.parametrize("format", FORMATS)
def test_feed_language_is_its_address_whatever_the_clients_and_its_vary_says_so(client, format):
    build_programme()

    for lang, expected in [("", "en"), ("zh-hans", "zh-hans")]:
        answers = [client.get(feed_url(format, lang=lang), **headers) for headers in CLIENT_LANGUAGES]

        assert len({answer.content for answer in answers}) == 1
        assert {(answer.status_code, answer["ETag"], answer["Content-Language"]) for answer in answers} == {
            (200, answers[0]["ETag"], expected),
        }
        # Only what the bytes and headers depend on: the encoding (gzip) and, for CORS, the Origin.
        assert all(vary(answer) <= {"accept-encoding", "origin"} for answer in answers)


def test_feed_errors_are_english_whatever_the_clients_language_and_do_not_vary_on_it(client):
    build_programme()

    for url in [feed_url("json", year=1999), feed_url("ics", lang="fr"), feed_url("xml", forum="no-such-forum")]:
        answers = [client.get(url, **headers) for headers in CLIENT_LANGUAGES]

        assert len({answer.content for answer in answers}) == 1
        assert {(answer.status_code >= 400, answer["Content-Language"]) for answer in answers} == {(True, "en")}
        assert all("accept-language" not in vary(answer) for answer in answers)


@pytest.mark.parametrize("format", FORMATS)
def test_unknown_language_is_a_400_that_says_which_ones_exist(client, format):
    build_programme()

    response = client.get(feed_url(format, lang="xx"))

    assert response.status_code == 400
    assert response.json() == {
        "status": 400, "code": "invalid", "detail": "Unknown language; use one of: en, zh-hans.",
        "errors": {"lang": ["'xx' is not one of: en, zh-hans."]},
    }


def test_feed_links_and_names_itself_from_the_site_url_whatever_the_host(client, settings):
    settings.SITE_URL = "https://summit.example.org"
    build_programme()

    document = client.get(feed_url("json", lang="zh-hans"), HTTP_HOST="127.0.0.1").json()

    assert document["schedule"]["url"] == "https://summit.example.org/summits/2024/schedule.json?lang=zh-hans"
    assert {event["url"].rsplit("/", 3)[0] for event in json_events(document)} == {
        "https://summit.example.org/zh-hans/summits/2024"
    }
    assert json_errors(document) == []


def _not_found_cases():
    """(url, why) for each feed that must not exist."""
    published = build_programme(year=2024)
    draft_summit = build_programme(year=2025)
    draft_summit.summit.status = PublicationStatus.DRAFT
    draft_summit.summit.save()
    draft_forum = ForumFactory(summit=published.summit, slug="draft-forum", status=PublicationStatus.DRAFT)
    SessionFactory(forum=draft_forum)
    only_in_a_draft = SessionSpeakerFactory(session=SessionFactory(
        forum=published.sessions[0].forum, status=PublicationStatus.DRAFT,
        start=at(2024, 11, 19, 17), end=at(2024, 11, 19, 18),
    )).speaker
    never_speaks = SpeakerFactory()
    return [
        (feed_url("json", year=2023), "no summit that year"),
        (feed_url("json", year=2025), "draft summit"),
        (feed_url("json", year=2025, forum=draft_summit.sessions[0].forum.slug), "forum of a draft summit"),
        (feed_url("json", year=2025, speaker=draft_summit.host.slug), "speaker of a draft summit"),
        (feed_url("json", forum="no-such-forum"), "unknown forum"),
        (feed_url("json", forum="draft-forum"), "draft forum"),
        (feed_url("json", year=2024, forum=draft_summit.sessions[0].forum.slug), "forum of another summit"),
        (feed_url("json", speaker="no-such-speaker"), "unknown speaker"),
        (feed_url("json", speaker=only_in_a_draft.slug), "speaker only in a draft session"),
        (feed_url("json", speaker=never_speaks.slug), "speaker in no session"),
        (feed_url("xml", speaker=draft_summit.host.slug), "speaker of another summit"),
    ]


def test_feeds_of_what_is_not_public_are_404s_in_json(client):
    answers = {why: client.get(url) for url, why in _not_found_cases()}

    assert {why: response.status_code for why, response in answers.items()} == dict.fromkeys(answers, 404)
    assert {response.json()["code"] for response in answers.values()} == {"not_found"}


@pytest.mark.parametrize("format", FORMATS)
def test_forum_feed_has_exactly_the_forums_public_sessions(client, format):
    programme = build_programme(forums=3, sessions_per_forum=2)
    forum = programme.sessions[2].forum
    SessionFactory(forum=forum, status=PublicationStatus.DRAFT, start=at(2024, 11, 19, 17),
                   end=at(2024, 11, 19, 18))

    response = client.get(feed_url(format, forum=forum.slug))

    assert response.status_code == 200
    assert guids_in(format, response.content) == {
        str(session.guid) for session in programme.sessions if session.forum == forum
    }


@pytest.mark.parametrize("format", FORMATS)
def test_speaker_feed_has_exactly_the_speakers_public_sessions_of_that_summit(client, format):
    programme = build_programme(forums=2, sessions_per_forum=2)
    speaker = programme.sessions[1].session_speakers.get(order=1).speaker
    SessionSpeakerFactory(session=programme.sessions[3], speaker=speaker, order=2)
    hidden = SessionFactory(forum=programme.sessions[0].forum, status=PublicationStatus.DRAFT,
                            start=at(2024, 11, 19, 17), end=at(2024, 11, 19, 18))
    SessionSpeakerFactory(session=hidden, speaker=speaker)
    next_year = build_programme(year=2025, forums=1, sessions_per_forum=1)
    SessionSpeakerFactory(session=next_year.sessions[0], speaker=speaker, order=2)

    response = client.get(feed_url(format, speaker=speaker.slug))

    assert response.status_code == 200
    assert guids_in(format, response.content) == {str(programme.sessions[1].guid), str(programme.sessions[3].guid)}


@pytest.mark.parametrize("scope", ["summit", "forum", "speaker"])
def test_scoped_feeds_validate(client, scope):
    programme = build_programme()

    assert json_errors(client.get(scope_url(programme, scope, "json")).json()) == []
    assert xml_errors(client.get(scope_url(programme, scope, "xml")).content) == []


@pytest.mark.parametrize("scope", ["summit", "forum", "speaker"])
@pytest.mark.parametrize("format", FORMATS)
def test_rendering_runs_the_same_few_queries_for_a_summit_five_times_larger(
    client, django_assert_max_num_queries, format, scope
):
    small = build_programme(year=2024, forums=2, sessions_per_forum=2, speakers=2)
    large = build_programme(year=2025, forums=2, sessions_per_forum=10, speakers=2)

    with django_assert_max_num_queries(RENDER_QUERIES[scope]) as small_queries:
        small_response = client.get(scope_url(small, scope, format))
    with django_assert_max_num_queries(RENDER_QUERIES[scope]) as large_queries:
        large_response = client.get(scope_url(large, scope, format))

    sizes = [len(guids_in(format, response.content)) for response in (small_response, large_response)]
    assert sizes == ([4, 20] if scope != "forum" else [2, 10])
    assert len(small_queries) == len(large_queries) == RENDER_QUERIES[scope]


@pytest.mark.parametrize("scope", ["summit", "forum", "speaker"])
@pytest.mark.parametrize("format", FORMATS)
def test_second_request_is_served_from_the_cache_without_a_query(client, django_assert_num_queries, format, scope):
    programme = build_programme()
    url = scope_url(programme, scope, format, lang="zh-hans")
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert (second.status_code, second.content, second["ETag"]) == (200, first.content, first["ETag"])
    assert second["Content-Language"] == "zh-hans"


@pytest.mark.parametrize("format", FORMATS)
def test_conditional_get_with_the_etag_is_a_304_without_a_query(client, django_assert_num_queries, format):
    build_programme()
    first = client.get(feed_url(format))

    with django_assert_num_queries(0):
        again = client.get(feed_url(format), HTTP_IF_NONE_MATCH=first["ETag"])
    other = client.get(feed_url(format), HTTP_IF_NONE_MATCH='"something-else"')

    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    assert other.status_code == 200


def test_conditional_get_with_if_modified_since(client):
    build_programme()
    first = client.get(feed_url("ics"))
    changed_at = parse_http_date(first["Last-Modified"])

    same = client.get(feed_url("ics"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    older = client.get(feed_url("ics"), HTTP_IF_MODIFIED_SINCE=http_date(changed_at - 60))

    assert same.status_code == 304
    assert (older.status_code, older.content) == (200, first.content)


@pytest.mark.parametrize("format", FORMATS)
def test_feed_changes_as_soon_as_a_session_is_edited(client, format):
    programme = build_programme()
    url = feed_url(format, forum=programme.sessions[0].forum.slug)
    first = client.get(url)
    session = programme.sessions[0]
    session.title = "Open data revisited"
    session.save()

    after = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert "Open data revisited" in after.content.decode() and "Open data revisited" not in first.content.decode()


def test_unpublishing_a_forum_takes_its_feed_down_at_once(client):
    programme = build_programme()
    forum = programme.sessions[0].forum
    assert client.get(feed_url("json", forum=forum.slug)).status_code == 200

    forum.status = PublicationStatus.DRAFT
    forum.save()

    assert client.get(feed_url("json", forum=forum.slug)).status_code == 404
    assert str(programme.sessions[0].guid) not in guids_in("json", client.get(feed_url("json")).content)


def test_ics_uids_are_the_session_guids_at_the_site_domain(client):
    programme = build_programme()

    events = ics_events(client.get(feed_url("ics")).content)

    assert set(events) == {uid(session.guid) for session in programme.sessions}


def test_feeds_answer_head_and_refuse_post(client):
    build_programme()

    assert client.head(feed_url("json")).status_code == 200
    assert client.post(feed_url("json")).status_code == 405


def test_published_summit_with_no_session_has_valid_empty_feeds(client):
    SummitFactory(year=2026)

    document = client.get(feed_url("json", year=2026)).json()
    xml = client.get(feed_url("xml", year=2026)).content
    calendar = client.get(feed_url("ics", year=2026))

    assert json_errors(document) == [] and xml_errors(xml) == []
    assert [day["date"] for day in document["schedule"]["conference"]["days"]] == [
        "2026-11-19", "2026-11-20", "2026-11-21",
    ]
    assert (calendar.status_code, ics_events(calendar.content)) == (200, {})


@pytest.mark.django_db
def test_a_post_to_a_feed_is_a_405_not_a_csrf_page():
    response = Client(enforce_csrf_checks=True).post("/summits/2024/schedule.json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"

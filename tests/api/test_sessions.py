"""The sessions endpoint: published only, languages, expansion, filters, ordering, pagination, query counts."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.enums import PublicationStatus
from forums.enums import SessionType
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory
from tests.factories.summits import SummitFactory

from .conftest import all_pages, make_programme

pytestmark = pytest.mark.django_db


def test_sessions_list_only_published_sessions_of_published_forums_and_summits(api):
    public = SessionFactory()
    draft = SessionFactory(status=PublicationStatus.DRAFT)
    in_draft_forum = SessionFactory(forum=ForumFactory(status=PublicationStatus.DRAFT))
    in_draft_summit = SessionFactory(forum=ForumFactory(summit=SummitFactory(year=2025,
                                                                             status=PublicationStatus.DRAFT)))

    ids = [item["id"] for item in all_pages(api, "/api/v1/sessions/")]

    assert ids == [public.pk]
    for hidden in (draft, in_draft_forum, in_draft_summit):
        assert api.get(f"/api/v1/sessions/{hidden.pk}/").status_code == 404


def test_session_detail_in_the_language_asked_for(api):
    session = SessionFactory(title="Opening keynote", title_zh_hans="开幕主旨演讲")

    english = api.get(f"/api/v1/sessions/{session.pk}/").json()
    by_header = api.get(f"/api/v1/sessions/{session.pk}/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").json()
    by_param = api.get(f"/api/v1/sessions/{session.pk}/?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="en").json()
    both = api.get(f"/api/v1/sessions/{session.pk}/?lang=all")

    assert english["title"] == "Opening keynote" and english["translations"] is None
    assert by_header["title"] == "开幕主旨演讲"
    assert by_param["title"] == "开幕主旨演讲"
    assert both.json()["translations"]["zh-hans"]["title"] == "开幕主旨演讲"
    assert both.json()["translations"]["en"]["title"] == "Opening keynote"
    assert both["Content-Language"] == "en, zh-hans"


def test_session_in_chinese_falls_back_to_english_where_untranslated(api):
    session = SessionFactory(title="Only in English", title_zh_hans="")

    assert api.get(f"/api/v1/sessions/{session.pk}/?lang=zh-hans").json()["title"] == "Only in English"


def test_session_expands_speakers_room_and_forum_in_one_request(api):
    session = SessionFactory()
    first = SessionSpeakerFactory(session=session, order=0, speaker=SpeakerFactory(name="Ada Lovelace"))
    SessionSpeakerFactory(session=session, order=1, role="moderator")

    plain = api.get(f"/api/v1/sessions/{session.pk}/").json()
    full = api.get(f"/api/v1/sessions/{session.pk}/?expand=speakers,room,forum").json()

    assert plain["forum"] == session.forum_id and plain["room"] == session.room_id
    assert plain["speakers"][0] == {"id": first.speaker_id, "role": "speaker", "order": 0}
    assert full["forum"]["slug"] == session.forum.slug
    assert full["room"]["name"] == session.room.name
    assert full["speakers"][0]["speaker"]["name"] == "Ada Lovelace"
    assert full["speakers"][1]["role"] == "moderator"


def test_unknown_expansion_is_a_400_naming_the_allowed_ones(api):
    response = api.get("/api/v1/sessions/?expand=guests")

    assert response.status_code == 400
    assert "speakers" in response.json()["errors"]["expand"][0]


def test_sessions_filter_by_day_forum_theme_room_speaker_type_and_language(api):
    forum = ForumFactory()
    keynote = SessionFactory(forum=forum, type=SessionType.KEYNOTE, language="en")
    later = keynote.end
    panel = SessionFactory(forum=forum, type=SessionType.PANEL, start=later, end=later + datetime.timedelta(hours=1),
                           language="zh")
    other_day = ForumFactory(start=forum.start + datetime.timedelta(days=1),
                             end=forum.end + datetime.timedelta(days=1))
    next_day = SessionFactory(forum=other_day)
    speaker = SessionSpeakerFactory(session=panel).speaker

    def ids(query):
        return {item["id"] for item in all_pages(api, f"/api/v1/sessions/?{query}")}

    day = forum.start.astimezone(datetime.timezone(datetime.timedelta(hours=8))).date()
    assert ids(f"day={day}") == {keynote.pk, panel.pk}
    assert ids(f"forum={other_day.pk}") == {next_day.pk}
    assert ids(f"room={next_day.room_id}") == {next_day.pk}
    assert ids(f"speaker={speaker.pk}") == {panel.pk}
    assert ids("type=panel") == {panel.pk}
    assert ids("language=zh") == {panel.pk}
    assert ids("summit=2024") == {keynote.pk, panel.pk, next_day.pk}
    assert ids("summit=2023") == set()


def test_sessions_filter_errors_are_400_with_the_field(api):
    for query, field in [("summit=abc", "summit"), ("day=tomorrow", "day"), ("type=party", "type"),
                         ("forum=99999999999999999999999", "forum"), ("lang=fr", "lang")]:
        response = api.get(f"/api/v1/sessions/?{query}")
        assert response.status_code == 400, query
        assert field in response.json()["errors"], (query, response.json())


def test_cursor_pages_cover_every_session_once_in_a_stable_order(api):
    sessions = make_programme(forum_count=2, sessions_per_forum=7, speakers_per_session=0)

    seen = all_pages(api, "/api/v1/sessions/?page_size=4")

    assert [item["id"] for item in seen] == [s.pk for s in sorted(sessions, key=lambda s: (s.start, s.pk))]


def test_ordering_by_start_descending(api):
    sessions = make_programme(forum_count=1, sessions_per_forum=5, speakers_per_session=0)

    seen = all_pages(api, "/api/v1/sessions/?ordering=-start&page_size=2")

    assert [item["id"] for item in seen] == [s.pk for s in reversed(sessions)]


def test_cursor_page_is_stable_when_a_session_is_added_between_pages(api):
    sessions = make_programme(forum_count=1, sessions_per_forum=6, speakers_per_session=0)
    first = api.get("/api/v1/sessions/?page_size=3").json()
    early = sessions[0].forum
    SessionFactory(forum=early, start=early.start - datetime.timedelta(hours=1), end=early.start)

    second = api.get(first["next"]).json()

    assert [item["id"] for item in second["results"]] == [s.pk for s in sessions[3:]]


def test_pages_by_id_neither_miss_nor_repeat_sessions_moved_while_paging(api):
    sessions = make_programme(forum_count=1, sessions_per_forum=6, speakers_per_session=0)
    first = api.get("/api/v1/sessions/?ordering=id&page_size=3").json()
    # A session of the first page moves to the end of the day, one of the second page before all the others.
    earliest = sessions[0].start - datetime.timedelta(hours=1)
    for session, start in [(sessions[0], sessions[5].end), (sessions[5], earliest)]:
        session.start, session.end = start, start + datetime.timedelta(minutes=30)
        session.save()

    rest = all_pages(api, first["next"])

    assert [item["id"] for item in first["results"] + rest] == [session.pk for session in sessions]


def test_a_session_changed_while_paging_a_change_list_comes_again_on_a_later_page(api):
    since = timezone.now().isoformat().replace("+", "%2B")
    sessions = make_programme(forum_count=1, sessions_per_forum=6, speakers_per_session=0)
    first = api.get(f"/api/v1/sessions/?updated_since={since}&page_size=3").json()
    for session in (sessions[0], sessions[4]):  # one already seen, one not yet
        session.title = "Moved"
        session.save()

    rest = all_pages(api, first["next"])

    assert [item["id"] for item in first["results"]] == [session.pk for session in sessions[:3]]
    assert [(item["id"], item["title"]) for item in rest] == [
        (sessions[3].pk, sessions[3].title), (sessions[5].pk, sessions[5].title), (sessions[0].pk, "Moved"),
        (sessions[4].pk, "Moved")]


@pytest.mark.parametrize("size", [5, 25])
def test_session_list_runs_a_fixed_number_of_queries(api, size, django_assert_max_num_queries):
    make_programme(forum_count=size // 5, sessions_per_forum=5, speakers_per_session=3)
    cache.clear()

    with django_assert_max_num_queries(5):  # the interpretation channels are the fifth
        response = api.get("/api/v1/sessions/?summit=2024&expand=speakers,room,forum&page_size=50")

    assert len(response.json()["results"]) == size


def test_a_second_identical_request_is_served_without_the_database(api, django_assert_num_queries):
    make_programme(forum_count=2, sessions_per_forum=3)
    first = api.get("/api/v1/sessions/?expand=speakers")

    with django_assert_num_queries(0):
        second = api.get("/api/v1/sessions/?expand=speakers")

    assert second.status_code == 200 and second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_an_edit_is_visible_at_once(api):
    session = SessionFactory(title="Before")
    api.get(f"/api/v1/sessions/{session.pk}/")

    session.title = "After"
    session.save()

    assert api.get(f"/api/v1/sessions/{session.pk}/").json()["title"] == "After"


def test_no_guest_data_anywhere_in_the_api(api):
    from tests.factories.guests import RegistrationFactory

    registration = RegistrationFactory()
    body = b"".join(api.get(url).content for url in api.get("/api/v1/").json().values())

    assert registration.guest.email.encode() not in body
    assert registration.guest.full_name.encode() not in body

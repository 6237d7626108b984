"""The programme's public pages: agenda (and print view), forum, session, speaker, and their sitemap entries."""

import datetime
import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.enums import PublicationStatus
from forums.enums import SessionLanguage, SpeakerRole
from tests.factories.forums import (
    ForumFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    ThemeGroupFactory,
    at,
)
from tests.factories.members import OrganizationFactory
from tests.factories.summits import RoomFactory, SummitFactory

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def photo_upload(name: str = "portrait-original.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (300, 400), (11, 79, 138)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def build_programme(session_count: int, *, year: int = 2024) -> dict:
    """An edition with two forums (one in a theme group) sharing ``session_count`` sessions, each with a speaker
    from an organisation and a moderator."""
    summit = SummitFactory(year=year)
    theme = ThemeGroupFactory(summit=summit)
    forums = [ForumFactory(summit=summit, theme_group=theme), ForumFactory(summit=summit)]
    sessions = []
    for index in range(session_count):
        forum = forums[index % 2]
        start = forum.start + datetime.timedelta(minutes=15 * (index // 2))
        session = SessionFactory(forum=forum, start=start, end=start + datetime.timedelta(minutes=10))
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(organization=OrganizationFactory()))
        SessionSpeakerFactory(session=session, role=SpeakerRole.MODERATOR, order=1)
        sessions.append(session)
    return {"summit": summit, "theme": theme, "forums": forums, "sessions": sessions}


@pytest.fixture
def programme():
    return build_programme(3)


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def session_titles(response) -> list[str]:
    return re.findall(r'<h3 class="session-title"><a href="[^"]+">([^<]+)</a>', main_of(response))


# The agenda


def test_agenda_lists_public_sessions_by_day_in_english(client, programme):
    second_day = ForumFactory(summit=programme["summit"], start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 12))
    late = SessionFactory(forum=second_day, title="Closing keynote")
    SessionFactory(forum=programme["forums"][0], title="Draft keynote", status=DRAFT,
                   start=at(2024, 11, 19, 16), end=at(2024, 11, 19, 17))
    response = client.get("/en/summits/2024/agenda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'href="#day-2024-11-19"' in html and 'href="#day-2024-11-20"' in html
    assert '<h2 id="day-2024-11-19">' in html and '<h2 id="day-2024-11-20">' in html
    assert session_titles(response) == [session.title for session in programme["sessions"]] + ["Closing keynote"]
    assert "Draft keynote" not in html
    assert f'href="/en/summits/2024/sessions/{late.pk}/"' in html
    assert f'href="/en/summits/2024/forums/{second_day.slug}/"' in html
    first = programme["sessions"][0]
    speaker = first.session_speakers.get(role=SpeakerRole.SPEAKER).speaker
    assert f'<a href="/en/speakers/{speaker.slug}/">{speaker.name}</a>' in html
    assert '<time datetime="2024-11-19T09:00:00+08:00">09:00</time>' in html
    assert programme["theme"].name in html
    assert "4 sessions" in html
    assert html.count('<li class="session-item">') == 4
    assert 'aria-current="page"' in html and "style=" not in html


def test_agenda_in_chinese_shows_chinese_titles(client, programme):
    response = client.get("/zh-hans/summits/2024/agenda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert programme["sessions"][0].title_zh_hans in html
    assert programme["forums"][0].title_zh_hans in html
    assert programme["theme"].name_zh_hans in html


def test_agenda_offers_filters_from_the_editions_data(client, programme):
    html = client.get("/en/summits/2024/agenda/").content.decode()
    assert '<form class="filters" method="get" id="agenda-filters"' in html
    for name in ("theme", "forum", "room", "language"):
        assert f'<label for="id_{name}">' in html
        assert re.search(rf'<select name="{name}" id="id_{name}">\s*<option value="" selected>All ', html)
    assert f'<option value="{programme["theme"].slug}">' in html
    assert f'<option value="{programme["forums"][1].slug}">' in html
    assert f'<option value="{programme["forums"][0].room.pk}">' in html
    assert '<option value="bilingual">' in html
    assert '<button type="submit"' in html
    assert "Clear filters" not in html


@pytest.fixture
def two_tracks():
    """Two forums that differ in theme, room and language, one session each."""
    summit = SummitFactory(year=2024)
    forums = [
        ForumFactory(summit=summit, theme_group=ThemeGroupFactory(summit=summit), room=RoomFactory()),
        ForumFactory(summit=summit, theme_group=ThemeGroupFactory(summit=summit), room=RoomFactory()),
    ]
    english = SessionFactory(forum=forums[0], title="English track", language=SessionLanguage.ENGLISH)
    chinese = SessionFactory(forum=forums[1], title="Chinese track", language=SessionLanguage.CHINESE, room=None)
    return {"forums": forums, "english": english, "chinese": chinese}


@pytest.mark.parametrize(("name", "value"), [
    ("theme", lambda forum: forum.theme_group.slug),
    ("forum", lambda forum: forum.slug),
    ("room", lambda forum: forum.room.pk),  # the Chinese track has no room of its own: it is in its forum's
    ("language", lambda forum: {"English track": "en", "Chinese track": "zh"}[forum.sessions.get().title]),
])
@pytest.mark.parametrize("track", ["english", "chinese"])
def test_each_agenda_filter_narrows_the_list(client, two_tracks, name, value, track):
    chosen = two_tracks[track]
    other = two_tracks["chinese" if track == "english" else "english"]
    response = client.get("/en/summits/2024/agenda/", {name: value(chosen.forum)})
    assert response.status_code == 200
    assert session_titles(response) == [chosen.title]
    html = response.content.decode()
    assert other.title not in main_of(response).split("</form>")[1]
    assert "1 session<" in html
    assert 'href="/en/summits/2024/agenda/">Clear filters</a>' in html
    assert f'href="/en/summits/2024/agenda/print/?{name}={value(chosen.forum)}"' in html


def test_agenda_filters_combine_and_can_match_nothing(client, two_tracks):
    english = two_tracks["english"]
    response = client.get("/en/summits/2024/agenda/", {"forum": english.forum.slug, "language": "zh"})
    assert response.status_code == 200
    assert session_titles(response) == []
    assert "0 sessions" in response.content.decode()
    assert "No session matches these filters." in response.content.decode()


@pytest.mark.parametrize("query", [
    {"theme": "no-such-theme"}, {"forum": "../etc"}, {"room": "abc"}, {"room": "999999"}, {"language": "fr"},
    {"theme": ["a", "b"]}, {"unrelated": "x"},
])
def test_agenda_ignores_invalid_filter_values(client, two_tracks, query):
    response = client.get("/en/summits/2024/agenda/", query)
    assert response.status_code == 200
    assert sorted(session_titles(response)) == ["Chinese track", "English track"]


def test_agenda_shows_an_invalid_value_as_a_form_error_and_keeps_the_valid_filters(client, two_tracks):
    response = client.get("/en/summits/2024/agenda/", {"room": "abc", "language": "en"})
    html = response.content.decode()
    assert session_titles(response) == ["English track"]
    assert 'aria-invalid="true"' in html and 'class="errorlist"' in html
    assert 'href="/en/summits/2024/agenda/print/?language=en"' in html


def test_agenda_links_to_the_editions_schedule_feeds_in_the_pages_language(client, programme):
    english = client.get("/en/summits/2024/agenda/").content.decode()
    assert 'href="/summits/2024/schedule.ics"' in english
    assert 'href="/summits/2024/schedule.json"' in english
    assert 'href="/summits/2024/schedule.xml"' in english
    chinese = client.get("/zh-hans/summits/2024/agenda/").content.decode()
    assert 'href="/summits/2024/schedule.ics?lang=zh-hans"' in chinese


def test_agenda_of_an_edition_without_sessions_says_so(client):
    SummitFactory(year=2024)
    response = client.get("/en/summits/2024/agenda/")
    assert response.status_code == 200
    assert "has not been published yet" in response.content.decode()


# The print view


def test_agenda_print_view_lists_the_filtered_sessions_in_a_table(client, two_tracks):
    response = client.get("/en/summits/2024/agenda/print/", {"language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<body class="print-view">' in html
    assert "English track" in html and "Chinese track" not in html
    assert "Language: English" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert "Print command" in html
    assert '<form' not in main_of(response) and "<script" not in html
    assert 'href="/en/summits/2024/agenda/?language=en"' in html


def test_agenda_print_view_in_chinese_without_filters(client, programme):
    response = client.get("/zh-hans/summits/2024/agenda/print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert all(session.title_zh_hans in html for session in programme["sessions"])


# Forum, session and speaker pages


def test_forum_page_shows_the_forum_its_sessions_and_speakers(client, programme):
    forum = programme["forums"][0]
    host, co_host = OrganizationFactory(name="Host Org"), OrganizationFactory(name="Co-host Org")
    forum.host = host
    forum.description = "Where governance meets practice."
    forum.save()
    forum.co_hosts.add(co_host)
    draft = SessionFactory(forum=forum, title="Not yet", status=DRAFT, start=at(2024, 11, 19, 16),
                           end=at(2024, 11, 19, 17))
    response = client.get(f"/en/summits/2024/forums/{forum.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{forum.title}</h1>" in html
    assert "Sub-forum" in html and programme["theme"].name in html
    assert "Host Org" in html and "Co-host Org" in html
    assert forum.room.name in html and forum.room.venue.name in html
    assert '<meta property="og:description" content="Where governance meets practice.">' in html
    own = [session.title for session in programme["sessions"] if session.forum == forum]
    assert session_titles(response) == own
    assert draft.title not in html
    for session in programme["sessions"]:
        if session.forum == forum:
            for placement in session.session_speakers.all():
                assert f'href="/en/speakers/{placement.speaker.slug}/"' in html
    assert f'href="/en/summits/2024/agenda/?forum={forum.slug}"' in html
    assert 'href="/en/summits/2024/register/"' in html
    assert f'href="/summits/2024/forums/{forum.slug}/schedule.ics"' in html


def test_forum_page_in_chinese(client, programme):
    forum = programme["forums"][0]
    response = client.get(f"/zh-hans/summits/2024/forums/{forum.slug}/")
    assert response.status_code == 200
    assert f"<h1>{forum.title_zh_hans}</h1>" in response.content.decode()


def test_session_page_shows_the_session_and_its_speakers_with_their_roles(client, programme):
    session = programme["sessions"][0]
    session.description = "Opening words."
    session.save()
    speaker = session.session_speakers.get(role=SpeakerRole.SPEAKER).speaker
    response = client.get(f"/en/summits/2024/sessions/{session.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{session.title}</h1>" in html
    assert "Keynote" in html and "Opening words." in html
    assert "Chinese and English (interpreted)" in html
    assert session.forum.room.name in html
    assert f'href="/en/summits/2024/forums/{session.forum.slug}/"' in html
    assert f'href="/en/speakers/{speaker.slug}/"' in html
    assert "Moderator" in html and "Speaker" in html
    assert speaker.title in html and speaker.organization.name in html
    zh = client.get(f"/zh-hans/summits/2024/sessions/{session.pk}/").content.decode()
    assert f"<h1>{session.title_zh_hans}</h1>" in zh


def test_speaker_page_groups_public_sessions_by_edition_newest_first(client, programme):
    speaker = SpeakerFactory(name="Ada Example", name_zh_hans="艾达", bio="Builds networks.",
                             organization=OrganizationFactory(name="Example Labs"), country="FR")
    SessionSpeakerFactory(speaker=speaker, session=programme["sessions"][0])
    earlier = SessionFactory(forum=ForumFactory(summit=SummitFactory(year=2023)), title="Earlier talk")
    SessionSpeakerFactory(speaker=speaker, session=earlier)
    hidden = SessionFactory(forum=programme["forums"][1], title="Hidden talk", status=DRAFT,
                            start=at(2024, 11, 19, 16), end=at(2024, 11, 19, 17))
    SessionSpeakerFactory(speaker=speaker, session=hidden)
    response = client.get(f"/en/speakers/{speaker.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ada Example</h1>" in html
    assert "Chief Scientist" in html and "Example Labs" in html and "France" in html and "Builds networks." in html
    assert '<meta property="og:type" content="profile">' in html
    assert html.index("2024 WIC Wuzhen Summit</a></h3>") < html.index("2023 WIC Wuzhen Summit</a></h3>")
    assert html.index(programme["sessions"][0].title) < html.index("Earlier talk")
    assert "Hidden talk" not in html
    assert f'href="/en/summits/2023/sessions/{earlier.pk}/"' in html
    assert f'href="/summits/2023/speakers/{speaker.slug}/schedule.ics"' in html
    assert response.context["summit"].year == 2024
    zh = client.get(f"/zh-hans/speakers/{speaker.slug}/").content.decode()
    assert "<h1>艾达</h1>" in zh and "法国" in zh


def test_speaker_photo_is_served_as_a_thumbnail(client, programme):
    speaker = SpeakerFactory(name="Pat Photo", photo=photo_upload())
    SessionSpeakerFactory(speaker=speaker, session=programme["sessions"][0])
    for url in (f"/en/speakers/{speaker.slug}/", f"/en/summits/2024/forums/{programme['forums'][0].slug}/",
                f"/en/summits/2024/sessions/{programme['sessions'][0].pk}/"):
        html = client.get(url).content.decode()
        assert "/media/thumbs/" in html, url
        assert "portrait-original" not in html, url
        assert re.search(r'<img [^>]*src="/media/thumbs/[^"]+\.webp" alt="Pat Photo" width="\d+" height="\d+"', html)
    html = client.get(f"/en/speakers/{speaker.slug}/").content.decode()
    assert re.search(r'<meta property="og:image" content="http://[^"]+/media/thumbs/[^"]+_240x240_crop\.webp">', html)


# Not found


def test_unknown_or_unpublished_pages_are_not_found(client, programme):
    summit = programme["summit"]
    draft_summit = SummitFactory(year=2025, status=DRAFT)
    draft_summit_forum = ForumFactory(summit=draft_summit)
    draft_summit_session = SessionFactory(forum=draft_summit_forum)
    draft_forum = ForumFactory(summit=summit, status=DRAFT)
    session_in_draft_forum = SessionFactory(forum=draft_forum)
    draft_session = SessionFactory(forum=programme["forums"][0], status=DRAFT, start=at(2024, 11, 19, 16),
                                   end=at(2024, 11, 19, 17))
    other_year = SessionFactory(forum=ForumFactory(summit=SummitFactory(year=2023)))
    only_draft = SpeakerFactory()
    SessionSpeakerFactory(speaker=only_draft, session=draft_session)
    SessionSpeakerFactory(speaker=SpeakerFactory(slug="in-draft-summit"), session=draft_summit_session)
    urls = [
        "/en/summits/1999/agenda/", "/en/summits/1999/agenda/print/", "/en/summits/2025/agenda/",
        "/en/summits/2025/agenda/print/", f"/en/summits/2025/forums/{draft_summit_forum.slug}/",
        f"/en/summits/2025/sessions/{draft_summit_session.pk}/", "/en/summits/2024/forums/no-such-forum/",
        f"/en/summits/2024/forums/{draft_forum.slug}/", f"/en/summits/2024/sessions/{session_in_draft_forum.pk}/",
        f"/en/summits/2024/sessions/{draft_session.pk}/", f"/en/summits/2024/sessions/{other_year.pk}/",
        "/en/summits/2024/sessions/999999/", "/en/speakers/no-such-speaker/", f"/en/speakers/{only_draft.slug}/",
        "/en/speakers/in-draft-summit/", f"/zh-hans/speakers/{only_draft.slug}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


# Query counts and the page cache

# Each reads its sessions, their speakers and their interpretation channels with one query each.
PAGE_QUERIES = {"agenda": 4, "agenda-print": 4, "forum": 6, "session": 4}


def page_urls(data: dict) -> dict[str, str]:
    forum, session = data["forums"][0], data["sessions"][0]
    return {
        "agenda": "/en/summits/2024/agenda/?theme=" + data["theme"].slug,
        "agenda-print": "/en/summits/2024/agenda/print/",
        "forum": f"/en/summits/2024/forums/{forum.slug}/",
        "session": f"/en/summits/2024/sessions/{session.pk}/",
    }


@pytest.mark.parametrize("size", [3, 25])
@pytest.mark.parametrize("page", sorted(PAGE_QUERIES))
def test_programme_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries, size, page):
    data = build_programme(size)
    with django_assert_max_num_queries(PAGE_QUERIES[page]):
        response = client.get(page_urls(data)[page])
    assert response.status_code == 200
    html = response.content.decode()
    shown = {"agenda": (size + 1) // 2, "agenda-print": 0, "forum": (size + 1) // 2, "session": 0}[page]
    assert html.count('class="session-item"') == shown
    assert page != "agenda-print" or html.count("<tr>") == size + 1  # a header row per day, then the sessions
    assert "style=" not in html


@pytest.mark.parametrize("size", [3, 25])
def test_speaker_page_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    data = build_programme(size)
    speaker = SpeakerFactory(organization=OrganizationFactory())
    for session in data["sessions"]:
        SessionSpeakerFactory(speaker=speaker, session=session, order=2)
    # The speaker, their sessions, and the expo of the edition the navigation links to (its Expo link).
    with django_assert_max_num_queries(3):
        response = client.get(f"/en/speakers/{speaker.slug}/")
    assert response.content.decode().count('class="session-item"') == size


def test_a_second_request_is_served_from_the_cache_without_queries(client, programme, django_assert_num_queries):
    first = client.get("/en/summits/2024/agenda/")
    with django_assert_num_queries(0):
        second = client.get("/en/summits/2024/agenda/")
    assert second.status_code == 200
    assert second.content == first.content


def test_publishing_a_forum_shows_its_session_on_the_agenda(client, programme):
    draft_forum = ForumFactory(summit=programme["summit"], status=DRAFT)
    waiting = SessionFactory(forum=draft_forum, title="Waiting for its forum")
    assert "Waiting for its forum" not in client.get("/en/summits/2024/agenda/").content.decode()
    draft_forum.status = PublicationStatus.PUBLISHED
    draft_forum.save()
    html = client.get("/en/summits/2024/agenda/").content.decode()
    assert "Waiting for its forum" in html
    assert client.get(f"/en/summits/2024/sessions/{waiting.pk}/").status_code == 200


# Sitemap


def test_sitemap_lists_agendas_forums_sessions_and_speakers_in_both_languages(client, programme, settings):
    settings.SITE_URL = "https://www.example.org"
    draft_forum = ForumFactory(summit=programme["summit"], status=DRAFT)
    forum, session = programme["forums"][0], programme["sessions"][0]
    # Published in its own right, but its forum is a draft: not public, and neither is its only speaker.
    in_draft_forum = SessionFactory(forum=draft_forum)
    behind_draft_forum = SessionSpeakerFactory(session=in_draft_forum).speaker
    # A draft session of a public forum: its only speaker is not public either.
    draft_session = SessionFactory(forum=forum, status=DRAFT, start=at(2024, 11, 19, 16), end=at(2024, 11, 19, 17))
    behind_draft_session = SessionSpeakerFactory(session=draft_session).speaker
    speaker = session.session_speakers.first().speaker
    silent = SpeakerFactory()
    xml = client.get("/sitemap.xml").content.decode()
    for language in ("en", "zh-hans"):
        base = f"https://www.example.org/{language}"
        assert f"<loc>{base}/summits/2024/agenda/</loc>" in xml
        assert f"<loc>{base}/summits/2024/forums/{forum.slug}/</loc>" in xml
        assert f"<loc>{base}/summits/2024/sessions/{session.pk}/</loc>" in xml
        assert f"<loc>{base}/speakers/{speaker.slug}/</loc>" in xml
    hidden = [f"/summits/2024/forums/{draft_forum.slug}/", f"/summits/2024/sessions/{in_draft_forum.pk}/",
              f"/summits/2024/sessions/{draft_session.pk}/", f"/speakers/{behind_draft_forum.slug}/",
              f"/speakers/{behind_draft_session.slug}/", f"/speakers/{silent.slug}/"]
    assert [path for path in hidden if path in xml] == []
    assert [path for path in hidden if client.get(f"/en{path}").status_code != 404] == []


@pytest.mark.parametrize("name", ["agendas", "forums", "sessions", "speakers"])
def test_each_sitemap_reads_its_items_in_one_query(django_assert_num_queries, name):
    from forums.sitemaps import SITEMAPS

    build_programme(5)
    with django_assert_num_queries(1):
        urls = SITEMAPS[name]().get_urls()
    assert urls

"""A session's live stream, recording and interpretation channels on the public pages: shown only with every
speaker's consent, in both languages; the agenda filtered by interpretation language and by live stream."""

import datetime
import html
import re

import pytest

from forums.enums import InterpretationLanguage, SpeakerInvitationStatus
from forums.models import InterpretationChannel
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

STREAM = "https://live.example.com/wic2024/opening/live"
RECORDING = "https://live.example.com/wic2024/opening/recording"


def streamed_session(*, consents=(True, True), title="Opening keynote", **fields):
    """A public session of 2024 with a stream and a recording, and a speaker per value of ``consents`` (their
    consent to both)."""
    session = SessionFactory(title=title, stream_url=STREAM, recording_url=RECORDING, **fields)
    for order, consent in enumerate(consents):
        SessionSpeakerFactory(session=session, order=order, speaker=SpeakerFactory(name=f"Speaker {title} {order}"),
                              consent_streaming=consent, consent_recording=consent)
    return session


def add_channels(session, *languages):
    for channel, language in enumerate(languages, start=2):
        InterpretationChannel.objects.create(session=session, language=language, channel=channel)


def page(client, session, language="en") -> str:
    response = client.get(f"/{language}/summits/2024/sessions/{session.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", markup)))


def test_the_stream_link_shows_once_the_last_speaker_consents(client):
    session = streamed_session(consents=(True, False))
    assert STREAM not in page(client, session) and RECORDING not in page(client, session)

    waiting = session.session_speakers.get(consent_streaming=False)
    waiting.consent_streaming = True
    waiting.save()

    shown = page(client, session)
    assert f'href="{STREAM}"' in shown and ">Watch live<" in shown
    assert RECORDING not in shown  # that speaker consented to streaming, not to recording
    assert "观看直播" in page(client, session, "zh-hans")


def test_a_declined_speaker_does_not_hold_the_links_back_and_a_session_without_speakers_shows_them(client):
    declined = streamed_session(consents=(True, False))
    declined.session_speakers.filter(consent_streaming=False).update(
        invitation_status=SpeakerInvitationStatus.DECLINED)
    alone = streamed_session(consents=(), title="Signing", start=declined.end,
                             end=declined.end + datetime.timedelta(hours=1))

    for session in (declined, alone):
        shown = page(client, session)
        assert f'href="{STREAM}"' in shown and f'href="{RECORDING}"' in shown


def test_interpretation_channels_read_naturally_in_both_languages(client):
    session = streamed_session()
    add_channels(session, InterpretationLanguage.ENGLISH, InterpretationLanguage.RUSSIAN)

    agenda_zh = text_of(client.get("/zh-hans/summits/2024/agenda/").content.decode())
    agenda_en = text_of(client.get("/en/summits/2024/agenda/").content.decode())
    session_zh = text_of(page(client, session, "zh-hans"))
    print_view = text_of(client.get("/en/summits/2024/agenda/print/").content.decode())

    assert "同声传译：英语（2频道）、俄语（3频道）" in agenda_zh
    assert "Simultaneous interpretation: English (channel 2), Russian (channel 3)" in agenda_en
    assert "同声传译英语（2频道）俄语（3频道）" in session_zh  # a list under its heading
    assert "Simultaneous interpretation: English (channel 2), Russian (channel 3)" in print_view


def test_hostile_links_and_titles_stay_text(client):
    title = '<script>alert(1)</script>\u202eevil'
    session = streamed_session(title=title)
    session.stream_url = 'https://live.example.com/?a="><script>x</script>'
    session.save()

    shown = page(client, session)
    assert "<script>alert(1)</script>" not in shown and "<script>x</script>" not in shown
    assert 'href="https://live.example.com/?a=&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in shown


# The agenda's filters


@pytest.fixture
def agenda():
    """2024: a streamed session interpreted into Russian, one waiting for a consent interpreted into French, and
    one with neither."""
    forum = ForumFactory(summit=SummitFactory(year=2024))
    start = forum.start
    streamed = streamed_session(forum=forum, title="Streamed in Russian", start=start,
                                end=start + datetime.timedelta(hours=1))
    add_channels(streamed, InterpretationLanguage.RUSSIAN)
    waiting = streamed_session(forum=forum, consents=(True, False), title="Waiting in French",
                               start=streamed.end, end=streamed.end + datetime.timedelta(hours=1))
    add_channels(waiting, InterpretationLanguage.FRENCH)
    plain = SessionFactory(forum=forum, title="Plain", start=waiting.end,
                           end=waiting.end + datetime.timedelta(hours=1))
    return {"streamed": streamed, "waiting": waiting, "plain": plain, "forum": forum}


def titles(response) -> list[str]:
    return [html.unescape(title) for title in re.findall(r'<h3 class="session-title"><a href="[^"]+">([^<]+)</a>',
                                                          response.content.decode())]


def test_the_agenda_filters_by_interpretation_language_and_live_stream(client, agenda):
    assert titles(client.get("/en/summits/2024/agenda/?interpretation=ru")) == ["Streamed in Russian"]
    assert titles(client.get("/en/summits/2024/agenda/?interpretation=fr")) == ["Waiting in French"]
    assert titles(client.get("/en/summits/2024/agenda/?streamed=true")) == ["Streamed in Russian"]
    assert titles(client.get("/en/summits/2024/agenda/?streamed=true&interpretation=fr")) == []
    slug = agenda["forum"].slug
    assert titles(client.get(f"/en/summits/2024/agenda/?forum={slug}&interpretation=fr")) == ["Waiting in French"]


def test_the_filters_offer_only_what_the_edition_has_and_ignore_the_rest(client, agenda):
    response = client.get("/zh-hans/summits/2024/agenda/?interpretation=xx&streamed=maybe")
    body = response.content.decode()

    assert len(titles(response)) == 3
    options = re.search(r'<select name="interpretation"[^>]*>(.*?)</select>', body, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)"', options) == ["", "fr", "ru"]  # the UN's order: French first
    assert ">俄语<" in options and ">法语<" in options
    assert '<option value="true"' in body and ">有直播<" in body
    assert body.count('class="errorlist') == 2  # both refused values are said so, in Chinese
    assert "全部场次" in body


def test_the_print_view_keeps_and_names_the_new_filters(client, agenda):
    agenda_page = client.get("/en/summits/2024/agenda/?streamed=true&interpretation=ru&utm_source=x").content.decode()
    assert 'href="/en/summits/2024/agenda/print/?interpretation=ru&amp;streamed=true"' in agenda_page

    printed = text_of(client.get("/en/summits/2024/agenda/print/?interpretation=ru&streamed=true").content.decode())
    assert "Interpretation: Russian" in printed and "Live stream: Streamed live" in printed
    assert "Streamed in Russian" in printed and "Waiting in French" not in printed


def test_a_consent_given_shows_at_once_on_the_cached_agenda(client, agenda):
    assert titles(client.get("/en/summits/2024/agenda/?streamed=true")) == ["Streamed in Russian"]

    agenda["waiting"].session_speakers.filter(consent_streaming=False).update(consent_streaming=True)
    missing = agenda["waiting"].session_speakers.order_by("order").last()
    missing.save()  # as the speaker portal or the admin saves it

    assert titles(client.get("/en/summits/2024/agenda/?streamed=true")) == ["Streamed in Russian", "Waiting in French"]


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("url", ["/en/summits/2024/agenda/?streamed=true&interpretation=ru",
                                 "/en/summits/2024/agenda/print/?interpretation=ru", "forum", "session"])
def test_pages_with_streams_and_channels_take_a_fixed_number_of_queries(client, django_assert_max_num_queries,
                                                                         size, url):
    forum = ForumFactory(summit=SummitFactory(year=2024))
    sessions = []
    for index in range(size):
        start = forum.start + datetime.timedelta(minutes=20 * index)
        session = streamed_session(forum=forum, consents=(True, index % 2 == 0), title=f"Talk {index}", start=start,
                                   end=start + datetime.timedelta(minutes=20))
        add_channels(session, InterpretationLanguage.ENGLISH, InterpretationLanguage.RUSSIAN)
        sessions.append(session)
    address = {"forum": f"/en/summits/2024/forums/{forum.slug}/",
               "session": f"/en/summits/2024/sessions/{sessions[0].pk}/"}.get(url, url)
    budget = {"forum": 6}.get(url, 4)  # the forum page also reads the forum and its co-hosts

    with django_assert_max_num_queries(budget):
        response = client.get(address)

    assert response.status_code == 200
    assert response.content.decode().count(f'href="{STREAM}"') == (
        1 if url == "session" else 0 if "print" in url else (size + 1) // 2)

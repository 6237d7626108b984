"""Streams and interpretation in the session's admin: whether each link is shown and whose consent it waits for,
the channels inline (audited, two languages on one channel refused), the list's filters."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from forums.enums import InterpretationLanguage
from forums.models import InterpretationChannel
from tests.admin_forms import errors_of, form_on_page
from tests.factories.forums import SessionFactory, SessionSpeakerFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

STREAM = "https://live.example.com/wic2024/ai/live"


@pytest.fixture
def session():
    """A session with a stream and a recording link: Ada consented to both, Grace to recording only."""
    session = SessionFactory(title="AI and the public good", stream_url=STREAM,
                             recording_url="https://live.example.com/wic2024/ai/recording")
    SessionSpeakerFactory(session=session, order=0, speaker=SpeakerFactory(name="Ada Lovelace"),
                          consent_streaming=True, consent_recording=True)
    SessionSpeakerFactory(session=session, order=1, speaker=SpeakerFactory(name="Grace <b>Hopper</b>"),
                          consent_recording=True)
    return session


def change_url(session) -> str:
    return reverse("admin:forums_session_change", args=[session.pk])


def test_the_session_page_says_whose_consent_the_stream_waits_for_in_both_languages(organizer_client, session):
    english = organizer_client.get(change_url(session), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = organizer_client.get(change_url(session), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "Streams and interpretation" in english
    assert ("Live stream: Hidden: waiting for the consent to live streaming of Grace &lt;b&gt;Hopper&lt;/b&gt;."
            in english)
    assert "Recording: Shown on the site, in the feeds and the API." in english
    assert "直播与同声传译" in chinese
    assert "直播：未公开，等待Grace &lt;b&gt;Hopper&lt;/b&gt;同意直播。" in chinese
    assert "录像回放：已在网站、日程订阅和 API 中公开。" in chinese


def post_channels(organizer_client, session, rows) -> object:
    data = form_on_page(organizer_client.get(change_url(session)), "session_form")
    prefix = "interpretation_channels"
    data[f"{prefix}-TOTAL_FORMS"] = [str(len(rows))]
    for index, (language, channel) in enumerate(rows):
        data[f"{prefix}-{index}-language"] = [language]
        data[f"{prefix}-{index}-channel"] = [str(channel)]
        data[f"{prefix}-{index}-session"] = [str(session.pk)]
    return organizer_client.post(change_url(session), data)


def test_organizer_adds_channels_and_the_change_is_audited(organizer_client, session):
    response = post_channels(organizer_client, session, [("en", 2), ("ru", 3)])

    assert response.status_code == 302, errors_of(response)
    assert list(session.interpretation_channels.values_list("language", "channel")) == [("en", 2), ("ru", 3)]
    entries = AuditEntry.objects.filter(content_type__model="interpretationchannel", actor__isnull=False)
    assert sorted(entry.changes["language"][1] for entry in entries) == ["en", "ru"]


def test_two_languages_on_one_channel_or_one_language_twice_are_refused_and_nothing_is_saved(organizer_client,
                                                                                            session):
    response = post_channels(organizer_client, session, [("en", 2), ("ru", 2)])
    assert response.status_code == 200
    assert errors_of(response) == ["Channel 2 carries English already: give Russian another channel."]

    response = post_channels(organizer_client, session, [("en", 2), ("en", 3)])
    assert response.status_code == 200 and errors_of(response)
    assert not InterpretationChannel.objects.exists()


def test_the_list_filters_by_live_stream_and_interpretation(organizer_client, session):
    shown = SessionFactory(title="Everyone agreed", stream_url=STREAM, start=session.end,
                           end=session.end + (session.end - session.start))
    plain = SessionFactory(title="No stream", start=shown.end, end=shown.end + (session.end - session.start))
    InterpretationChannel.objects.create(session=plain, language=InterpretationLanguage.KOREAN, channel=1)
    url = reverse("admin:forums_session_changelist")

    def listed(query: str) -> set[str]:
        response = organizer_client.get(f"{url}?{query}")
        assert response.status_code == 200
        return {row.title for row in response.context["cl"].result_list}

    assert listed("stream=shown") == {"Everyone agreed"}
    assert listed("stream=waiting") == {"AI and the public good"}
    assert listed("stream=none") == {"No stream"}
    assert listed("interpretation=ko") == {"No stream"}


def test_a_session_without_links_says_so_and_a_new_one_shows_nothing_yet(organizer_client):
    plain = SessionFactory(title="Coffee break")

    existing = organizer_client.get(change_url(plain), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    new = organizer_client.get(reverse("admin:forums_session_add")).content.decode()

    assert "直播：未填写链接。" in existing and "录像回放：未填写链接。" in existing
    assert 'name="interpretation_channels-TOTAL_FORMS"' in new

"""Sessions' stream and recording links and interpretation channels in the API: null unless every speaker
consented; ?interpretation= and ?streamed=; a consent or channel changed reaches partners following
?updated_since= and moves the content clock."""

import datetime
import itertools

import pytest
import time_machine
from django.utils import timezone

from core.versions import content_version
from forums.enums import InterpretationLanguage, SpeakerInvitationStatus
from forums.models import InterpretationChannel, Session
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory

from .conftest import all_pages

pytestmark = pytest.mark.django_db

STREAM = "https://live.example.com/wic2024/panel/live"
RECORDING = "https://live.example.com/wic2024/panel/recording"


def streamed(forum=None, *, consents=(True,), offset=0, **fields) -> Session:
    """A public session with both links and a speaker per item of ``consents``: (streaming, recording) or one
    value for both."""
    forum = forum or ForumFactory()
    start = forum.start + datetime.timedelta(hours=offset)
    session = SessionFactory(forum=forum, start=start, end=start + datetime.timedelta(hours=1),
                             **{"stream_url": STREAM, "recording_url": RECORDING, **fields})
    for order, consent in enumerate(consents):
        streaming, recording = consent if isinstance(consent, tuple) else (consent, consent)
        SessionSpeakerFactory(session=session, order=order, consent_streaming=streaming,
                              consent_recording=recording)
    return session


def item(api, session) -> dict:
    response = api.get(f"/api/v1/sessions/{session.pk}/")
    assert response.status_code == 200
    return response.json()


def test_links_are_null_until_every_speaker_consents(api):
    session = streamed(consents=((True, False), (False, False)))
    assert (item(api, session)["stream_url"], item(api, session)["recording_url"]) == (None, None)

    last = session.session_speakers.get(order=1)
    last.consent_streaming = True
    last.save()
    assert (item(api, session)["stream_url"], item(api, session)["recording_url"]) == (STREAM, None)

    last.invitation_status = SpeakerInvitationStatus.DECLINED  # a declined speaker is not speaking
    last.consent_streaming = False
    last.save()
    first = session.session_speakers.get(order=0)
    first.consent_recording = True
    first.save()
    assert (item(api, session)["stream_url"], item(api, session)["recording_url"]) == (STREAM, RECORDING)


def test_a_session_without_speakers_shows_its_links_and_its_channels_in_order(api):
    session = streamed(consents=())
    InterpretationChannel.objects.create(session=session, language=InterpretationLanguage.RUSSIAN, channel=3)
    InterpretationChannel.objects.create(session=session, language=InterpretationLanguage.ENGLISH, channel=2)

    data = item(api, session)

    assert (data["stream_url"], data["recording_url"]) == (STREAM, RECORDING)
    assert data["interpretation"] == [{"language": "en", "channel": 2}, {"language": "ru", "channel": 3}]


def test_filters_by_interpretation_language_and_live_stream(api):
    forum = ForumFactory()
    shown = streamed(forum, offset=0)
    waiting = streamed(forum, consents=(True, False), offset=1)
    without = streamed(forum, consents=(), offset=2, stream_url="")
    InterpretationChannel.objects.create(session=waiting, language=InterpretationLanguage.ARABIC, channel=1)

    def ids(query):
        return [entry["id"] for entry in all_pages(api, f"/api/v1/sessions/?{query}")]

    assert ids("streamed=true") == [shown.pk]
    assert ids("streamed=false") == [waiting.pk, without.pk]
    assert ids("interpretation=ar") == [waiting.pk]
    assert ids("interpretation=ar&streamed=true") == []
    assert ids("streamed=&interpretation=") == [shown.pk, waiting.pk, without.pk]
    for bad in ("interpretation=klingon", "streamed=perhaps"):
        response = api.get(f"/api/v1/sessions/?{bad}")
        assert response.status_code == 400 and bad.split("=")[0] in response.json()["errors"]


def test_the_filter_and_the_shown_link_follow_one_rule_in_every_case(api):
    """?streamed=true lists exactly the sessions whose stream_url is not null, whatever their speakers say."""
    forum = ForumFactory()
    states = [(True, SpeakerInvitationStatus.ACCEPTED), (False, SpeakerInvitationStatus.ACCEPTED),
              (False, SpeakerInvitationStatus.DECLINED), (True, SpeakerInvitationStatus.DECLINED)]
    offset = 0
    for url in (STREAM, ""):
        for count in range(3):
            for speakers in itertools.product(states, repeat=count):
                session = streamed(forum, consents=(), offset=offset, stream_url=url)
                offset += 1
                for order, (consent, status) in enumerate(speakers):
                    SessionSpeakerFactory(session=session, order=order, consent_streaming=consent,
                                          invitation_status=status)

    listed = all_pages(api, "/api/v1/sessions/?page_size=100")
    filtered = {entry["id"] for entry in all_pages(api, "/api/v1/sessions/?streamed=true&page_size=100")}

    assert len(listed) == 2 * (1 + 4 + 16)
    assert filtered == {entry["id"] for entry in listed if entry["stream_url"]}
    assert len(filtered) == 1 + 3 + 9  # no speaker, or every one consented or declined


def changed_ids(api, since) -> list[int]:
    stamp = since.isoformat().replace("+", "%2B")
    return [entry["id"] for entry in all_pages(api, f"/api/v1/sessions/?updated_since={stamp}")]


def later(minutes: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=True)


def test_a_consent_change_moves_changed_at_and_the_content_clock(api):
    session, other = streamed(consents=(True, False)), streamed(offset=2)
    with later(1):
        since, version = timezone.now(), content_version()
        placement = session.session_speakers.get(order=1)
        placement.consent_streaming = placement.consent_recording = True
        placement.save()

        assert changed_ids(api, since) == [session.pk]
        assert content_version().token != version.token
        assert item(api, session)["stream_url"] == STREAM
        assert other.pk not in changed_ids(api, since)


@pytest.mark.parametrize("change", ["add", "renumber", "remove"])
def test_a_channel_change_moves_changed_at_and_the_content_clock(api, change):
    session = streamed()
    channel = InterpretationChannel.objects.create(session=session, language=InterpretationLanguage.FRENCH,
                                                   channel=1)
    with later(1):
        since, version = timezone.now(), content_version()
        if change == "add":
            InterpretationChannel.objects.create(session=session, language=InterpretationLanguage.SPANISH,
                                                 channel=2)
        elif change == "renumber":
            channel.channel = 5
            channel.save()
        else:
            channel.delete()

        assert changed_ids(api, since) == [session.pk]
        assert content_version().token != version.token
        expected = {"add": [("fr", 1), ("es", 2)], "renumber": [("fr", 5)], "remove": []}[change]
        assert [(entry["language"], entry["channel"]) for entry in item(api, session)["interpretation"]] == expected


def test_a_channel_moved_to_another_session_touches_the_one_it_left(api):
    left, joined = streamed(), streamed(offset=2)
    channel = InterpretationChannel.objects.create(session=left, language=InterpretationLanguage.GERMAN, channel=1)
    with later(1):
        since = timezone.now()
        channel.session = joined
        channel.save()

        assert changed_ids(api, since) == [left.pk, joined.pk] or changed_ids(api, since) == [joined.pk, left.pk]

"""The schedule feeds' streaming and recording fields: c3voc's do_not_record and do_not_stream from the speakers'
consent, the links only when shown; still valid against c3voc's schema and XSD, also through their converter."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from lxml import etree

from forums.enums import InterpretationLanguage
from forums.models import InterpretationChannel
from tests.forums import test_feed_formats as formats
from tests.forums.test_feed_demo import c3voc_json2xml

pytestmark = pytest.mark.django_db

STREAM = "https://live.example.com/wic2024/talk/live"
RECORDING = "https://live.example.com/wic2024/talk/recording"


@pytest.fixture
def programme():
    """Two sessions with both links: the first with every consent, the second with its host's consent to
    recording only; interpretation into English and Russian in the first."""
    programme = formats.build_programme(forums=1, sessions_per_forum=2, speakers=1)
    first, second = programme.sessions
    for session in programme.sessions:
        session.stream_url, session.recording_url = STREAM, RECORDING
        session.save()
    for placement in first.session_speakers.all():
        placement.consent_streaming = placement.consent_recording = True
        placement.save()
    for placement in second.session_speakers.all():
        placement.consent_recording = True
        placement.consent_streaming = placement.role != "host"
        placement.save()
    InterpretationChannel.objects.create(session=first, language=InterpretationLanguage.ENGLISH, channel=2)
    InterpretationChannel.objects.create(session=first, language=InterpretationLanguage.RUSSIAN, channel=3)
    return programme


def calendar_event(client, session, **params):
    return formats.ics_events(client.get(formats.feed_url("ics", **params)).content)[formats.uid(session.guid)]


def by_guid(events, key) -> dict:
    return {key(event): event for event in events}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_json_says_the_consent_and_links_only_what_is_shown(client, programme, lang):
    document = client.get(formats.feed_url("json", lang=lang)).json()
    first, second = (by_guid(formats.json_events(document), lambda event: event["guid"])[str(s.guid)]
                     for s in programme.sessions)

    assert formats.json_errors(document) == []
    assert (first["do_not_record"], first["do_not_stream"]) == (False, False)
    assert (second["do_not_record"], second["do_not_stream"]) == (False, True)
    titles = {"en": ["Watch live", "Recording"], "zh-hans": ["观看直播", "录像回放"]}[lang]
    assert first["links"] == [{"url": STREAM, "title": titles[0], "type": "media"},
                              {"url": RECORDING, "title": titles[1], "type": "media"}]
    assert second["links"] == [{"url": RECORDING, "title": titles[1], "type": "media"}]


def test_xml_and_c3voc_conversion_of_the_json_agree_on_recording_and_links(client, programme):
    ours = client.get(formats.feed_url("xml")).content
    converted = c3voc_json2xml(client.get(formats.feed_url("json")).content)

    assert formats.xml_errors(ours) == [] and formats.xml_errors(converted) == []

    def media(body: bytes) -> dict:
        return {event.get("guid"): (event.findtext("recording/optout"),
                                    [(link.get("href"), link.text) for link in event.iterfind("links/link")])
                for event in etree.fromstring(body).iterfind("day/room/event")}

    assert media(ours) == media(converted)
    first, second = (media(ours)[str(s.guid)] for s in programme.sessions)
    assert first == ("false", [(STREAM, "Watch live"), (RECORDING, "Recording")])
    assert second == ("false", [(RECORDING, "Recording")])


def test_a_withdrawn_consent_takes_the_links_out_of_every_feed(client, programme):
    first = programme.sessions[0]
    placement = first.session_speakers.first()
    placement.consent_recording = placement.consent_streaming = False
    placement.save()

    document = client.get(formats.feed_url("json")).json()
    event = by_guid(formats.json_events(document), lambda event: event["guid"])[str(first.guid)]
    xml = etree.fromstring(client.get(formats.feed_url("xml")).content)
    xml_event = xml.find(f"day/room/event[@guid='{first.guid}']")
    in_calendar = calendar_event(client, first)

    assert (event["do_not_record"], event["do_not_stream"], event["links"]) == (True, True, [])
    assert xml_event.findtext("recording/optout") == "true" and xml_event.find("links/link") is None
    assert "CONFERENCE" not in in_calendar and STREAM not in str(in_calendar["DESCRIPTION"])


def test_the_calendar_joins_the_stream_and_says_the_channels(client, programme):
    events = formats.ics_events(client.get(formats.feed_url("ics", lang="zh-hans")).content)
    first, second = (events[formats.uid(session.guid)] for session in programme.sessions)

    assert str(first["CONFERENCE"]) == STREAM
    assert first["CONFERENCE"].params["LABEL"] == "观看直播"
    assert "同声传译：英语（2频道）、俄语（3频道）" in str(first["DESCRIPTION"])
    assert f"录像回放: {RECORDING}" in str(first["DESCRIPTION"])
    assert "CONFERENCE" not in second


def test_a_channel_changed_or_removed_moves_the_schedules_version_and_the_events_time(client, programme):
    first = programme.sessions[0]
    before = client.get(formats.feed_url("json")).json()["schedule"]["version"]
    modified = calendar_event(client, first)["LAST-MODIFIED"].dt
    channel = InterpretationChannel.objects.get(session=first, language=InterpretationLanguage.RUSSIAN)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=True):
        channel.channel = 4
        channel.save()  # as the admin's inline saves it
        after_change = client.get(formats.feed_url("json")).json()["schedule"]["version"]
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=True):
            channel.delete()
            after_removal = client.get(formats.feed_url("json")).json()["schedule"]["version"]
            last_modified = calendar_event(client, first)["LAST-MODIFIED"].dt

    assert before < after_change < after_removal
    assert last_modified > modified

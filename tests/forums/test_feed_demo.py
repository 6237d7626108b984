"""The schedule feeds of the demo's 2024 edition (32 forums, 163 sessions): valid in every format and language,
with every public session, Chinese titles in the Chinese feed and ASCII slugs in both; and schedule.json as the c3voc
tool chain reads it, turned into XML by their own converter (c3voc-schedule-tools, requirements-c3voc.txt)."""

import json
import re
from collections import OrderedDict

import pytest
import voc
from django.db import transaction
from lxml import etree

from demo.context import session_guid
from forums.enums import ForumKind, SessionType
from forums.guids import SESSION_GUID_NAMESPACE
from tests.forums.test_feed_formats import (
    SLUG,
    WUZHEN_OFFSET,
    feed_url,
    ics_events,
    json_errors,
    json_events,
    public_sessions,
    uid,
    xml_errors,
    xml_events,
)

# What an event says in both schedule.xml and c3voc's conversion of schedule.json (theirs adds origin_url and
# description, ours the persons' ids).
EVENT_ELEMENTS = ("date", "start", "duration", "room", "slug", "url", "title", "subtitle", "track", "type", "language",
                  "abstract")


def c3voc_json2xml(body: bytes) -> bytes:
    """schedule.json turned into schedule.xml as c3voc's schedule_json2xml.py does it, with their library."""
    schedule = voc.Schedule(json=json.JSONDecoder(object_pairs_hook=OrderedDict).decode(body.decode()))
    return schedule.xml().encode()


def event_contents(body: bytes) -> dict[str, tuple]:
    """Each event of a schedule.xml by GUID: its day, its elements' text and its persons."""
    return {
        event.get("guid"): (
            event.getparent().getparent().get("date"),
            tuple(event.findtext(tag) for tag in EVENT_ELEMENTS),
            tuple((person.text, person.get("guid")) for person in event.iterfind("persons/person")),
        )
        for event in xml_events(body)
    }


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, demo_loader):
    """The demo loaded once for the module, inside a transaction rolled back at the end of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return public_sessions(2024)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_demo_json_validates_against_the_c3voc_schema_with_every_session(client, demo, lang):
    document = client.get(feed_url("json", lang=lang)).json()

    assert json_errors(document) == []
    assert sorted(event["guid"] for event in json_events(document)) == sorted(str(s.guid) for s in demo)
    assert len(demo) == 163
    assert document["schedule"]["conference"]["acronym"] == "wic2024"


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_demo_xml_validates_against_the_xsd_with_every_session(client, demo, lang):
    body = client.get(feed_url("xml", lang=lang)).content

    assert xml_errors(body) == []
    assert sorted(event.get("guid") for event in xml_events(body)) == sorted(str(s.guid) for s in demo)


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_c3voc_converter_turns_the_demo_json_into_xml_their_xsd_accepts_and_that_says_what_ours_does(
        client, demo, lang):
    converted = c3voc_json2xml(client.get(feed_url("json", lang=lang)).content)
    ours = client.get(feed_url("xml", lang=lang)).content

    assert xml_errors(converted) == []
    assert etree.fromstring(converted).findtext("conference/title") == etree.fromstring(ours).findtext(
        "conference/title")
    assert len(event_contents(converted)) == len(demo)
    assert event_contents(converted) == event_contents(ours)


def test_demo_ics_round_trips_every_session(client, demo):
    events = ics_events(client.get(feed_url("ics")).content)

    assert set(events) == {uid(session.guid) for session in demo}
    for session in demo:
        event = events[uid(session.guid)]
        assert (event["SUMMARY"], event.DTSTART, event.DTEND) == (session.title_en, session.start, session.end)
        assert event.DTSTART.utcoffset() == event.DTEND.utcoffset() == WUZHEN_OFFSET
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"


def test_demo_chinese_feed_has_the_chinese_titles_and_the_english_feeds_ascii_slugs(client, demo):
    chinese = {event["guid"]: event for event in json_events(client.get(feed_url("json", lang="zh-hans")).json())}
    english = {event["guid"]: event for event in json_events(client.get(feed_url("json")).json())}

    assert {guid: event["title"] for guid, event in chinese.items()} == {
        str(session.guid): session.title_zh_hans for session in demo
    }
    assert {guid: event["slug"] for guid, event in chinese.items()} == {
        guid: event["slug"] for guid, event in english.items()
    }
    assert all(SLUG.fullmatch(event["slug"]) for event in chinese.values())
    opening = chinese[str(session_guid(2024, "opening-ceremony", 0))]
    assert (opening["title"], opening["track"], opening["type"]) == ("开幕式", "开幕式", "ceremony")
    assert re.fullmatch(r"wic2024-\d+-opening-ceremony", opening["slug"])


def test_demo_feeds_show_ceremonies_breaks_and_press_conferences(client, demo):
    events = json_events(client.get(feed_url("json")).json())
    press = {str(session.guid) for session in demo if session.forum.kind == ForumKind.PRESS_CONFERENCE}

    assert {SessionType.CEREMONY, SessionType.BREAK} <= {event["type"] for event in events}
    assert press and press <= {event["guid"] for event in events}


def test_demo_guids_keep_their_values_in_our_namespace(demo):
    assert SESSION_GUID_NAMESPACE.hex == "5d1c4a8e2b0f4c559a570c3f6e9e2024"
    assert str(session_guid(2024, "opening-ceremony", 0)) in {str(session.guid) for session in demo}




@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_demo_upcoming_edition_streams_and_interpretation_stay_valid_through_every_format(client, demo, lang):
    """The made-up 2027 edition (demo/streams.py): links shown, withheld and missing, channels in five languages."""
    document = client.get(feed_url("json", year=2027, lang=lang)).json()
    body = client.get(feed_url("xml", year=2027, lang=lang)).content
    converted = c3voc_json2xml(client.get(feed_url("json", year=2027, lang=lang)).content)
    events = json_events(document)

    assert json_errors(document) == [] and xml_errors(body) == [] and xml_errors(converted) == []
    assert {(bool(event["links"]), event["do_not_stream"]) for event in events} == {
        (True, False), (True, True), (False, True), (False, False)}  # shown; recording only; neither; no link
    assert {link["type"] for event in events for link in event["links"]} == {"media"}
    ours = {event.get("guid"): [(link.get("href"), link.text) for link in event.iterfind("links/link")]
            for event in xml_events(body)}
    theirs = {event.get("guid"): [(link.get("href"), link.text) for link in event.iterfind("links/link")]
              for event in xml_events(converted)}
    assert ours == theirs
    calendar = ics_events(client.get(feed_url("ics", year=2027, lang=lang)).content)
    heading = "同声传译：" if lang == "zh-hans" else "Simultaneous interpretation: "
    assert any(heading in str(event["DESCRIPTION"]) for event in calendar.values())
    assert any("CONFERENCE" in event for event in calendar.values())

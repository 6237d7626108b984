"""The schedule feeds' formats: c3voc JSON against its schema, frab XML against its XSD, iCalendar parsed back.

Checked on the demo's 2024 edition and on factory data built to hit the formats' traps: Chinese titles, sessions
with no room, ceremonies, breaks and press conferences, unpublished sessions and forums.
"""

import datetime
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from lxml import etree

from core.enums import PublicationStatus
from forums.enums import ForumKind, SessionType, SpeakerRole
from forums.guids import speaker_guid
from forums.models import Session, Speaker
from summits.models import Summit
from tests.factories.forums import ForumFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory, at
from tests.factories.summits import RoomFactory, SummitFactory, VenueFactory

# The c3voc validator files, beside the repository (../shared/schemas), else our copies (tests/schemas/README.md).
SHARED_SCHEMAS = settings.BASE_DIR.parent / "shared" / "schemas"
SCHEMAS = SHARED_SCHEMAS if SHARED_SCHEMAS.is_dir() else settings.BASE_DIR / "tests" / "schemas"
JSON_SCHEMA = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text())
XML_SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMAS / "c3voc-schedule.xml.xsd")))
JSON_VALIDATOR = jsonschema.Draft6Validator(JSON_SCHEMA, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)
SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{3,}[a-z0-9]")
WUZHEN_OFFSET = datetime.timedelta(hours=8)


# --- Shared with test_feeds.py ---------------------------------------------------------------------------------

def feed_url(format: str, *, year: int = 2024, forum: str = "", speaker: str = "", lang: str = "") -> str:
    if forum:
        url = reverse("feeds:forum-schedule", kwargs={"year": year, "slug": forum, "format": format})
    elif speaker:
        url = reverse("feeds:speaker-schedule", kwargs={"year": year, "slug": speaker, "format": format})
    else:
        url = reverse("feeds:summit-schedule", kwargs={"year": year, "format": format})
    return f"{url}?lang={lang}" if lang else url


def uid(guid) -> str:
    """The calendar UID of a session's GUID: at the site's domain."""
    return f"{guid}@{urlsplit(settings.SITE_URL).hostname}"


def json_errors(document: dict) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in JSON_VALIDATOR.iter_errors(document)]


def xml_errors(body: bytes) -> list[str]:
    XML_SCHEMA.validate(etree.fromstring(body))
    return [str(error) for error in XML_SCHEMA.error_log]


def json_events(document: dict) -> list[dict]:
    return [event for day in document["schedule"]["conference"]["days"]
            for events in day["rooms"].values() for event in events]


def xml_events(body: bytes) -> list:
    return etree.fromstring(body).findall("day/room/event")


def ics_events(body: bytes) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def public_sessions(year: int) -> list[Session]:
    return list(Session.objects.filter(
        forum__summit__year=year, forum__summit__status=PublicationStatus.PUBLISHED,
        forum__status=PublicationStatus.PUBLISHED, status=PublicationStatus.PUBLISHED,
    ).order_by("start", "pk"))


@dataclass
class Programme:
    summit: Summit
    sessions: list[Session]
    host: Speaker  # in every session, first


def build_programme(*, year: int = 2024, forums: int = 2, sessions_per_forum: int = 3, speakers: int = 1):
    """A published edition: ``forums`` sub-forums on its first day, each in its own room with twenty-minute
    sessions, each with its host (the same person everywhere, never in two places at once) and ``speakers``
    speakers of its own."""
    summit = SummitFactory(year=year)
    host = SpeakerFactory()
    sessions = []
    for number in range(forums):
        forum = ForumFactory(summit=summit, start=at(year, 11, 19, 9), end=at(year, 11, 19, 18))
        for index in range(sessions_per_forum):
            start = forum.start + datetime.timedelta(minutes=20 * (index * forums + number))
            session = SessionFactory(forum=forum, start=start, end=start + datetime.timedelta(minutes=20),
                                     title=f"Talk {number}.{index} on open data",
                                     title_zh_hans=f"开放数据第{number}.{index}讲")
            SessionSpeakerFactory(session=session, speaker=host, role=SpeakerRole.HOST, order=0)
            for order in range(1, speakers + 1):
                SessionSpeakerFactory(session=session, order=order)
            sessions.append(session)
    return Programme(summit=summit, sessions=sessions, host=host)


class Traps:
    """What the formats get wrong most easily, in one published edition (2024)."""

    def __init__(self):
        programme = build_programme(forums=1, sessions_per_forum=2)
        self.summit, self.talks, self.host = programme.summit, programme.sessions, programme.host
        summit = self.summit
        self.press = ForumFactory(summit=summit, kind=ForumKind.PRESS_CONFERENCE, title="Closing press conference",
                                  title_zh_hans="闭幕新闻发布会", slug="closing-press",
                                  start=at(2024, 11, 21, 16), end=at(2024, 11, 21, 17))
        self.press_session = SessionFactory(forum=self.press, title="Press conference", title_zh_hans="新闻发布会",
                                            type=SessionType.RELEASE)
        self.ceremony = SessionFactory(forum=self.talks[0].forum, type=SessionType.CEREMONY, title="Opening",
                                       title_zh_hans="开幕式", start=at(2024, 11, 19, 12), end=at(2024, 11, 19, 13))
        self.tea = SessionFactory(forum=self.talks[0].forum, type=SessionType.BREAK, title="Tea",
                                  title_zh_hans="茶歇", start=at(2024, 11, 19, 13), end=at(2024, 11, 19, 13, 15))
        # Chinese in the English title too: nothing survives slugify, and the slug must still be ASCII.
        self.chinese_only = SessionFactory(forum=self.talks[0].forum, title="数字丝绸之路",
                                           title_zh_hans="数字丝绸之路",
                                           start=at(2024, 11, 19, 14), end=at(2024, 11, 19, 15))
        # A forum whose room is not announced: its sessions go to a room named after it.
        self.roomless = ForumFactory(summit=summit, room=None, title="Youth forum", title_zh_hans="青年论坛",
                                     slug="youth", start=at(2024, 11, 20, 9), end=at(2024, 11, 20, 12))
        self.roomless_session = SessionFactory(forum=self.roomless, title="Young voices")
        # A session in another room than its forum's.
        self.elsewhere = SessionFactory(forum=self.talks[0].forum, room=RoomFactory(name="Annex"),
                                        start=at(2024, 11, 19, 16), end=at(2024, 11, 19, 17))
        self.draft_session = SessionFactory(forum=self.talks[0].forum, title="Secret draft",
                                            status=PublicationStatus.DRAFT,
                                            start=at(2024, 11, 19, 17), end=at(2024, 11, 19, 17, 30))
        self.draft_forum = ForumFactory(summit=summit, status=PublicationStatus.DRAFT, slug="draft-forum",
                                        start=at(2024, 11, 21, 9), end=at(2024, 11, 21, 12))
        self.session_of_draft_forum = SessionFactory(forum=self.draft_forum, title="Published but hidden")
        self.public = [*self.talks, self.press_session, self.ceremony, self.tea, self.chinese_only,
                       self.roomless_session, self.elsewhere]


@pytest.fixture
def traps(db):
    return Traps()


# --- Factory data and the traps --------------------------------------------------------------------------------

def test_the_validator_checks_uri_formats_and_rejects_a_broken_document(client, traps):
    document = client.get(feed_url("json")).json()
    event = json_events(document)[0]
    event["url"] = "not a uri"
    document["schedule"]["conference"]["acronym"] = "wic-2024"

    assert sorted(json_errors(document)) == [
        "schedule/conference/acronym: 'wic-2024' does not match '^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$'",
        f"schedule/conference/days/0/rooms/{event['room']}/0/url: 'not a uri' is not a 'uri'",
    ]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_json_and_xml_of_the_traps_validate_and_show_exactly_the_public_sessions(client, traps, lang):
    document = client.get(feed_url("json", lang=lang)).json()
    body = client.get(feed_url("xml", lang=lang)).content
    expected = sorted(str(session.guid) for session in traps.public)

    assert json_errors(document) == []
    assert xml_errors(body) == []
    assert sorted(event["guid"] for event in json_events(document)) == expected
    assert sorted(event.get("guid") for event in xml_events(body)) == expected


def test_ics_of_the_traps_round_trips_exactly_the_public_sessions_in_chinese(client, traps):
    response = client.get(feed_url("ics", lang="zh-hans"))
    events = ics_events(response.content)

    assert set(events) == {uid(session.guid) for session in traps.public}
    for session in traps.public:
        event = events[uid(session.guid)]
        assert (event["SUMMARY"], event.DTSTART, event.DTEND) == (session.title_zh_hans, session.start, session.end)
        assert event.DTSTART.utcoffset() == WUZHEN_OFFSET
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in response.content
    with translation.override("zh-hans"):
        break_label = str(SessionType.BREAK.label)
    assert [str(category) for category in events[uid(traps.tea.guid)]["CATEGORIES"].cats] == [break_label]


def test_every_time_carries_the_wuzhen_offset(client, traps):
    document = client.get(feed_url("json")).json()
    root = etree.fromstring(client.get(feed_url("xml")).content)
    conference = document["schedule"]["conference"]
    times = [value for day in conference["days"] for value in (day["day_start"], day["day_end"])]
    times += [event["date"] for event in json_events(document)]
    times += [element.text for element in root.iter("date")]
    times += [day.get(edge) for day in root.iter("day") for edge in ("start", "end")]

    assert len(times) == 2 * 3 + len(traps.public) + len(traps.public) + 2 * 3
    assert [moment for moment in times if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", moment)] == []


def test_sessions_without_a_room_go_to_their_forums_room_or_one_named_after_the_forum(client, traps):
    english = {event["guid"]: event for event in json_events(client.get(feed_url("json")).json())}
    chinese = {event["guid"]: event for event in json_events(client.get(feed_url("json", lang="zh-hans")).json())}
    rooms = client.get(feed_url("json")).json()["schedule"]["conference"]["rooms"]

    assert english[str(traps.roomless_session.guid)]["room"] == "Youth forum"
    assert chinese[str(traps.roomless_session.guid)]["room"] == "青年论坛"
    assert english[str(traps.elsewhere.guid)]["room"] == "Annex"
    assert english[str(traps.talks[0].guid)]["room"] == traps.talks[0].forum.room.name
    assert {room["name"] for room in rooms} == {
        traps.talks[0].forum.room.name, traps.press.room.name, "Annex", "Youth forum",
    }


def test_chinese_only_title_gets_an_ascii_slug_from_its_id(client, traps):
    event = next(event for event in json_events(client.get(feed_url("json", lang="zh-hans")).json())
                 if event["guid"] == str(traps.chinese_only.guid))

    assert event["title"] == "数字丝绸之路"
    assert event["slug"] == f"wic2024-{traps.chinese_only.pk}-keynote"


def test_persons_are_the_speakers_with_stable_guids_in_json_and_xml(client, traps):
    session = traps.talks[0]
    speakers = [placement.speaker for placement in session.session_speakers.order_by("order")]
    event = next(event for event in json_events(client.get(feed_url("json")).json())
                 if event["guid"] == str(session.guid))
    element = next(event for event in xml_events(client.get(feed_url("xml")).content)
                   if event.get("guid") == str(session.guid))

    expected = [(speaker.name, str(speaker_guid(speaker.pk))) for speaker in speakers]

    assert len(expected) == 2
    assert [(person["name"], person["guid"]) for person in event["persons"]] == expected
    assert [(person.text, person.get("guid")) for person in element.findall("persons/person")] == expected
    assert [person["role"] for person in event["persons"]] == ["host", "speaker"]


def test_guid_survives_a_move_and_names_the_session_in_all_three_formats(client, traps):
    session = traps.talks[1]
    guid = session.guid
    session.start, session.end = at(2024, 11, 20, 14), at(2024, 11, 20, 15)
    session.room = RoomFactory(name="Hall of the move")
    session.save()
    session.refresh_from_db()

    document = client.get(feed_url("json")).json()
    event = next(event for event in json_events(document) if event["guid"] == str(guid))
    xml = client.get(feed_url("xml")).content
    element = next(event for event in xml_events(xml) if event.get("guid") == str(guid))
    moved_start = ics_events(client.get(feed_url("ics")).content)[uid(guid)].DTSTART

    assert session.guid == guid
    assert (event["date"], event["room"]) == ("2024-11-20T14:00:00+08:00", "Hall of the move")
    assert (element.findtext("date"), element.findtext("room")) == ("2024-11-20T14:00:00+08:00", "Hall of the move")
    assert moved_start == at(2024, 11, 20, 14)


def test_new_sessions_get_distinct_guids_in_our_namespace(traps):
    guids = [session.guid for session in Session.objects.all()]

    assert len(set(guids)) == len(guids)
    assert {guid.version for guid in guids} == {5}


def test_rooms_called_alike_in_two_venues_stay_apart(client, db):
    programme = build_programme(forums=2, sessions_per_forum=2)
    first, second = programme.sessions[0].forum, programme.sessions[2].forum
    first.room.name = second.room.name = "Hall A"
    second.room.venue = VenueFactory(slug="hangzhou", name="Hangzhou International Expo Center")
    first.room.save()
    second.room.save()

    document = client.get(feed_url("json")).json()
    day = document["schedule"]["conference"]["days"][0]

    assert json_errors(document) == []
    assert {name: len(events) for name, events in day["rooms"].items()} == {
        f"Hall A ({first.room.venue.name})": 2, "Hall A (Hangzhou International Expo Center)": 2,
    }
    assert xml_errors(client.get(feed_url("xml")).content) == []

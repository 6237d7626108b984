"""The frab/c3voc schedule XML (https://c3voc.de/schedule/schema.xsd), as pretalx and frab emit it.

What c3voc's converter makes of our schedule.json: ``<recording>`` with the speakers' consent (``optout`` unless
every speaker consented to recording), ``<links>`` with the live stream and the recording when they are shown."""

import re
import xml.etree.ElementTree as ET

from django.utils import translation

from ..guids import speaker_guid
from ..models import Session
from ..selectors import session_media
from .layout import (
    GENERATOR_NAME,
    GENERATOR_VERSION,
    TIME_ZONE_NAME,
    TIMESLOT_DURATION,
    Feed,
    FeedRoom,
    ScheduleLayout,
    absolute_url,
    event_fields,
    isoformat,
    lay_out,
    media_links,
    name_slug,
    site_url,
)

# Characters XML 1.0 cannot carry at all; a stray one pasted into a description must not break the document.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text) -> str:
    return NOT_XML.sub("", str(text or ""))


def _element(parent: ET.Element, tag: str, **attributes) -> ET.Element:
    return ET.SubElement(parent, tag, {name: _clean(value) for name, value in attributes.items()})


def _text(parent: ET.Element, tag: str, text: str | None, **attributes) -> ET.Element:
    element = _element(parent, tag, **attributes)
    element.text = _clean(text)
    return element


def _event(parent: ET.Element, session: Session, room: FeedRoom, feed: Feed, layout: ScheduleLayout) -> None:
    event = _element(parent, "event", guid=session.guid, id=session.pk)
    for tag, text in event_fields(session, room, feed, layout).items():
        _text(event, tag, text)
    persons = _element(event, "persons")
    for placement in session.session_speakers.all():
        speaker = placement.speaker
        _text(persons, "person", speaker.name, id=speaker.pk, guid=speaker_guid(speaker.pk))
    media = session_media(session)
    recording = _element(event, "recording")
    _text(recording, "license", "")
    _text(recording, "optout", "false" if media.may_record else "true")
    links = _element(event, "links")
    for link in media_links(media):
        _text(links, "link", link.title, href=link.url, type="media")
    _element(event, "attachments")


def _conference(parent: ET.Element, feed: Feed, layout: ScheduleLayout) -> None:
    conference = _element(parent, "conference")
    _text(conference, "acronym", layout.acronym)
    _text(conference, "title", layout.title)
    _text(conference, "start", layout.days[0].date.isoformat())
    _text(conference, "end", layout.days[-1].date.isoformat())
    _text(conference, "days", str(len(layout.days)))
    _text(conference, "timeslot_duration", TIMESLOT_DURATION)
    _text(conference, "base_url", absolute_url("/"))
    _text(conference, "url", site_url(feed.language))
    _text(conference, "time_zone_name", TIME_ZONE_NAME)
    for forum in layout.tracks:
        slug = name_slug(forum.slug)
        _text(conference, "track", forum.title, name=forum.title, **({"slug": slug} if slug else {}))


def render(feed: Feed) -> bytes:
    with translation.override(feed.language):
        layout = lay_out(feed)
        schedule = ET.Element("schedule")
        _element(schedule, "generator", name=GENERATOR_NAME, version=GENERATOR_VERSION)
        _text(schedule, "url", feed.url)
        _text(schedule, "version", layout.version)
        _conference(schedule, feed, layout)
        for day in layout.days:
            day_element = _element(
                schedule, "day", index=day.index, date=day.date.isoformat(), start=isoformat(day.start),
                end=isoformat(day.end),
            )
            for room, sessions in day.rooms:
                room_element = _element(day_element, "room", name=room.name, guid=room.guid)
                for session in sessions:
                    _event(room_element, session, room, feed, layout)
    return ET.tostring(schedule, encoding="utf-8", xml_declaration=True)

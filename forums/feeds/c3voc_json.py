"""The c3voc schedule JSON (https://c3voc.de/schedule/schema.json), as pretalx and frab emit it.

Persons are written the pretalx way (``name`` and no integer ``id``), so that each one matches exactly one of the
schema's two person shapes.

Recording and streaming follow the speakers' consent (``selectors.session_media``): ``do_not_record`` and
``do_not_stream`` say whether every speaker consented, and ``links`` hold the live stream and the recording only
when they are shown.

Nothing c3voc's own converter (c3voc-schedule-tools, ``voc.Schedule(...).xml()``) would turn into XML their XSD
rejects: it makes an element of each key of an event and of the conference, so the schema's optional ``end`` of an
event and ``description`` of the conference, which the XSD has no place for, are left out. An event ends at its
``date`` plus its ``duration``, as in schedule.xml and schedule.ics.
"""

import json

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

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"


def _person(placement) -> dict:
    speaker = placement.speaker
    return {
        "name": speaker.name,
        "public_name": speaker.name,  # deprecated by the schema, still read by older apps
        "guid": str(speaker_guid(speaker.pk)),
        "avatar": absolute_url(speaker.photo.url) if speaker.photo else None,
        "biography": speaker.bio or None,
        "role": placement.role,
    }


def _event(session: Session, room: FeedRoom, feed: Feed, layout: ScheduleLayout) -> dict:
    fields = event_fields(session, room, feed, layout)
    media = session_media(session)
    return {
        "guid": str(session.guid),
        "id": session.pk,
        **fields,
        "origin_url": fields["url"],
        "description": None,
        # Before do_not_record: c3voc's converter carries the licence into the XML's <recording> it makes of both.
        "recording_license": "",
        "do_not_record": not media.may_record,
        "do_not_stream": not media.may_stream,
        "persons": [_person(placement) for placement in session.session_speakers.all()],
        "links": [{"url": link.url, "title": link.title, "type": "media"} for link in media_links(media)],
        "attachments": [],
    }


def _room(room: FeedRoom) -> dict:
    data = {"name": room.name, "guid": str(room.guid), "capacity": room.capacity, "description": room.location}
    if room.slug:
        data["slug"] = room.slug
    return data


def _track(forum) -> dict:
    data = {"name": forum.title}
    slug = name_slug(forum.slug)
    if slug:
        data["slug"] = slug
    return data


def render(feed: Feed) -> bytes:
    with translation.override(feed.language):
        layout = lay_out(feed)
        conference = {
            "acronym": layout.acronym,
            "title": layout.title,
            "start": layout.days[0].date.isoformat(),
            "end": layout.days[-1].date.isoformat(),
            "daysCount": len(layout.days),
            "timeslot_duration": TIMESLOT_DURATION,
            "time_zone_name": TIME_ZONE_NAME,
            "url": site_url(feed.language),
            "rooms": [_room(room) for room in layout.rooms],
            "tracks": [_track(forum) for forum in layout.tracks],
            "days": [
                {
                    "index": day.index,
                    "date": day.date.isoformat(),
                    "day_start": isoformat(day.start),
                    "day_end": isoformat(day.end),
                    "rooms": {
                        room.name: [_event(session, room, feed, layout) for session in sessions]
                        for room, sessions in day.rooms
                    },
                }
                for day in layout.days
            ],
        }
        document = {
            "$schema": SCHEMA_URL,
            "generator": {"name": GENERATOR_NAME, "version": GENERATOR_VERSION, "url": site_url(feed.language)},
            "schedule": {
                "url": feed.url,
                "version": layout.version,
                "base_url": absolute_url("/"),
                "conference": conference,
            },
        }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

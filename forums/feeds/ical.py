"""The schedule as an iCalendar file (RFC 5545) that calendar apps subscribe to and fetch again.

Also the builder of every calendar the site publishes (``new_calendar``, ``add_wuzhen_timezone``,
``session_event``): the guest's own agenda (guests.calendars) is made of the same parts.

Each event's UID is the session's stable GUID at our domain, so a session that moves moves in the subscriber's
calendar instead of appearing twice. Times are Wuzhen's, with the VTIMEZONE that describes them. DTSTAMP is the
latest change of what the feed shows, not the time of rendering: the same data gives the same bytes.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import translation

from ..enums import SessionType, SpeakerRole
from ..models import Session
from ..selectors import session_media
from .layout import (
    SHANGHAI,
    TIME_ZONE_NAME,
    Feed,
    FeedRoom,
    interpretation_text,
    lay_out,
    local,
    media_links,
    session_changed_at,
    session_url,
    site_url,
)

PRODID = "-//World Internet Conference//Wuzhen Summit schedule//EN"
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def session_uid(session: Session) -> str:
    return f"{session.guid}@{urlsplit(settings.SITE_URL).hostname}"


def _speakers(session: Session) -> str:
    return ", ".join(
        placement.speaker.name if placement.role == SpeakerRole.SPEAKER
        else f"{placement.speaker.name} ({SpeakerRole(placement.role).label})"
        for placement in session.session_speakers.all()
    )


def new_calendar(*, prodid: str, name: str) -> icalendar.Calendar:
    """A published calendar named ``name``, in Wuzhen's time, that apps fetch again every six hours."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE_NAME)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar


def add_wuzhen_timezone(calendar: icalendar.Calendar, *, year: int) -> None:
    """The VTIMEZONE of the events' times: Wuzhen's offsets around the edition, not since 1970; first among the
    components, as RFC 5545 readers prefer."""
    calendar.subcomponents.insert(0, icalendar.Timezone.from_tzinfo(
        SHANGHAI, tzid=TIME_ZONE_NAME, first_date=datetime.date(year - 1, 1, 1),
        last_date=datetime.date(year + 1, 12, 31),
    ))


def session_event(session: Session, *, stamp: datetime.datetime, last_modified: datetime.datetime,
                  description: str, location: str) -> icalendar.Event:
    """A session as an event, under the UID every calendar of ours gives it, so calendar apps merge them."""
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("last-modified", last_modified.astimezone(datetime.UTC).replace(microsecond=0))
    event.add("dtstart", local(session.start))
    event.add("dtend", local(session.end))
    event.add("summary", session.title)
    event.add("description", description)
    if location:
        event.add("location", location)
    return event


def _event(session: Session, room: FeedRoom, feed: Feed, stamp: datetime.datetime) -> icalendar.Event:
    media = session_media(session)
    links = media_links(media)
    watch = "\n".join(f"{link.title}: {link.url}" for link in links)
    parts = (session.description, session.forum.title, _speakers(session), interpretation_text(media), watch)
    event = session_event(
        session, stamp=stamp, last_modified=session_changed_at(session),
        description="\n\n".join(part for part in parts if part), location=room.location,
    )
    event.add("url", session_url(session, year=feed.summit.year, language=feed.language))
    if media.stream_url:  # RFC 7986: where to join the session from afar
        event.add("conference", media.stream_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO",
                                                               "LABEL": links[0].title})
    event.add("categories", [str(SessionType(session.type).label)])
    event.add("status", "CONFIRMED")
    return event


def render(feed: Feed) -> bytes:
    with translation.override(feed.language):
        layout = lay_out(feed)
        calendar = new_calendar(prodid=PRODID, name=layout.title)
        calendar.add("x-wr-caldesc", feed.summit.theme)
        calendar.add("url", site_url(feed.language))
        for day in layout.days:
            for room, sessions in day.rooms:
                for session in sessions:
                    calendar.add_component(_event(session, room, feed, layout.changed_at))
        add_wuzhen_timezone(calendar, year=feed.summit.year)
    return calendar.to_ical()

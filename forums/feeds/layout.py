"""What the three schedule formats share: the feed's scope, and its sessions laid out by day and room.

The formats key on ASCII names and stable identifiers, so everything here is derived from ids and English slugs,
never from the language of the feed; only the words people read (titles, room names) follow ``Feed.language``.
Call ``lay_out`` with that language active (``translation.override``).
"""

import datetime
import re
import uuid
import zoneinfo
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from summits.models import Summit

from ..enums import SessionLanguage
from ..guids import forum_room_guid, room_guid
from ..models import Forum, Session, Speaker
from ..selectors import SessionMedia

TIME_ZONE_NAME = "Asia/Shanghai"
SHANGHAI = zoneinfo.ZoneInfo(TIME_ZONE_NAME)
GENERATOR_NAME = "wic-summit"
GENERATOR_VERSION = "1.0"
TIMESLOT_DURATION = "00:05"
# The c3voc JSON schema's acronym pattern; the XSD's is looser.
ACRONYM_PATTERN = re.compile(r"[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?")
# What both formats accept as a track or room slug (the XSD wants a leading letter, the JSON schema an alnum end).
NAME_SLUG_PATTERN = re.compile(r"[a-z][a-z0-9-]*[a-z0-9]")
SLUG_TITLE_LENGTH = 60
# Wuzhen's programme ends by midnight: a day of the feed is its calendar day in Wuzhen.
DAY_START = datetime.time(0, 0)
DAY_END = datetime.time(23, 59, 59)
LANGUAGE_TAGS = {SessionLanguage.ENGLISH: "en", SessionLanguage.CHINESE: "zh", SessionLanguage.BILINGUAL: "zh,en"}


@dataclass(frozen=True)
class Feed:
    """One feed: a published edition's public sessions, whole or narrowed to a forum or a speaker, in a language."""

    summit: Summit
    sessions: Sequence[Session]
    language: str  # "en" or "zh-hans"
    url: str  # where this feed is served, absolute
    forum: Forum | None = None
    speaker: Speaker | None = None


@dataclass(frozen=True)
class FeedRoom:
    """A room as the feeds name it; a forum with no room yet gets a room named after it, so nothing is left out."""

    name: str
    guid: uuid.UUID
    slug: str  # "" when the stored slug would break the formats' pattern
    capacity: int | None
    venue: str
    location: str  # what a calendar shows: "room, venue"
    sort_key: tuple


@dataclass
class FeedDay:
    index: int
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    rooms: list[tuple[FeedRoom, list[Session]]] = field(default_factory=list)


@dataclass
class ScheduleLayout:
    title: str
    acronym: str
    version: str
    changed_at: datetime.datetime  # the latest change of anything the feed shows, UTC
    days: list[FeedDay]
    rooms: list[FeedRoom]
    tracks: list[Forum]
    room_of: dict[int, FeedRoom]  # session id -> room


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(SHANGHAI)


def isoformat(moment: datetime.datetime) -> str:
    """Wuzhen time with its offset, as every format here wants it: 2024-11-20T09:00:00+08:00."""
    return local(moment).replace(microsecond=0).isoformat()


def duration(session: Session) -> str:
    minutes = int((session.end - session.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def absolute_url(path: str) -> str:
    return urljoin(f"{settings.SITE_URL}/", path)


def _path(viewname: str, *, language: str, kwargs: dict | None = None) -> str:
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs)


def site_url(language: str) -> str:
    """The site's home page in ``language``."""
    return absolute_url(_path("website:home", language=language))


def session_url(session: Session, *, year: int, language: str) -> str:
    """The session's public page (the public site serves it under the language prefix)."""
    return absolute_url(_path("forums:session", language=language, kwargs={"year": year, "pk": session.pk}))


def acronym(summit: Summit) -> str:
    """``wic2024``: the slug without what the schema's pattern forbids, or built from the year."""
    candidate = re.sub(r"[^a-z0-9_]", "", summit.slug.lower())
    return candidate if ACRONYM_PATTERN.fullmatch(candidate) else f"wic{summit.year}"


def session_slug(session: Session, summit_acronym: str) -> str:
    """``wic2024-123-opening-ceremony``: the id keeps it unique, the English title makes it readable, in ASCII
    even when the session only has a Chinese title worth reading."""
    words = slugify(session.title_en or "")[:SLUG_TITLE_LENGTH].strip("-_")
    if len(words) < 3:  # the XSD wants at least four characters after the acronym
        words = f"{words}-{session.type}".strip("-")
    return f"{summit_acronym}-{session.pk}-{words}"


def name_slug(slug: str) -> str:
    slug = slug.lower()
    return slug if NAME_SLUG_PATTERN.fullmatch(slug) else ""


def language_tag(session: Session) -> str:
    return LANGUAGE_TAGS.get(session.language, session.language)


def event_fields(session: Session, room: FeedRoom, feed: Feed, layout: ScheduleLayout) -> dict:
    """What the c3voc JSON and the frab XML both say of a session, in the XSD's order of elements."""
    return {
        "date": isoformat(session.start),
        "start": local(session.start).strftime("%H:%M"),
        "duration": duration(session),
        "room": room.name,
        "slug": session_slug(session, layout.acronym),
        "url": session_url(session, year=feed.summit.year, language=feed.language),
        "title": session.title,
        "subtitle": "",
        "track": session.forum.title,
        "type": session.type,
        "language": language_tag(session),
        "abstract": session.description,
    }


@dataclass(frozen=True)
class MediaLink:
    url: str
    title: str  # in the feed's language


def media_links(media: SessionMedia) -> list[MediaLink]:
    """The session's stream and recording links that are shown (``session_media``), titled in the active
    language."""
    links = [(media.stream_url, _("Watch live")), (media.recording_url, pgettext("a session's video", "Recording"))]
    return [MediaLink(url=url, title=str(title)) for url, title in links if url]


def interpretation_text(media: SessionMedia) -> str:
    """"Simultaneous interpretation: English (channel 2), Russian (channel 3)", in the active language, as the
    pages say it; "" without channels."""
    if not media.channels:
        return ""
    return render_to_string("forums/_interpretation.html", {"channels": media.channels}).strip()


def session_changed_at(session: Session) -> datetime.datetime:
    """The latest change of what a feed shows of the session: it, its forum, its speakers and their consent, its
    interpretation channels (a removed one touches the session, forums/sync.py)."""
    placements = session.session_speakers.all()
    return max([session.updated_at, session.forum.updated_at, *(placement.updated_at for placement in placements),
                *(placement.speaker.updated_at for placement in placements),
                *(channel.updated_at for channel in session.interpretation_channels.all())])


def feed_title(feed: Feed) -> str:
    if feed.forum is not None:
        return f"{feed.summit.name}: {feed.forum.title}"
    if feed.speaker is not None:
        return f"{feed.summit.name}: {feed.speaker.name}"
    return feed.summit.name


def _room(session: Session, summit: Summit) -> tuple[tuple, FeedRoom]:
    room = session.room or session.forum.room
    if room is not None:
        return ("room", room.pk), FeedRoom(
            name=room.name, guid=room_guid(room.pk), slug=name_slug(room.slug), capacity=room.capacity,
            venue=room.venue.name, location=f"{room.name}, {room.venue.name}", sort_key=(0, room.order, room.pk),
        )
    forum = session.forum
    venue = summit.venue.name if summit.venue_id else summit.city
    return ("forum", forum.pk), FeedRoom(
        name=forum.title, guid=forum_room_guid(forum.pk), slug=name_slug(f"forum-{forum.slug}"), capacity=None,
        venue=venue, location=venue, sort_key=(1, forum.start, forum.order, forum.pk),
    )


def _with_venue(key: tuple, room: FeedRoom) -> str:
    return f"{room.name} ({room.venue})"


def _with_id(key: tuple, room: FeedRoom) -> str:
    return f"{room.name} #{key[0]}-{key[1]}"


def _rooms(feed: Feed) -> dict[int, FeedRoom]:
    """Each session's room, under a name no other room of the feed has: the formats key rooms by name, so two
    rooms called alike (in two venues) are told apart by their venue, and then, if need be, by their id."""
    by_key: dict[tuple, FeedRoom] = {}
    key_of: dict[int, tuple] = {}
    for session in feed.sessions:
        key, room = _room(session, feed.summit)
        by_key.setdefault(key, room)
        key_of[session.pk] = key
    for rename in (_with_venue, _with_id):
        taken = Counter(room.name for room in by_key.values())
        by_key = {key: replace(room, name=rename(key, room)) if taken[room.name] > 1 else room
                  for key, room in by_key.items()}
    return {session_id: by_key[key] for session_id, key in key_of.items()}


def _days(feed: Feed, room_of: dict[int, FeedRoom]) -> list[FeedDay]:
    """The edition's days, and any day outside them a session falls on, each with its rooms in their order."""
    by_date: dict[datetime.date, dict[FeedRoom, list[Session]]] = {day: {} for day in feed.summit.days}
    for session in feed.sessions:
        day = local(session.start).date()
        by_date.setdefault(day, {}).setdefault(room_of[session.pk], []).append(session)
    days = []
    for index, day in enumerate(sorted(by_date), start=1):
        rooms = sorted(by_date[day].items(), key=lambda pair: pair[0].sort_key)
        for _feed_room, sessions in rooms:
            sessions.sort(key=lambda session: (session.start, session.pk))
        days.append(FeedDay(
            index=index, date=day, rooms=rooms,
            start=datetime.datetime.combine(day, DAY_START, tzinfo=SHANGHAI),
            end=datetime.datetime.combine(day, DAY_END, tzinfo=SHANGHAI),
        ))
    return days


def lay_out(feed: Feed) -> ScheduleLayout:
    room_of = _rooms(feed)
    rooms = sorted(set(room_of.values()), key=lambda room: room.sort_key)
    forums = {session.forum for session in feed.sessions}
    tracks = sorted(forums, key=lambda forum: (forum.start, forum.order, forum.pk))
    stamps = [feed.summit.updated_at, *(session_changed_at(session) for session in feed.sessions)]
    changed_at = max(stamps).astimezone(datetime.UTC).replace(microsecond=0)
    return ScheduleLayout(
        title=feed_title(feed), acronym=acronym(feed.summit), version=changed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        changed_at=changed_at, days=_days(feed, room_of), rooms=rooms, tracks=tracks, room_of=room_of,
    )

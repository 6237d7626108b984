"""The sample sheets' rows, made from the edition they are for so that a sample imports as it is: a forum of the
edition by its slug, a room of its venue by its name in the sheet's language, a time free in that room within the
forum's hours, and a reference or slug nobody has yet. Written in the active language (the sheet's)."""

import datetime
from collections import defaultdict

from django.utils import timezone
from django_countries import countries

from core.clock import WUZHEN
from summits.models import Room

from ..enums import ForumKind, ForumRegistrationMode, SessionLanguage, SessionType
from ..models import Forum, Session, Speaker

SAMPLE_LENGTH = datetime.timedelta(minutes=15)
STEP = datetime.timedelta(minutes=5)


def _cell_time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, WUZHEN).strftime("%Y-%m-%d %H:%M")


def unused(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever nobody has."""
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def free_slot(sessions: list[Session], start: datetime.datetime, end: datetime.datetime) -> datetime.datetime | None:
    """The first start on a 5-minute step from which a room holding ``sessions`` (by start) is free for
    SAMPLE_LENGTH before ``end``."""
    moment = start
    for session in sessions:
        if session.start - moment >= SAMPLE_LENGTH:
            return moment
        moment = max(moment, session.end)
        moment += (datetime.datetime.min.replace(tzinfo=moment.tzinfo) - moment) % STEP  # up to the next step
    return moment if end - moment >= SAMPLE_LENGTH else None


def _free_room_and_time(forum: Forum, rooms: list[Room]) -> tuple[Room, datetime.datetime] | None:
    """The forum's own room at a free time within its hours, else another room of the venue (a full agenda)."""
    held = defaultdict(list)
    for session in Session.objects.filter(room__in=rooms, start__lt=forum.end, end__gt=forum.start).order_by("start"):
        held[session.room_id].append(session)
    for room in sorted(rooms, key=lambda room: room.pk != forum.room_id):
        start = free_slot(held[room.pk], forum.start, forum.end)
        if start is not None:
            return room, start
    return None


def session_sample(summit) -> dict[str, str]:
    """Opening remarks in the edition's first forum with a free quarter of an hour; no speakers (the sheet may
    name them by slug or address once they are in the admin)."""
    row = {"title_en": "Opening remarks", "title_zh_hans": "开幕致辞", "type": str(SessionType.KEYNOTE.label),
           "language": str(SessionLanguage.BILINGUAL.label)}
    if summit is None:
        return row
    rooms = list(Room.objects.filter(venue_id=summit.venue_id))
    for forum in Forum.objects.filter(summit=summit, room__isnull=False).select_related("room").order_by("start"):
        found = _free_room_and_time(forum, [forum.room, *(room for room in rooms if room.pk != forum.room_id)])
        if found is not None:
            room, start = found
            references = {reference.casefold() for reference in forum.sessions.values_list("reference", flat=True)}
            return {**row, "forum": forum.slug, "reference": unused("SAMPLE-01", references),
                    "start": _cell_time(start), "end": _cell_time(start + SAMPLE_LENGTH), "room": room.name}
    return row


def forum_sample(summit) -> dict[str, str]:
    """A sub-forum on the edition's first afternoon, in the first room of its venue."""
    row = {"title_en": "Forum on Digital Cooperation", "title_zh_hans": "数字合作论坛",
           "kind": str(ForumKind.SUB_FORUM.label), "registration_mode": str(ForumRegistrationMode.OPEN.label)}
    if summit is None:
        return row
    slugs = {slug.casefold() for slug in Forum.objects.filter(summit=summit).values_list("slug", flat=True)}
    afternoon = datetime.datetime.combine(summit.start_date, datetime.time(14), tzinfo=WUZHEN)
    room = Room.objects.filter(venue_id=summit.venue_id).first() if summit.venue_id else None
    return {**row, "slug": unused("digital-cooperation", slugs), "start": _cell_time(afternoon),
            "end": _cell_time(afternoon + datetime.timedelta(hours=3)), "room": room.name if room else ""}


def speaker_sample() -> dict[str, str]:
    """A speaker nobody has yet, keyed by a slug nobody has."""
    slug = unused("jane-doe", {slug.casefold() for slug in Speaker.objects.values_list("slug", flat=True)})
    return {"slug": slug, "email": f"{slug}@example.org", "name_en": "Jane Doe", "name_zh_hans": "简·多伊",
            "title_en": "Chief Scientist", "title_zh_hans": "首席科学家", "affiliation_en": "Example Institute",
            "affiliation_zh_hans": "示例研究院", "country": str(countries.name("FR")), "language": "en"}

"""Reads of the programme shared by the admin, the public site and the API."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.timezone import localtime

from core.enums import PublicationStatus
from summits.models import Summit

from .models import Forum, Session, SessionSpeaker, Speaker


@dataclass
class AgendaItem:
    session: Session
    clashes: list[str] = field(default_factory=list)


@dataclass
class AgendaDay:
    day: datetime.date
    rooms: list = field(default_factory=list)  # [(room or None, [AgendaItem, ...]), ...]
    clash_count: int = 0


def summit_sessions(summit):
    """Every session of an edition with its forum, room and ordered speakers, in three queries."""
    return (
        Session.objects.filter(forum__summit=summit)
        .select_related("forum", "room")
        .prefetch_related(
            Prefetch("session_speakers", queryset=SessionSpeaker.objects.select_related("speaker").order_by("order"))
        )
        .order_by("start", "pk")
    )


def public_summit(year: int) -> Summit | None:
    """The published edition of ``year`` with its main venue, or None."""
    return Summit.objects.select_related("venue").filter(year=year, status=PublicationStatus.PUBLISHED).first()


def public_forum(summit: Summit, slug: str) -> Forum | None:
    return Forum.objects.filter(summit=summit, slug=slug, status=PublicationStatus.PUBLISHED).first()


def speaker_by_slug(slug: str) -> Speaker | None:
    return Speaker.objects.filter(slug=slug).first()


def public_sessions(summit: Summit) -> QuerySet[Session]:
    """The sessions the public may see in a published edition (the session and its forum published), with what
    the schedule feeds show: forum, room and venue, ordered speakers. Two queries, however many sessions."""
    return (
        summit_sessions(summit)
        .filter(status=PublicationStatus.PUBLISHED, forum__status=PublicationStatus.PUBLISHED)
        .select_related("forum__room__venue", "room__venue")
    )


def _overlaps(first: Session, second: Session) -> bool:
    return first.start < second.end and second.start < first.end


def agenda_by_day_and_room(summit) -> list[AgendaDay]:
    """The edition's sessions by day and room, each flagged with the sessions it clashes with.

    A clash is two sessions in one room at once, or one speaker in two sessions at once: the rules the admin
    enforces on save, shown here for data that bypassed it (imports, the database shell).
    """
    sessions = list(summit_sessions(summit))
    items = {session.pk: AgendaItem(session) for session in sessions}
    by_room = defaultdict(list)
    by_speaker = defaultdict(list)
    for session in sessions:
        if session.room_id:
            by_room[session.room_id].append(session)
        for placement in session.session_speakers.all():
            by_speaker[placement.speaker].append(session)
    for room_sessions in by_room.values():
        for index, session in enumerate(room_sessions):
            for other in room_sessions[index + 1:]:
                if other.start >= session.end:
                    break
                items[session.pk].clashes.append(f"{session.room.name}: {other.title}")
                items[other.pk].clashes.append(f"{session.room.name}: {session.title}")
    for speaker, speaker_sessions in by_speaker.items():
        for index, session in enumerate(speaker_sessions):
            for other in speaker_sessions[index + 1:]:
                if _overlaps(session, other):
                    items[session.pk].clashes.append(f"{speaker.name}: {other.title}")
                    items[other.pk].clashes.append(f"{speaker.name}: {session.title}")
    days: dict[datetime.date, dict] = {day: {} for day in summit.days}
    for session in sessions:
        day = localtime(session.start).date()
        days.setdefault(day, {}).setdefault(session.room, []).append(items[session.pk])
    agenda = []
    for day in sorted(days):
        rooms = sorted(days[day].items(), key=lambda pair: (pair[0] is None, pair[0] and (pair[0].order, pair[0].pk)))
        clash_count = sum(1 for _room, room_items in rooms for item in room_items if item.clashes)
        agenda.append(AgendaDay(day=day, rooms=rooms, clash_count=clash_count))
    return agenda

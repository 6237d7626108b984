"""The scheduling rules: a room holds one session at a time, a speaker is in one session at a time, and a
session lies inside its forum's time and its summit's dates. Each error names what it clashes with."""

import contextlib
from collections.abc import Iterable

from django.db import connection
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from summits.models import Room

from .models import ROOM_EXCLUSION, Forum, Session, SessionSpeaker, Speaker


def describe_slot(session: Session) -> str:
    start, end = localtime(session.start), localtime(session.end)
    return _("“%(title)s” (%(forum)s, %(day)s %(start)s–%(end)s)") % {
        "title": session.title,
        "forum": session.forum.title,
        "day": date_format(start, "SHORT_MONTH_DAY_FORMAT"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def lock_for_scheduling(model, ids: Iterable[int]) -> None:
    """Inside a transaction on PostgreSQL, lock the rooms or speakers being booked so that two organizers saving
    at once are checked one after the other, and the second is told of the first's session."""
    ids = [pk for pk in ids if pk]
    if ids and connection.in_atomic_block and connection.features.has_select_for_update:
        list(model.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def room_clashes(*, room_id: int, start, end, exclude_session_id: int | None = None):
    """Sessions in the room whose time overlaps [start, end)."""
    clashes = Session.objects.filter(room_id=room_id, start__lt=end, end__gt=start).select_related("forum")
    if exclude_session_id:
        clashes = clashes.exclude(pk=exclude_session_id)
    return clashes.order_by("start")


def speaker_clashes(*, speaker_ids: Iterable[int], start, end, exclude_session_id: int | None = None):
    """Speaker placements in other sessions whose time overlaps [start, end)."""
    clashes = SessionSpeaker.objects.filter(
        speaker_id__in=list(speaker_ids), session__start__lt=end, session__end__gt=start
    ).select_related("speaker", "session__forum")
    if exclude_session_id:
        clashes = clashes.exclude(session_id=exclude_session_id)
    return clashes.order_by("session__start")


def speaker_busy_message(speaker: Speaker, session: Session) -> str:
    return _("%(speaker)s is already speaking in %(session)s.") % {
        "speaker": speaker.name, "session": describe_slot(session)}


def room_taken_message(room: Room, session: Session) -> str:
    return _("%(room)s is already taken by %(session)s.") % {"room": room.name, "session": describe_slot(session)}


def speaker_clash_messages(*, speaker_ids: Iterable[int], start, end, exclude_session_id=None) -> list[str]:
    speaker_ids = list(speaker_ids)
    lock_for_scheduling(Speaker, speaker_ids)
    return [
        speaker_busy_message(placement.speaker, placement.session)
        for placement in speaker_clashes(
            speaker_ids=speaker_ids, start=start, end=end, exclude_session_id=exclude_session_id
        )
    ]


def forum_outside_summit(forum: Forum) -> str:
    summit = forum.summit
    if localtime(forum.start).date() < summit.start_date or localtime(forum.end).date() > summit.end_date:
        return _("The forum must take place within the summit's dates, %(first)s to %(last)s.") % {
            "first": date_format(summit.start_date, "DATE_FORMAT"),
            "last": date_format(summit.end_date, "DATE_FORMAT"),
        }
    return ""


def sessions_outside_forum(forum: Forum) -> list[Session]:
    """Saved sessions of a forum that its (possibly changed) time would leave outside."""
    if forum.pk is None:
        return []
    return list(forum.sessions.exclude(start__gte=forum.start, end__lte=forum.end).order_by("start"))


def session_time_errors(session: Session) -> dict[str, list[str]]:
    """The rules of a session's time that need no query: it ends after it starts, within its forum's time and its
    summit's dates."""
    errors: dict[str, list[str]] = {}
    forum = session.forum
    if session.end <= session.start:
        return {"end": [_("A session must end after it starts.")]}
    if session.start < forum.start or session.end > forum.end:
        start, end = localtime(forum.start), localtime(forum.end)
        errors.setdefault("start", []).append(
            _("The session must lie within its forum's time, %(day)s %(start)s–%(end)s.")
            % {"day": date_format(start, "SHORT_MONTH_DAY_FORMAT"), "start": start.strftime("%H:%M"),
               "end": end.strftime("%H:%M") if start.date() == end.date()
               else f'{date_format(end, "SHORT_MONTH_DAY_FORMAT")} {end.strftime("%H:%M")}'}
        )
    outside = forum_outside_summit(forum)
    if outside:
        errors.setdefault("start", []).append(outside)
    return errors


def session_schedule_errors(session: Session) -> dict[str, list[str]]:
    """Every scheduling rule the session breaks, by form field, each naming what it clashes with."""
    errors = session_time_errors(session)
    if session.end <= session.start:
        return errors
    if session.room_id:
        lock_for_scheduling(Room, [session.room_id])
        for clash in room_clashes(
            room_id=session.room_id, start=session.start, end=session.end, exclude_session_id=session.pk
        ):
            errors.setdefault("room", []).append(room_taken_message(session.room, clash))
    if session.pk:
        speaker_ids = session.session_speakers.values_list("speaker_id", flat=True)
        messages = speaker_clash_messages(
            speaker_ids=speaker_ids, start=session.start, end=session.end, exclude_session_id=session.pk
        )
        if messages:
            errors.setdefault("start", []).extend(messages)
    return errors


@contextlib.contextmanager
def room_exclusion_deferred():
    """Inside a transaction on PostgreSQL, write several sessions whose rooms or times change together (a swap)
    without the room's exclusion constraint refusing the half-written state in between: it is deferred during the
    block and checked at its end, so a clash still refuses the whole (IntegrityError). Elsewhere, nothing to do."""
    if connection.vendor != "postgresql":
        yield
        return
    name = connection.ops.quote_name(ROOM_EXCLUSION)
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {name} DEFERRED")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {name} IMMEDIATE")  # PostgreSQL checks now what it deferred

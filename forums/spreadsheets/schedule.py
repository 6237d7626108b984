"""The scheduling rules of forums/scheduling.py checked in memory for a whole sheet of sessions, with the same
messages: the rooms and speakers the sheet books are locked once (rooms, then speakers, each in id order, as a
hand edit takes them), the sessions and speakers' places around the sheet's times are read once, and each row is
checked against them and against the sheet's rows before it, which are written into the book as they are saved.
Without the locks another organizer could book a room between the reading and the writing; with them the book
stays true until the sheet's transaction ends, and PostgreSQL's exclusion constraint remains the last word."""

from collections import defaultdict

from django.db import connection
from django.db.models import Model

from summits.models import Room

from ..models import Session, SessionSpeaker, Speaker
from ..scheduling import room_taken_message, session_time_errors, speaker_busy_message


def _read_locked(model: type[Model], ids: set[int]) -> dict[int, Model]:
    """The rows, locked for the rest of the transaction where the database locks rows (not SQLite)."""
    rows = model.objects.filter(pk__in=ids).order_by("pk")
    if connection.in_atomic_block and connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return {row.pk: row for row in rows} if ids else {}


def _overlaps(session: Session, start, end) -> bool:
    return session.start < end and session.end > start


class ScheduleBook:
    """Who holds each booked room and speaker between ``start`` and ``end``."""

    def __init__(self, *, room_ids: set[int], speaker_ids: set[int], start, end):
        _read_locked(Room, room_ids)
        self.speakers = _read_locked(Speaker, speaker_ids)
        self.sessions: dict[int, Session] = {}
        self.rooms: dict[int, set[int]] = defaultdict(set)  # room id: ids of its sessions
        self.speaking: dict[int, set[int]] = defaultdict(set)  # speaker id: ids of their sessions
        if start is None:
            return
        for session in Session.objects.filter(room_id__in=room_ids, start__lt=end, end__gt=start).select_related(
                "forum"):
            self.sessions[session.pk] = session
            self.rooms[session.room_id].add(session.pk)
        for placement in SessionSpeaker.objects.filter(
                speaker_id__in=speaker_ids, session__start__lt=end, session__end__gt=start).select_related(
                "session__forum"):
            self.sessions.setdefault(placement.session_id, placement.session)
            self.speaking[placement.speaker_id].add(placement.session_id)

    def _clashes(self, session_ids: set[int], session: Session) -> list[Session]:
        found = [self.sessions[pk] for pk in session_ids if pk != session.pk]
        return sorted((other for other in found if _overlaps(other, session.start, session.end)),
                      key=lambda other: (other.start, other.pk))

    def _speaker_messages(self, speaker_ids: list[int], session: Session) -> list[str]:
        busy = [(other, speaker_id) for speaker_id in speaker_ids
                for other in self._clashes(self.speaking.get(speaker_id, set()), session)]
        busy.sort(key=lambda pair: (pair[0].start, pair[0].pk))
        return [speaker_busy_message(self.speakers[speaker_id], other) for other, speaker_id in busy]

    def errors(self, session: Session, *, placed: list[int]) -> dict[str, list[str]]:
        """What ``session_schedule_errors`` says of the session, by field: its time, its room, and its speakers
        placed now (``placed``) at its new time."""
        errors = session_time_errors(session)
        if session.end <= session.start:
            return errors
        if session.room_id:
            for clash in self._clashes(self.rooms.get(session.room_id, set()), session):
                errors.setdefault("room", []).append(room_taken_message(session.room, clash))
        if session.pk:
            messages = self._speaker_messages(placed, session)
            if messages:
                errors.setdefault("start", []).extend(messages)
        return errors

    def speaker_errors(self, session: Session, speaker_ids: list[int]) -> list[str]:
        """The speakers the sheet gives the session who speak elsewhere at its time."""
        return self._speaker_messages(speaker_ids, session)

    def record(self, session: Session, speaker_ids: list[int]) -> None:
        """A saved row: the session holds its room and its speakers at its new time (and no longer its old)."""
        for holders in (*self.rooms.values(), *self.speaking.values()):
            holders.discard(session.pk)
        self.sessions[session.pk] = session
        if session.room_id:
            self.rooms[session.room_id].add(session.pk)
        for speaker_id in speaker_ids:
            self.speaking[speaker_id].add(session.pk)

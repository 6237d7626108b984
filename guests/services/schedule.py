"""Moved sessions: the guests seated in a session's forum get one summary of the changes, in their language, once
the organizers have stopped editing the programme for a while; never one email per edit.

Each move is recorded in the save's own transaction (``record_session_move``, from forums' ``session_moved``): a
pending ``SessionMove`` per session keeps the slot the guests last heard of. The task queued after the save runs
when the quiet period is over (``send_session_move_notices``): while any move of the edition is younger than
SESSION_MOVE_NOTICE_DELAY it does nothing, and the task of the latest move comes later; the beat task
(``send_due_session_move_notices``) catches up a lost task. Sending locks the pending moves, writes each guest's
summary to the outbox and marks the moves told, all in one transaction: run twice, or retried after a failure, it
writes each summary once.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone

from core.enums import PublicationStatus
from core.services.queue import enqueue_on_commit
from forums.models import Session
from forums.services import Slot
from summits.models import Room

from ..emails import queue_guest_email
from ..enums import CLOSED_REGISTRATION_STATUSES, SeatStatus
from ..models import ForumChoice, SessionMove


@dataclass(frozen=True)
class SessionChange:
    """A session as it now stands, and where and when it was before: one line of a guest's summary."""

    move_id: int
    moved_since: datetime.datetime  # the first move since the guests were last told
    session: Session
    previous_start: datetime.datetime
    previous_end: datetime.datetime
    previous_room: Room | None

    @property
    def room(self) -> Room | None:
        return self.session.room or self.session.forum.room

    @property
    def previous_room_shown(self) -> Room | None:
        return self.previous_room or self.session.forum.room


def _delay() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SESSION_MOVE_NOTICE_DELAY)


def record_session_move(*, session_id: int, before: Slot) -> None:
    """Remember that the session moved from ``before``, in the save's transaction (a rolled back move tells nobody),
    and queue the notice for after the quiet period. A session already waiting for its notice keeps the slot its
    guests last heard of; only the time of its latest move changes."""
    session = Session.objects.select_related("forum").filter(pk=session_id).first()
    if session is None:
        return
    now = timezone.now()
    pending = SessionMove.objects.select_for_update().filter(session=session, notified_at__isnull=True)
    if not pending.update(moved_at=now, updated_at=now):
        try:
            with transaction.atomic():
                SessionMove.objects.create(
                    session=session, summit_id=session.forum.summit_id, previous_start=before.start,
                    previous_end=before.end, previous_room_id=before.room, moved_at=now,
                )
        except IntegrityError:  # another save of the same session recorded its first move at the same moment
            pending.update(moved_at=now, updated_at=now)
    schedule_session_move_notices(summit_id=session.forum.summit_id)


def schedule_session_move_notices(*, summit_id: int) -> None:
    """After the commit, queue the notice task for when the quiet period after this move is over."""
    # At call time: guests.tasks imports this package, so importing it at module level would be circular.
    from ..tasks import send_session_move_notices as notices_task

    enqueue_on_commit(notices_task, countdown=settings.SESSION_MOVE_NOTICE_DELAY, summit_id=summit_id)


def summits_with_session_moves_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Editions with moves whose guests are still to be told and whose quiet period is over; one query."""
    now = now or timezone.now()
    rows = (
        SessionMove.objects.filter(notified_at__isnull=True)
        .values("summit_id")
        .annotate(latest=Max("moved_at"), first=Min("created_at"))
        .order_by("summit_id")
    )
    return [row["summit_id"] for row in rows if _is_due(latest=row["latest"], first=row["first"], now=now)]


def _is_due(*, latest: datetime.datetime, first: datetime.datetime, now: datetime.datetime) -> bool:
    """The latest move is older than the quiet period, or the first one waits since the longest wait allowed
    (organizers editing all day long still send their guests a summary now and then)."""
    max_wait = datetime.timedelta(seconds=settings.SESSION_MOVE_NOTICE_MAX_WAIT)
    return latest <= now - _delay() or first <= now - max_wait


def _changes(moves: list[SessionMove], now: datetime.datetime) -> list[SessionChange]:
    """The moves worth telling: the session is still public, it is not over, and its slot really differs from the
    one the guests last heard of (a session moved and moved back has not moved)."""
    sessions = Session.objects.select_related("forum__room__venue", "room__venue").in_bulk(
        [move.session_id for move in moves]
    )
    rooms = Room.objects.in_bulk([move.previous_room_id for move in moves if move.previous_room_id])
    changes = []
    for move in moves:
        session = sessions.get(move.session_id)
        if session is None or session.status != PublicationStatus.PUBLISHED:
            continue
        if session.forum.status != PublicationStatus.PUBLISHED or max(session.end, move.previous_end) <= now:
            continue
        if (session.start, session.end, session.room_id) == (move.previous_start, move.previous_end,
                                                              move.previous_room_id):
            continue
        changes.append(SessionChange(
            move_id=move.pk, moved_since=move.created_at, session=session, previous_start=move.previous_start,
            previous_end=move.previous_end, previous_room=rooms.get(move.previous_room_id),
        ))
    return sorted(changes, key=lambda change: (change.session.start, change.session.pk))


def _version(changes: list[SessionChange]) -> str:
    """The outbox key's version for one guest's summary: the moves it tells of. The same change set, asked again,
    has the same key and is written once."""
    ids = sorted(change.move_id for change in changes)
    return f"{ids[-1]}-{hashlib.sha256(','.join(map(str, ids)).encode()).hexdigest()[:12]}"


@transaction.atomic
def send_session_move_notices(*, summit_id: int) -> int:
    """Email each guest seated in a forum whose sessions moved one summary of those moves, if the edition's quiet
    period is over; returns how many emails were written.

    The pending moves are locked, the summaries written to the outbox and the moves marked told in one transaction:
    a second run finds nothing pending, and a run that fails leaves everything pending for the next one. A guest is
    told of the sessions of the forums they hold a seat in, chosen before the session first moved (a guest who
    chose later saw the new time), and a cancelled or rejected registration holds no seat.
    """
    now = timezone.now()
    moves = list(
        SessionMove.objects.select_for_update().filter(summit_id=summit_id, notified_at__isnull=True).order_by("pk")
    )
    if not moves or not _is_due(latest=max(move.moved_at for move in moves),
                                first=min(move.created_at for move in moves), now=now):
        return 0
    SessionMove.objects.filter(pk__in=[move.pk for move in moves]).update(notified_at=now, updated_at=now)
    changes = _changes(moves, now)
    if not changes:
        return 0
    seats = (
        ForumChoice.objects.filter(forum_id__in={change.session.forum_id for change in changes},
                                   seat_status=SeatStatus.SEATED)
        .exclude(registration__status__in=CLOSED_REGISTRATION_STATUSES)
        .select_related("registration__guest", "registration__summit")
        .order_by("registration_id", "pk")
    )
    chosen: dict[int, dict[int, datetime.datetime]] = {}  # registration -> forum -> when chosen
    registrations = {}
    for seat in seats:
        registrations[seat.registration_id] = seat.registration
        chosen.setdefault(seat.registration_id, {})[seat.forum_id] = seat.created_at
    count = 0
    for registration_id, forums in chosen.items():
        theirs = [change for change in changes
                  if change.session.forum_id in forums and forums[change.session.forum_id] <= change.moved_since]
        if theirs:
            queue_guest_email(registration=registrations[registration_id], kind="sessions_moved",
                              version=_version(theirs), extra={"changes": theirs})
            count += 1
    return count


def send_due_session_move_notices() -> int:
    """The beat's catch-up: every edition whose quiet period is over (a task lost with the broker, or the worker)."""
    return sum(send_session_move_notices(summit_id=summit_id) for summit_id in summits_with_session_moves_due())


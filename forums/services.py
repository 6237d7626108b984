"""Forum rules: when a saved forum or session has moved, which the apps above forums act on (guests tell their
guests)."""

from dataclasses import dataclass, fields
from datetime import datetime

from .models import Forum, Session
from .signals import forum_moved, session_moved

# The names a save's ``update_fields`` may give for the slot's fields; a save naming none of them cannot move it.
SLOT_FIELD_NAMES = frozenset({"start", "end", "room", "room_id"})


@dataclass(frozen=True)
class Slot:
    """When and where a forum or a session happens: the times and room its guests are told about."""

    start: datetime
    end: datetime
    room: int | None  # the room's id

    @classmethod
    def of(cls, row: Forum | Session) -> "Slot":
        return cls(start=row.start, end=row.end, room=row.room_id)

    def changes_from(self, before: "Slot") -> frozenset[str]:
        """The fields ("start", "end", "room") in which this slot differs from ``before``."""
        return frozenset(
            slot_field.name for slot_field in fields(Slot)
            if getattr(before, slot_field.name) != getattr(self, slot_field.name)
        )


ForumSlot = Slot  # the name the forum's side has always used


def stored_slot(*, forum_id: int) -> Slot | None:
    """The slot the database holds for the forum, read before a save replaces it; None when it is not stored."""
    row = Forum.objects.filter(pk=forum_id).values_list("start", "end", "room").first()
    return Slot(*row) if row else None


def stored_session_slot(*, session_id: int) -> Slot | None:
    """The slot the database holds for the session, read before a save replaces it; None when it is not stored."""
    row = Session.objects.filter(pk=session_id).values_list("start", "end", "room").first()
    return Slot(*row) if row else None


def announce_forum_move(*, forum: Forum, before: Slot) -> frozenset[str]:
    """Send ``forum_moved`` if the just saved ``forum`` has another start, end or room than ``before`` (the stored
    slot it replaced). Returns what changed; empty when the forum did not move, and then nothing is sent."""
    changed = Slot.of(forum).changes_from(before)
    if changed:
        forum_moved.send(sender=Forum, forum_id=forum.pk, changed=changed)
    return changed


def announce_session_move(*, session: Session, before: Slot) -> frozenset[str]:
    """Send ``session_moved`` if the just saved ``session`` has another start, end or room than ``before`` (the
    stored slot it replaced), with that slot. Returns what changed; empty (and nothing sent) when it did not move."""
    changed = Slot.of(session).changes_from(before)
    if changed:
        session_moved.send(sender=Session, session_id=session.pk, forum_id=session.forum_id, changed=changed,
                           before=before)
    return changed

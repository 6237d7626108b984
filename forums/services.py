"""Forum rules: when a saved forum has moved, which the apps above forums act on (guests tell its guests)."""

from dataclasses import dataclass, fields
from datetime import datetime

from .models import Forum
from .signals import forum_moved

# The names a save's ``update_fields`` may give for the slot's fields; a save naming none of them cannot move it.
SLOT_FIELD_NAMES = frozenset({"start", "end", "room", "room_id"})


@dataclass(frozen=True)
class ForumSlot:
    """When and where a forum happens: the times and room its guests are told about."""

    start: datetime
    end: datetime
    room: int | None  # the room's id

    @classmethod
    def of(cls, forum: Forum) -> "ForumSlot":
        return cls(start=forum.start, end=forum.end, room=forum.room_id)


def stored_slot(*, forum_id: int) -> ForumSlot | None:
    """The slot the database holds for the forum, read before a save replaces it; None when it is not stored."""
    row = Forum.objects.filter(pk=forum_id).values_list("start", "end", "room").first()
    return ForumSlot(*row) if row else None


def announce_forum_move(*, forum: Forum, before: ForumSlot) -> frozenset[str]:
    """Send ``forum_moved`` if the just saved ``forum`` has another start, end or room than ``before`` (the stored
    slot it replaced). Returns what changed; empty when the forum did not move, and then nothing is sent."""
    after = ForumSlot.of(forum)
    changed = frozenset(
        slot_field.name for slot_field in fields(ForumSlot)
        if getattr(before, slot_field.name) != getattr(after, slot_field.name)
    )
    if changed:
        forum_moved.send(sender=Forum, forum_id=forum.pk, changed=changed)
    return changed

"""The programme's business rules, one module per concern: moves of forums and sessions and the programme copied
into next year's edition (moves.py)."""

from .moves import (
    SLOT_FIELD_NAMES,
    ForumSlot,
    Slot,
    announce_forum_move,
    announce_session_move,
    copy_programme,
    planned_copy,
    stored_session_slot,
    stored_slot,
)

__all__ = [
    "SLOT_FIELD_NAMES", "ForumSlot", "Slot", "announce_forum_move", "announce_session_move", "copy_programme",
    "planned_copy", "stored_session_slot", "stored_slot",
]

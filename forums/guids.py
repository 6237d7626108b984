"""Stable identifiers that partners key on: sessions, speakers and rooms, as UUIDs in a namespace of ours.

A session's GUID is minted once, when the row is created, and nothing ever rewrites it: a session that moves to
another time or room keeps it, so the feeds' ``guid`` and the calendar's ``UID`` still name the same item.
Speakers and rooms have no stored GUID; theirs are derived from their ids, which never change either.
"""

import secrets
import uuid

SESSION_GUID_NAMESPACE = uuid.UUID("5d1c4a8e-2b0f-4c55-9a57-0c3f6e9e2024")


def new_session_guid() -> uuid.UUID:
    """A fresh GUID for a new session (uuid5 of a random token, so every GUID we mint lives in our namespace)."""
    return uuid.uuid5(SESSION_GUID_NAMESPACE, "session:" + secrets.token_hex(16))


def speaker_guid(speaker_id: int) -> uuid.UUID:
    return uuid.uuid5(SESSION_GUID_NAMESPACE, f"speaker:{speaker_id}")


def room_guid(room_id: int) -> uuid.UUID:
    return uuid.uuid5(SESSION_GUID_NAMESPACE, f"room:{room_id}")


def forum_room_guid(forum_id: int) -> uuid.UUID:
    """The room of a forum whose venue is not announced yet: the feeds list its sessions under the forum's name."""
    return uuid.uuid5(SESSION_GUID_NAMESPACE, f"forum-room:{forum_id}")

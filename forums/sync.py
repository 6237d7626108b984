"""What partners syncing with ``?updated_since=`` must learn although no row of theirs was saved.

The API's change lists date a row by its own time and those of the rows it shows (core/api/changes.py). A removed
placement or interpretation channel, a session or forum leaving a room, a co-host added or removed leave no such
time behind, so the rows they changed are touched (core/touch.py). Signals (forums/receivers.py), like the
tombstones, because every path must count: the session's inline, a speaker's deletion,
``session.speakers.remove()``, ``forum.co_hosts.set()``, the shell: each goes through the ORM, which sends the
signals while a receiver listens.
"""

from core.touch import touch
from summits.models import Room

from .models import Forum, Session, Speaker


def placement_removed(*, session_id: int, speaker_id: int) -> None:
    """Move the session's and the speaker's ``updated_at`` forward: the placement that linked them is gone."""
    touch(Session.objects.filter(pk=session_id))
    touch(Speaker.objects.filter(pk=speaker_id))


def channel_removed(*, session_id: int) -> None:
    """An interpretation channel of the session is gone: the session shows one fewer."""
    touch(Session.objects.filter(pk=session_id))


def room_left(*, room_id: int | None) -> None:
    """A forum or session left the room: it may no longer be public, and its change list must say so."""
    if room_id is not None:
        touch(Room.objects.filter(pk=room_id))


def co_hosts_changed(*, forum_ids) -> None:
    """The forums' co-hosts changed: the link rows carry no time of their own."""
    touch(Forum.objects.filter(pk__in=forum_ids))

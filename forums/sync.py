"""Removing a speaker from a session changes both for partners syncing with ``?updated_since=``.

The API's change lists see a placement's own time while it exists; once deleted, only the session's and the
speaker's times can say so, so both are moved forward. A signal (forums/receivers.py), like the tombstones,
because every path that removes a speaker (the session's inline, a speaker's deletion,
``session.speakers.remove()``) must count: each deletes its placements through the ORM, which sends
``post_delete`` for every row while a receiver listens.
"""

from django.utils import timezone

from .models import Session, Speaker


def placement_removed(*, session_id: int, speaker_id: int) -> None:
    """Move the session's and the speaker's ``updated_at`` forward: the placement that linked them is gone."""
    now = timezone.now()
    Session.objects.filter(pk=session_id).update(updated_at=now)
    Speaker.objects.filter(pk=speaker_id).update(updated_at=now)

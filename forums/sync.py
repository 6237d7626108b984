"""Removing a speaker from a session changes both for partners syncing with ``?updated_since=``.

The API's change lists see a placement's own time while it exists; once deleted, only the session's and the
speaker's times can say so, so both are moved forward. A signal, like the tombstones, because every path that
removes a speaker (the session's inline, a speaker's deletion, ``session.speakers.remove()``) must count: each
deletes its placements through the ORM, which sends ``post_delete`` for every row while a receiver listens.
"""

from django.db.models.signals import post_delete
from django.utils import timezone


def _placement_removed(sender, instance, **kwargs):
    from .models import Session, Speaker

    now = timezone.now()
    Session.objects.filter(pk=instance.session_id).update(updated_at=now)
    Speaker.objects.filter(pk=instance.speaker_id).update(updated_at=now)


def connect_sync_signals() -> None:
    from .models import SessionSpeaker

    post_delete.connect(_placement_removed, sender=SessionSpeaker, dispatch_uid="forums:sync:placement-removed")

"""Removing a speaker from a session changes both for partners syncing with ``?updated_since=``.

The API's change lists see a placement's own time while it exists; once deleted, only the session's and the
speaker's times can say so, so both are moved forward. A signal, like the tombstones, because every path that
removes a speaker (the session's inline, a speaker's deletion, ``session.speakers.remove()``) must count.
"""

from django.db.models.signals import m2m_changed, post_delete
from django.utils import timezone


def _placement_removed(sender, instance, **kwargs):
    from .models import Session, Speaker

    now = timezone.now()
    Session.objects.filter(pk=instance.session_id).update(updated_at=now)
    Speaker.objects.filter(pk=instance.speaker_id).update(updated_at=now)


def _speakers_removed(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Session, Speaker

    if action not in {"post_remove", "post_clear"}:
        return
    now = timezone.now()
    sessions, speakers = ((pk_set or set(), {instance.pk}) if reverse else ({instance.pk}, pk_set or set()))
    Session.objects.filter(pk__in=sessions).update(updated_at=now)
    if speakers:
        Speaker.objects.filter(pk__in=speakers).update(updated_at=now)


def connect_sync_signals() -> None:
    from .models import Session, SessionSpeaker

    post_delete.connect(_placement_removed, sender=SessionSpeaker, dispatch_uid="forums:sync:placement-removed")
    m2m_changed.connect(_speakers_removed, sender=Session.speakers.through, dispatch_uid="forums:sync:speakers")

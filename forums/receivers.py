"""Forums' signal receivers, listed in ``ForumsConfig``'s docstring; imported by ``ForumsConfig.ready()``.

Signals rather than calls from each service, because every path that writes these rows must count: the admin's
forms and inlines, cascades, services, the shell, management commands and the demo loader.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from core.tombstones import leave_tombstones
from core.touch import touch_when_deleted, touch_when_relinked
from summits.models import Room
from summits.signals import edition_planned, edition_started

from . import services, sync
from .models import Forum, InterpretationChannel, Session, SessionSpeaker, Speaker
from .signals import forum_moved, forum_seats_changed, session_moved

_SLOT_BEFORE = "_forums_slot_before_save"
_SESSION_SLOT_BEFORE = "_forums_session_slot_before_save"
_SEATS_BEFORE = "_forums_seats_before_save"
SEAT_FIELD_NAMES = frozenset({"seat_quota", "room", "room_id"})


leave_tombstones(Forum, summit_year_path="summit.year")
leave_tombstones(Session, summit_year_path="forum.summit.year")
leave_tombstones(Speaker)

# What a forum, session or speaker shows of a deleted row changes with it; a room is public through its forums
# and sessions; a placement moved to another speaker or session leaves the old ones (core/touch.py).
touch_when_deleted(Forum, "theme_group")
touch_when_deleted(Speaker, "organization")
touch_when_deleted(Forum, "co_hosts")
touch_when_deleted(Room, "forums")
touch_when_deleted(Room, "sessions")
touch_when_relinked(SessionSpeaker, "session", "speaker")
touch_when_relinked(InterpretationChannel, "session")


@receiver(post_delete, sender=SessionSpeaker, dispatch_uid="forums:sync:placement-removed")
def placement_deleted(sender, instance, **kwargs):
    sync.placement_removed(session_id=instance.session_id, speaker_id=instance.speaker_id)


@receiver(post_delete, sender=InterpretationChannel, dispatch_uid="forums:sync:channel-removed")
def channel_deleted(sender, instance, **kwargs):
    sync.channel_removed(session_id=instance.session_id)


@receiver(m2m_changed, sender=Forum.co_hosts.through, dispatch_uid="forums:sync:co-hosts")
def co_hosts_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Before a clear (the forums are still linked then), after an add or a removal."""
    if action not in {"pre_clear", "post_add", "post_remove"}:
        return
    if not reverse:  # forum.co_hosts.add(...)
        sync.co_hosts_changed(forum_ids=[instance.pk])
    elif action == "pre_clear":  # organization.co_hosted_forums.clear()
        sync.co_hosts_changed(forum_ids=list(instance.co_hosted_forums.values_list("pk", flat=True)))
    else:
        sync.co_hosts_changed(forum_ids=pk_set)


@receiver(forum_moved, dispatch_uid="forums:sync:forum-left-room")
def forum_left_room(sender, changed, before, **kwargs):
    if "room" in changed:
        sync.room_left(room_id=before.room)


@receiver(session_moved, dispatch_uid="forums:sync:session-left-room")
def session_left_room(sender, changed, before, **kwargs):
    if "room" in changed:
        sync.room_left(room_id=before.room)


def _remember_stored(instance, key: str, fields: frozenset[str], stored, *, raw: bool, update_fields) -> None:
    """Before a save: keep on the instance, under ``key``, what the database holds of ``fields`` (``stored()``):
    only the database still knows it. Nothing for loaddata or a new row (nobody has chosen it yet), nor for a save
    writing none of ``fields`` (no query spent on finding out)."""
    instance.__dict__.pop(key, None)  # a value left by a save that failed after this receiver ran
    if raw or instance.pk is None or (update_fields is not None and not fields & set(update_fields)):
        return
    instance.__dict__[key] = stored()


@receiver(pre_save, sender=Forum, dispatch_uid="forums:forum:remember-slot")
def remember_stored_slot(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before the save: when and where the forum was."""
    _remember_stored(instance, _SLOT_BEFORE, services.SLOT_FIELD_NAMES,
                     lambda: services.stored_slot(forum_id=instance.pk), raw=raw, update_fields=update_fields)


@receiver(post_save, sender=Forum, dispatch_uid="forums:forum:announce-move")
def announce_if_moved(sender, instance, raw=False, created=False, **kwargs):
    before = instance.__dict__.pop(_SLOT_BEFORE, None)
    if raw or created or before is None:
        return
    services.announce_forum_move(forum=instance, before=before)


@receiver(pre_save, sender=Forum, dispatch_uid="forums:forum:remember-seats")
def remember_stored_seats(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before the save: the seat quota and room the forum had, which decide its seats."""
    _remember_stored(instance, _SEATS_BEFORE, SEAT_FIELD_NAMES,
                     lambda: Forum.objects.filter(pk=instance.pk).values_list("seat_quota", "room_id").first(),
                     raw=raw, update_fields=update_fields)


@receiver(post_save, sender=Forum, dispatch_uid="forums:forum:announce-seats")
def announce_if_seats_changed(sender, instance, raw=False, created=False, **kwargs):
    before = instance.__dict__.pop(_SEATS_BEFORE, None)
    if raw or created or before is None or before == (instance.seat_quota, instance.room_id):
        return
    forum_seats_changed.send(sender=Forum, forum_id=instance.pk)


@receiver(pre_save, sender=Session, dispatch_uid="forums:session:remember-slot")
def remember_stored_session_slot(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before the save: when and where the session was."""
    _remember_stored(instance, _SESSION_SLOT_BEFORE, services.SLOT_FIELD_NAMES,
                     lambda: services.stored_session_slot(session_id=instance.pk), raw=raw,
                     update_fields=update_fields)


@receiver(post_save, sender=Session, dispatch_uid="forums:session:announce-move")
def announce_if_session_moved(sender, instance, raw=False, created=False, **kwargs):
    before = instance.__dict__.pop(_SESSION_SLOT_BEFORE, None)
    if raw or created or before is None:
        return
    services.announce_session_move(session=instance, before=before)


@receiver(edition_planned, dispatch_uid="forums:edition:plan-copy")
def plan_programme_copy(sender, source, **kwargs):
    return services.planned_copy(source=source)


@receiver(edition_started, dispatch_uid="forums:edition:copy-programme")
def copy_programme(sender, source, new_summit, shift, **kwargs):
    services.copy_programme(source=source, new_summit=new_summit, shift=shift)

"""Partners' signal receivers, listed in ``PartnersConfig``'s docstring; imported by ``PartnersConfig.ready()``.

Webhook events from programme changes, hung on model signals.

Signals, against the house rule of one service owning every effect, because a partner must hear of every change
to a public session whatever path made it: the session form and its speaker inline, the forum's session inline,
the publish actions, services, the demo loader, a forum or summit deleted with its sessions. (core/receivers.py
follows the content version the same way.) The handlers only decide which event a write is; the rule of what an
event is and who receives it is ``services.queue_session_event``.

- A save that leaves the session public is ``session.updated``; one that makes a public session non-public
  (unpublished) is ``session.deleted``; a save of a session that was not public and still is not sends nothing.
- Deleting a public session is ``session.deleted``.
- Changing the speakers of a public session is ``session.updated`` (merged with the session's own event when the
  admin saves both at once).
- Publishing or unpublishing a forum is ``session.updated`` or ``session.deleted`` for each of its published
  sessions. Publishing or unpublishing a whole summit sends nothing per session (partners re-sync a new edition
  with ``?updated_since=``), and neither does a queryset ``update()``, which sends no signal.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from forums.models import Forum, Session, SessionSpeaker

from . import selectors, services
from .enums import WebhookEvent
from .models import Webhook

_BEFORE = "_partners_public_summit_before_save"
_FORUM_BEFORE = "_partners_forum_summit_before_save"


@receiver(post_save, sender=Webhook, dispatch_uid="partners:webhook:save")
@receiver(post_delete, sender=Webhook, dispatch_uid="partners:webhook:delete")
def _webhook_changed(sender, **kwargs):
    """A webhook added, changed or removed: ask the database again whether anyone listens."""
    selectors.forget_active_webhooks()


@receiver(pre_save, sender=Session, dispatch_uid="partners:session:pre_save")
def _remember_if_public(sender, instance, raw=False, **kwargs):
    """Before the save: was the session public? Only the database still knows."""
    if raw or instance.pk is None or not selectors.any_active_webhook():
        return
    setattr(instance, _BEFORE, selectors.public_session_summit_id(instance.pk))


@receiver(post_save, sender=Session, dispatch_uid="partners:session:post_save")
def _session_saved(sender, instance, raw=False, **kwargs):
    if raw or not selectors.any_active_webhook():  # loaddata, or nobody listening
        return
    before = instance.__dict__.pop(_BEFORE, None)
    if before is None and not instance.is_published:
        return  # a draft edited: nothing public changed (and no query spent on finding out)
    now = selectors.public_session_summit_id(instance.pk)
    if now is not None:
        services.queue_session_event(session=instance, event_type=WebhookEvent.SESSION_UPDATED, summit_id=now)
    elif before is not None:
        services.queue_session_event(session=instance, event_type=WebhookEvent.SESSION_DELETED, summit_id=before)


@receiver(post_delete, sender=Session, dispatch_uid="partners:session:post_delete")
def _session_deleted(sender, instance, **kwargs):
    # The session's row is gone; its forum and summit are still there, even when they are being deleted with it
    # (Django deletes the dependent rows first).
    if not instance.is_published or not selectors.any_active_webhook():
        return
    summit_id = selectors.public_forum_summit_id(instance.forum_id)
    if summit_id is not None:
        services.queue_session_event(session=instance, event_type=WebhookEvent.SESSION_DELETED, summit_id=summit_id)


@receiver(post_save, sender=SessionSpeaker, dispatch_uid="partners:placement:post_save")
@receiver(post_delete, sender=SessionSpeaker, dispatch_uid="partners:placement:post_delete")
def _placement_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A speaker added to, changed in or removed from a session."""
    if raw:
        return
    if origin is not None and getattr(origin, "model", type(origin)) is not sender:
        return  # removed because its session (or forum, or summit) is being deleted: that is the event
    _session_changed(instance.session_id)


@receiver(m2m_changed, sender=Session.speakers.through, dispatch_uid="partners:speakers:m2m")
def _speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``session.speakers.add()`` and friends, which write the through rows without their own signals."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    session_ids = sorted(pk_set or []) if reverse else [instance.pk]
    for session_id in session_ids:
        _session_changed(session_id)


def _session_changed(session_id: int) -> None:
    if not selectors.any_active_webhook():
        return
    summit_id = selectors.public_session_summit_id(session_id)
    if summit_id is not None:
        session = Session.objects.only("pk", "guid").get(pk=session_id)
        services.queue_session_event(session=session, event_type=WebhookEvent.SESSION_UPDATED, summit_id=summit_id)


@receiver(pre_save, sender=Forum, dispatch_uid="partners:forum:pre_save")
def _remember_if_forum_public(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or not selectors.any_active_webhook():
        return
    setattr(instance, _FORUM_BEFORE, selectors.public_forum_summit_id(instance.pk))


@receiver(post_save, sender=Forum, dispatch_uid="partners:forum:post_save")
def _forum_saved(sender, instance, raw=False, created=False, **kwargs):
    """A forum published or unpublished: its published sessions appear to or leave the public."""
    if raw or created or not selectors.any_active_webhook():
        return
    before = instance.__dict__.pop(_FORUM_BEFORE, None)
    now = selectors.public_forum_summit_id(instance.pk)
    if (before is None) == (now is None):
        return  # still public (its sessions' own saves report their changes) or still hidden
    event_type = WebhookEvent.SESSION_UPDATED if now is not None else WebhookEvent.SESSION_DELETED
    for session in selectors.published_sessions_of_forum(instance.pk):
        services.queue_session_event(session=session, event_type=event_type, summit_id=now or before)

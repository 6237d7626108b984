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
- Changing the speakers of a public session (a speaker's consent to streaming or recording included: it shows or
  hides the session's links) or its interpretation channels is ``session.updated`` (merged with the session's own
  event when the admin saves both at once).
- Publishing or unpublishing a forum is ``session.updated`` or ``session.deleted`` for each of its published
  sessions. Publishing or unpublishing a whole summit sends nothing per session (partners re-sync a new edition
  with ``?updated_since=``), and neither does a queryset ``update()``, which sends no signal.
- A row that a session's event shows (``SHOWN``: its room and the room's venue, its speakers and their
  organisations, its forum with the forum's theme, host and co-hosts) saved with a change a partner sees, a
  forum's co-hosts changed, an organisation or theme deleted (which unlinks them): ``session.updated`` for every
  public session showing it, found and rendered after the commit by the worker
  (``services.fan_out_session_events_on_commit``). New rows are shown by no session yet; rooms, venues and
  speakers that sessions show cannot be deleted (PROTECT).
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from modeltranslation.utils import build_localized_fieldname

from forums.models import Forum, InterpretationChannel, Session, SessionSpeaker, Speaker, ThemeGroup
from members.models import Organization
from summits.models import Room, Venue

from . import selectors, services
from .enums import WebhookEvent
from .models import Webhook

_BEFORE = "_partners_public_summit_before_save"
_FORUM_BEFORE = "_partners_forum_summit_before_save"
_SHOWN_BEFORE = "_partners_shown_before_save"


def _localized(*names: str) -> tuple[str, ...]:
    return tuple(build_localized_fieldname(name, code) for name in names for code, _name in settings.LANGUAGES)


def _with_translations(*names: str) -> frozenset[str]:
    return frozenset({*names, *_localized(*names)})


# What a session's event shows of each related row (forums/api/serializers.py, with every expansion and language).
# Rooms, speakers and forums show their updated_at, so each save of theirs changes the event; of the others the
# event shows a few fields, compared with the database's before the save.
SHOWN = {
    Room: _with_translations("name", "slug", "venue", "capacity", "floor", "updated_at"),
    Speaker: _with_translations("name", "title", "affiliation", "bio", "slug", "organization", "country", "photo",
                                "updated_at"),
    Forum: _with_translations("title", "description", "summit", "kind", "theme_group", "slug", "host", "room",
                              "start", "end", "updated_at"),
    Venue: frozenset({"slug"}),  # a room names its venue by its slug
    ThemeGroup: frozenset({"slug"}),  # a forum names its theme by its slug
    Organization: _with_translations("slug", "name", "short_name"),
}
# The columns compared for the rows shown by a few fields (each language's own column: what the bare name reads
# follows the active language).
COMPARED = {Venue: ("slug",), ThemeGroup: ("slug",), Organization: ("slug", *_localized("name", "short_name"))}


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
@receiver(post_save, sender=InterpretationChannel, dispatch_uid="partners:channel:post_save")
@receiver(post_delete, sender=InterpretationChannel, dispatch_uid="partners:channel:post_delete")
def _placement_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A speaker added to, changed in (their consent, say) or removed from a session; an interpretation channel
    added, changed or removed."""
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
def _forum_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    """A forum published or unpublished: its published sessions appear to or leave the public. A public forum
    changed: each of its public sessions shows it."""
    if raw or created or not selectors.any_active_webhook():
        return
    before = instance.__dict__.pop(_FORUM_BEFORE, None)
    now = selectors.public_forum_summit_id(instance.pk)
    if (before is None) == (now is None):
        if now is not None and _writes_shown(Forum, update_fields):
            # Still public, and shown by each of its sessions: the worker finds them and renders each.
            services.fan_out_session_events_on_commit(model="forums.forum", row_ids=[instance.pk])
        return
    event_type = WebhookEvent.SESSION_UPDATED if now is not None else WebhookEvent.SESSION_DELETED
    for session in selectors.published_sessions_of_forum(instance.pk):
        services.queue_session_event(session=session, event_type=event_type, summit_id=now or before)


# --- Rows that sessions show ----------------------------------------------------------------------------------


def _writes_shown(model, update_fields) -> bool:
    if update_fields is None:
        return True
    columns = {field.attname for field in model._meta.concrete_fields if field.name in SHOWN[model]}
    return bool(set(update_fields) & (SHOWN[model] | columns))


def _stored_values(model, pk) -> tuple | None:
    return model._base_manager.filter(pk=pk).values_list(*COMPARED[model]).first()


@receiver(pre_save, sender=Venue, dispatch_uid="partners:venue:pre_save")
@receiver(pre_save, sender=ThemeGroup, dispatch_uid="partners:themegroup:pre_save")
@receiver(pre_save, sender=Organization, dispatch_uid="partners:organization:pre_save")
def _remember_shown(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before the save of a row shown by a few fields: what the database holds of them (one query by key)."""
    instance.__dict__.pop(_SHOWN_BEFORE, None)  # left by a save that failed after this receiver ran
    if raw or instance._state.adding or not _writes_shown(sender, update_fields) or not selectors.any_active_webhook():
        return
    instance.__dict__[_SHOWN_BEFORE] = _stored_values(sender, instance.pk)


@receiver(post_save, sender=Room, dispatch_uid="partners:room:post_save")
@receiver(post_save, sender=Speaker, dispatch_uid="partners:speaker:post_save")
@receiver(post_save, sender=Venue, dispatch_uid="partners:venue:post_save")
@receiver(post_save, sender=ThemeGroup, dispatch_uid="partners:themegroup:post_save")
@receiver(post_save, sender=Organization, dispatch_uid="partners:organization:post_save")
def _shown_row_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or created or not _writes_shown(sender, update_fields):
        return
    if sender in COMPARED:
        before = instance.__dict__.pop(_SHOWN_BEFORE, None)
        if before is None or before == tuple(getattr(instance, name) for name in COMPARED[sender]):
            return  # nobody listening (nothing remembered), or nothing a session shows changed
    services.fan_out_session_events_on_commit(model=sender._meta.label_lower, row_ids=[instance.pk])


@receiver(m2m_changed, sender=Forum.co_hosts.through, dispatch_uid="partners:co-hosts:m2m")
def _co_hosts_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``forum.co_hosts.set()`` (the forum's form), ``organization.co_hosted_forums.add()`` and friends."""
    if not selectors.any_active_webhook():
        return
    if not reverse and action in {"post_add", "post_remove", "post_clear"}:
        forum_ids = [instance.pk]
    elif reverse and action in {"post_add", "post_remove"}:
        forum_ids = sorted(pk_set or [])
    elif reverse and action == "pre_clear":  # the forums are still linked only now
        forum_ids = list(instance.co_hosted_forums.values_list("pk", flat=True))
    else:
        return
    services.fan_out_session_events_on_commit(model="forums.forum", row_ids=forum_ids)


@receiver(pre_delete, sender=Organization, dispatch_uid="partners:organization:pre_delete")
def _organization_deleted(sender, instance, **kwargs):
    """Its speakers lose it (SET_NULL) and its co-hosted forums their link row, both without a signal of theirs:
    their sessions change. (A forum it hosts stops the deletion: PROTECT.)"""
    if not selectors.any_active_webhook():
        return
    services.fan_out_session_events_on_commit(
        model="forums.speaker", row_ids=list(instance.speakers.values_list("pk", flat=True)))
    services.fan_out_session_events_on_commit(
        model="forums.forum", row_ids=list(instance.co_hosted_forums.values_list("pk", flat=True)))


@receiver(pre_delete, sender=ThemeGroup, dispatch_uid="partners:themegroup:pre_delete")
def _theme_deleted(sender, instance, **kwargs):
    """Its forums lose their theme (SET_NULL, without a save of theirs)."""
    if not selectors.any_active_webhook():
        return
    services.fan_out_session_events_on_commit(
        model="forums.forum", row_ids=list(instance.forums.values_list("pk", flat=True)))

"""Moving a row's ``updated_at`` forward when what the API shows of it changed without a save of its own.

A change list (``?updated_since=``, core/api/changes.py) dates a row by the latest ``updated_at`` among it and the
rows it shows or depends on: its forum, its room, its speakers. Two changes leave no such time behind: a row that
is deleted (an exhibit's image, a category, a session that was a room's last) and a link that points elsewhere (a
session moved to another room, a membership given to another organisation). The rows that showed them are
"touched" instead, as Rails' ``touch: true`` does. Receivers, like the tombstones, because every path must count:
the admin's forms and inlines, cascades, services, the shell and the demo loader. Each app connects them from its
receivers.py, for its own rows, so that a lower app never names a higher one.
"""

from django.db.models import Model, QuerySet
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone


def touch(rows: QuerySet) -> int:
    """Move ``updated_at`` of ``rows`` to now, without a save (no signal, no other field written)."""
    return rows.update(updated_at=timezone.now())


def touch_when_deleted(rows: type[Model], via: str) -> None:
    """When a row that ``rows`` reach through their relation ``via`` is deleted, touch them, before a SET_NULL or a
    cascade unlinks them: e.g. the forums of a deleted theme group (``touch_when_deleted(Forum, "theme_group")``).
    The deleted model is read from the relation, so an app names no model of a sibling app."""
    model = rows._meta.get_field(via).related_model

    def deleted(sender, instance, **kwargs):
        touch(rows._base_manager.filter(**{via: instance}))

    uid = f"touch:{model._meta.label_lower}:{rows._meta.label_lower}:{via}"
    pre_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)


def touch_when_relinked(model: type[Model], *fields: str) -> None:
    """When a saved ``model`` row's foreign key among ``fields`` points to another row, touch the row it pointed
    to: that row lost what it showed or what made it public (a speaker leaves a session, a membership an
    organisation). One query before each save of an existing row that writes one of ``fields``; called once per
    model (its receivers' dispatch_uid), with all its fields."""
    label = model._meta.label_lower
    key = f"_touch_stored_{'_'.join(fields)}"
    columns = [model._meta.get_field(name).attname for name in fields]

    def before(sender, instance, raw=False, update_fields=None, **kwargs):
        instance.__dict__.pop(key, None)  # left by a save that failed after this receiver ran
        if raw or instance._state.adding or instance.pk is None:
            return
        if update_fields is not None and not set(update_fields) & {*fields, *columns}:
            return
        instance.__dict__[key] = model._base_manager.filter(pk=instance.pk).values_list(*columns).first()

    def after(sender, instance, raw=False, **kwargs):
        stored = instance.__dict__.pop(key, None)
        if raw or stored is None:
            return
        for name, column, old in zip(fields, columns, stored, strict=True):
            if old is not None and old != getattr(instance, column):
                touch(model._meta.get_field(name).related_model._base_manager.filter(pk=old))

    pre_save.connect(before, sender=model, weak=False, dispatch_uid=f"touch:{label}:relinked:before")
    post_save.connect(after, sender=model, weak=False, dispatch_uid=f"touch:{label}:relinked:after")

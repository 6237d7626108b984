"""Tombstones for deleted public rows, written in the deleting transaction (a rolled-back delete leaves none).

Like the content version, they hang on model signals (each app's receivers.py calls ``leave_tombstones`` for its
public models) so that every path that deletes (the admin, cascades from a deleted forum or summit,
services) leaves one.
"""

from django.db.models.signals import pre_delete

from .models import Tombstone


def _summit_year(instance, path: str | None):
    value = instance
    for attribute in (path or "").split(".") if path else []:
        try:
            value = getattr(value, attribute)
        except Exception:  # noqa: BLE001 - a parent already gone in a cascade: the year is only a filter hint
            return None
        if value is None:
            return None
    return value if path else None


def record_tombstone(instance, *, summit_year_path: str | None = None) -> None:
    """Record that ``instance`` is being deleted; ``summit_year_path`` (e.g. "forum.summit.year") finds the summit
    year partners filter on, None for a row that belongs to no summit."""
    Tombstone.objects.create(
        model=instance._meta.label_lower,
        object_id=instance.pk,
        guid=getattr(instance, "guid", None),
        summit_year=_summit_year(instance, summit_year_path),
    )


def leave_tombstones(model, *, summit_year_path: str | None = None) -> None:
    """Connect the receiver that records a tombstone for each deleted row of ``model`` (once per model: its
    dispatch_uid); each app calls it from its receivers.py for the models partners sync."""

    def row_deleted(sender, instance, **kwargs):
        record_tombstone(instance, summit_year_path=summit_year_path)

    pre_delete.connect(row_deleted, sender=model, weak=False, dispatch_uid=f"tombstone:{model._meta.label_lower}")

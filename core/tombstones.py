"""Tombstones for deleted public rows, written in the deleting transaction (a rolled-back delete leaves none).

Like the content version, they hang on model signals so that every path that deletes (the admin, cascades from a
deleted forum or summit, services) leaves one.
"""

from django.db.models.signals import pre_delete

# label_lower -> how to find the summit year of a row about to be deleted (None: the row belongs to no summit).
TRACKED: dict[str, str | None] = {}


def track_deletions(model, *, summit_year_path: str | None = None) -> None:
    """Record a tombstone whenever a ``model`` row is deleted; ``summit_year_path`` is e.g. "forum.summit.year"."""
    TRACKED[model._meta.label_lower] = summit_year_path
    pre_delete.connect(_record_tombstone, sender=model, dispatch_uid=f"tombstone:{model._meta.label_lower}")


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


def _record_tombstone(sender, instance, **kwargs):
    from .models import Tombstone

    label = sender._meta.label_lower
    Tombstone.objects.create(
        model=label,
        object_id=instance.pk,
        guid=getattr(instance, "guid", None),
        summit_year=_summit_year(instance, TRACKED.get(label)),
    )

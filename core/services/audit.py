"""The audit trail: who did what to which object, written by the service that did it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise

from ..enums import AuditAction
from ..models import AuditEntry


def record_audit(
    *,
    actor,
    action: AuditAction,
    obj: models.Model,
    changes: dict | None = None,
    note: str | Promise = "",
    personal: bool = False,
) -> AuditEntry:
    """Add one line to the audit trail: who did what to which object, with the changed values.

    For personal data (``personal=True``) the object is named by its type and id only, never by its content.
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=f"{obj._meta.verbose_name} #{obj.pk}" if personal else str(obj)[:300],
        changes=changes or {},
        note=str(note)[:300],
    )

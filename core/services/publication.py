"""Publishing and unpublishing content from the admin, each change audited."""

from django.db import transaction
from django.utils import timezone

from ..enums import AuditAction, PublicationStatus
from .audit import record_audit


@transaction.atomic
def set_publication_status(*, queryset, status: str, actor) -> int:
    """Publish or unpublish the given content; returns how many rows changed. Each change is audited."""
    changed = 0
    # Lock by id: the admin's queryset may carry outer joins, which PostgreSQL cannot lock.
    ids = list(queryset.values_list("pk", flat=True))
    rows = queryset.model._default_manager.select_for_update().filter(pk__in=ids)
    for obj in rows.exclude(status=status).order_by("pk"):
        obj.status = status
        if status == PublicationStatus.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        obj.save(update_fields=["status", "published_at", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=obj, changes={"status": status}, note=status)
        changed += 1
    return changed

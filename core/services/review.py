"""Copies of last year's rows marked reviewed by an organizer (see ``core/review.py``), each one audited."""

from django.db import transaction

from ..enums import AuditAction
from .audit import record_audit


@transaction.atomic
def mark_reviewed(*, queryset, actor) -> int:
    """Clear the "to review" mark of the given rows; returns how many had it. Each change is audited."""
    ids = list(queryset.filter(needs_review=True).values_list("pk", flat=True))
    rows = queryset.model._default_manager.select_for_update().filter(pk__in=ids, needs_review=True).order_by("pk")
    count = 0
    for obj in rows:
        obj.needs_review = False
        obj.save(update_fields=["needs_review", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=obj, changes={"needs_review": [True, False]},
                     note="reviewed")
        count += 1
    return count

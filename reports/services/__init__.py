"""The reports' business rules: publishing an edition (now or at its release time, by a Celery task) and the
readers subscribed to new editions."""

from .publishing import (
    body_blocks,
    cancel_scheduled_release,
    due_run_edition_ids,
    edition_html,
    publish_due_reports,
    publish_edition,
    release_time,
    request_publication,
    request_publication_at_release_time,
    reschedule_publication,
    retry_publication,
)
from .subscriptions import (
    active_subscribers,
    confirm_subscription,
    queue_new_report_emails,
    subscribe,
    unsubscribe,
)

__all__ = [
    "body_blocks", "cancel_scheduled_release", "due_run_edition_ids", "edition_html", "publish_due_reports",
    "publish_edition", "release_time", "request_publication", "request_publication_at_release_time",
    "reschedule_publication", "retry_publication",
    "active_subscribers", "confirm_subscription", "queue_new_report_emails", "subscribe", "unsubscribe",
]

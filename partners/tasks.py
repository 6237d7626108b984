"""Webhook tasks: they take ids, and the delivery's row (claimed before the POST, its schedule in next_attempt_at)
makes a second run of the same task send nothing.

No Celery retries: a failed attempt writes its next one in the row; the countdown task below sends it on time, and
beat's requeue_webhook_deliveries sends whatever is due and was not sent (a lost message, a worker that died)."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="wic.partners.deliver_webhook")
def deliver_webhook(*, delivery_id: int) -> str:
    result = services.deliver_webhook(delivery_id=delivery_id)
    if result.retry_in is not None:
        # The next attempt, on time; if this message is lost, requeue_webhook_deliveries sends it a little late.
        services.enqueue_deliveries(delivery_ids=[delivery_id], countdown=result.retry_in)
    return result.status


@shared_task(name="wic.partners.requeue_webhook_deliveries")
def requeue_webhook_deliveries() -> int:
    """Periodic (Celery beat): send the deliveries that are due, retries and lost tasks alike."""
    return services.requeue_due_deliveries()


@shared_task(name="wic.partners.fan_out_session_events")
def fan_out_session_events(*, model: str, row_ids: list[int]) -> int:
    """A row that public sessions show changed (a room, a speaker, a forum...): their ``session.updated`` events.
    Idempotent: a second run merges into the deliveries the first wrote, while they are not yet attempted."""
    return services.fan_out_session_events(model=model, row_ids=row_ids)

"""Webhook tasks: they take ids, and the row lock and status make a second run of the same task send nothing."""

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
    """Periodic (Celery beat): queue again the deliveries whose attempt is overdue, e.g. after a broker restart."""
    return services.requeue_due_deliveries()

"""Outbox delivery tasks: they take ids only and are safe to run twice.

``send_email`` never retries through Celery: the email's retry schedule is its row's ``next_attempt_at``, and
``flush_outbox`` (beat, every OUTBOX_FLUSH_SECONDS) queues the emails that are due. One schedule per email, however
many tasks the broker, beat or a crash produce. Return values and logs name the email by id and outcome only.
"""

import logging

from celery import shared_task

from .services.delivery import deliver_email, due_email_ids
from .services.queue import enqueue

logger = logging.getLogger(__name__)


@shared_task(name="wic.core.send_email")
def send_email(*, email_id: int) -> str:
    """Try to send one email now; ``sent``, ``retry 451``, ``failed 550``, ``not due``... (no address, no subject)."""
    delivery = deliver_email(email_id=email_id)
    if delivery.outcome not in {"sent", "retry", "failed"}:  # left alone: the outcome says why
        logger.info("Email %s not sent: %s", email_id, delivery)
    return str(delivery)


@shared_task(name="wic.core.flush_outbox")
def flush_outbox() -> int:
    """Periodic (Celery beat): queue the emails that are due, their retries as well as queued ones whose task was
    lost (e.g. while the broker was down) and those left being sent by a worker that stopped, once their time is
    up."""
    email_ids = due_email_ids()
    for email_id in email_ids:
        enqueue(send_email, email_id=email_id)
    return len(email_ids)

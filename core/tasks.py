"""Outbox delivery tasks: they take ids only and are safe to run twice."""

import logging

from celery import shared_task

from .log_scrubbing import scrub_personal_data
from .services.delivery import MAX_EMAIL_ATTEMPTS, deliver_email, pending_email_ids
from .services.queue import enqueue

logger = logging.getLogger(__name__)


class TransientEmailError(Exception):
    """Raised to make Celery retry a send that failed for a passing reason."""


@shared_task(
    name="wic.core.send_email",
    autoretry_for=(TransientEmailError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=MAX_EMAIL_ATTEMPTS,
)
def send_email(*, email_id: int) -> str:
    delivery = deliver_email(email_id=email_id)
    # The server's answer often quotes the address: what goes to the log, the retry's exception and the task's
    # result (stored in the result backend) is scrubbed; the outbox row keeps the answer for the admin.
    reason = scrub_personal_data(delivery.reason)
    if delivery.retry:
        raise TransientEmailError(reason)
    if not delivery.sent:
        logger.info("Email %s not sent: %s", email_id, reason)
    return "sent" if delivery.sent else reason


@shared_task(name="wic.core.flush_outbox")
def flush_outbox() -> int:
    """Periodic (Celery beat): queue again what is left in the outbox, e.g. after the broker was down."""
    email_ids = pending_email_ids()
    for email_id in email_ids:
        enqueue(send_email, email_id=email_id)
    return len(email_ids)

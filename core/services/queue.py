"""Tasks are enqueued after the transaction that wrote their rows commits, and a broker that is down never breaks
the request: the row stays where the beat catch-up (flush_outbox, publish_due_reports, requeue_webhook_deliveries)
finds it."""

import datetime
import logging

import kombu.exceptions
import redis.exceptions
from django.db import transaction

logger = logging.getLogger(__name__)

# What publishing to a broker that is down or unreachable raises (kombu wraps most of it; OSError covers the rest).
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.ConnectionError, OSError)


def enqueue(task, *, countdown: float | None = None, eta: datetime.datetime | None = None, **kwargs) -> None:
    """Send ``task`` with ``kwargs`` now; a broker error is logged (by task name only: the kwargs are left out
    of the log) and swallowed, since the row the task works on is already saved."""
    try:
        task.apply_async(kwargs=kwargs, countdown=countdown, eta=eta)
    except BROKER_ERRORS as error:
        logger.warning("Broker unavailable (%s); %s not queued, the catch-up sends it later",
                       type(error).__name__, task.name)


def enqueue_on_commit(task, *, countdown: float | None = None, eta: datetime.datetime | None = None,
                      **kwargs) -> None:
    """Send ``task`` once the surrounding transaction commits (at once outside one); never if it rolls back."""

    def enqueue_after_commit() -> None:
        enqueue(task, countdown=countdown, eta=eta, **kwargs)

    transaction.on_commit(enqueue_after_commit)

"""Tasks are enqueued after the transaction that wrote their rows commits, and a broker that is down never breaks
the request: the row stays where the beat catch-up (flush_outbox, publish_due_reports, requeue_webhook_deliveries)
finds it."""

import datetime
import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *, countdown: float | None = None, eta: datetime.datetime | None = None, **kwargs) -> None:
    """Send ``task`` with ``kwargs`` now; any error is logged (by task name only: the kwargs are left out of the
    log) and swallowed, since the row the task works on is already saved and committed.

    Any error, not only the broker's: kombu, redis (a timeout is not a ConnectionError) and the result backend
    raise their own types, and in the embedded mode (tasks run eagerly, errors propagated) the task's own failure
    comes out of ``apply_async`` too: none of it may turn a saved registration into an error page, or stop the
    other on-commit callbacks of the same transaction.
    """
    try:
        task.apply_async(kwargs=kwargs, countdown=countdown, eta=eta)
    except Exception as error:  # noqa: BLE001 - whatever failed, the row waits for the beat catch-up
        logger.warning("%s not run (%s); the catch-up sends it later", task.name, type(error).__name__)


def enqueue_on_commit(task, *, countdown: float | None = None, eta: datetime.datetime | None = None,
                      **kwargs) -> None:
    """Send ``task`` once the surrounding transaction commits (at once outside one); never if it rolls back."""

    def enqueue_after_commit() -> None:
        enqueue(task, countdown=countdown, eta=eta, **kwargs)

    transaction.on_commit(enqueue_after_commit)

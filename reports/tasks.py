"""Report publishing tasks: they take ids, and publishing an edition twice publishes it once."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services

logger = logging.getLogger(__name__)


@shared_task(
    name="wic.reports.publish_report",
    # Only a passing database error is retried (publish_edition queues the run again first); a PDF that cannot be
    # rendered or read fails the run, which the organizers retry from the admin once the edition is fixed.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=15,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def publish_report(edition_id: int) -> str:
    run = services.publish_edition(edition_id=edition_id)
    if run is None:
        logger.info("Report edition %s is gone: nothing to publish", edition_id)
        return "gone"
    return run.status


@shared_task(name="wic.reports.publish_due_reports")
def publish_due_reports() -> int:
    """Every minute (beat): catch up publications whose task was lost, or whose worker died."""
    return services.publish_due_reports()

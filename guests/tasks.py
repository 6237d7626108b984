"""Guest tasks: they take ids, and the outbox keys make each email happen once however often they run."""

import logging

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="wic.guests.notify_forum_change")
def notify_forum_change(*, forum_id: int) -> int:
    return services.notify_forum_change(forum_id=forum_id)


@shared_task(name="wic.guests.send_due_reminders")
def send_due_reminders() -> int:
    """Hourly (beat): remind accredited on-site guests of editions starting within REMINDER_DAYS_BEFORE days."""
    return sum(
        services.send_reminders(summit_id=summit_id)
        for summit_id in services.summits_due_for_reminders(today=timezone.localdate())
    )

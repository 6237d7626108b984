"""Guest tasks: they take ids, and the outbox keys make each email happen once however often they run."""

import logging

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="wic.guests.notify_forum_change")
def notify_forum_change(*, forum_id: int) -> int:
    return services.notify_forum_change(forum_id=forum_id)


@shared_task(name="wic.guests.send_session_move_notices")
def send_session_move_notices(*, summit_id: int) -> int:
    """Queued SESSION_MOVE_NOTICE_DELAY after each move of a session: does nothing until the edition's quiet
    period is over (the task of the latest move sends), then one summary per seated guest, once."""
    return services.send_session_move_notices(summit_id=summit_id)


@shared_task(name="wic.guests.send_due_session_move_notices")
def send_due_session_move_notices() -> int:
    """Every minute (beat): the summaries whose task was lost with the broker or the worker."""
    return services.send_due_session_move_notices()


@shared_task(name="wic.guests.send_due_reminders")
def send_due_reminders() -> int:
    """Hourly (beat): remind accredited on-site guests of editions starting within REMINDER_DAYS_BEFORE days."""
    return sum(
        services.send_reminders(summit_id=summit_id)
        for summit_id in services.summits_due_for_reminders(today=timezone.localdate())
    )


@shared_task(name="wic.guests.send_due_invitation_reminders")
def send_due_invitation_reminders() -> int:
    """Hourly (beat): remind invitees who have not answered after INVITATION_REMINDER_DAYS (each invitation at most
    INVITATION_MAX_REMINDERS times); each one is re-checked under its lock, so a second run sends nothing."""
    return sum(services.send_due_reminder(invitation_id=pk) for pk in services.invitations_due_for_reminder())


@shared_task(name="wic.guests.release_expired_holds")
def release_expired_holds() -> int:
    """Every few minutes (beat): seats held for invitations whose deadline passed go to the guests waiting, once."""
    return services.release_expired_holds()

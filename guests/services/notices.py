"""Emails to many guests at once: the notice that a forum's time or room changed, and the reminders before the
summit. Each email is queued in its own transaction, and its outbox key makes it happen once."""

import datetime

from django.conf import settings
from django.db import transaction

from core.services.queue import enqueue_on_commit
from forums.models import Forum
from summits.models import Summit

from ..emails import queue_guest_email
from ..enums import CLOSED_REGISTRATION_STATUSES, Participation, RegistrationStatus
from ..models import Registration


def notify_forum_change(*, forum_id: int) -> int:
    """Tell every guest of a forum (seated or waiting) that its time or room changed; once per new slot."""
    forum = Forum.objects.select_related("room").filter(pk=forum_id).first()
    if forum is None:
        return 0
    version = f"{forum.pk}-{forum.start:%Y%m%d%H%M}-{forum.end:%Y%m%d%H%M}-{forum.room_id}"
    registrations = (
        Registration.objects.filter(forum_choices__forum=forum)
        .exclude(status__in=CLOSED_REGISTRATION_STATUSES)
        .select_related("guest", "summit")
    )
    return _queue_each(registrations, kind="forum_changed", version=version, extra={"forum": forum})


def send_reminders(*, summit_id: int) -> int:
    """Remind accredited on-site guests a few days before the summit (once per registration)."""
    registrations = Registration.objects.filter(
        summit_id=summit_id, status=RegistrationStatus.APPROVED, participation=Participation.OFFLINE
    ).select_related("guest", "summit")
    return _queue_each(registrations, kind="reminder")


def _queue_each(registrations, *, kind: str, version: str = "1", extra: dict | None = None) -> int:
    """Queue the ``kind`` email for each registration, each in its own transaction; returns how many."""
    count = 0
    for registration in registrations:
        with transaction.atomic():
            queue_guest_email(registration=registration, kind=kind, version=version, extra=extra)
        count += 1
    return count


def summits_due_for_reminders(*, today: datetime.date) -> list[int]:
    last_day = today + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE)
    return list(Summit.objects.filter(start_date__gt=today, start_date__lte=last_day).values_list("pk", flat=True))


def schedule_forum_change_notice(*, forum_id: int) -> None:
    """Once the move commits, email the forum's guests from a task (called for any path that moved the forum:
    guests/receivers.py listens to forums' ``forum_moved``). With the broker down the notice is lost, not the
    move: moving the forum again, even back and forth, sends it."""
    # At call time: guests.tasks imports this package, so importing it at module level would be circular.
    from ..tasks import notify_forum_change as notify_task

    enqueue_on_commit(notify_task, forum_id=forum_id)

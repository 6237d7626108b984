"""Reads of the readiness checks."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail

WORKER_HEARTBEAT_CACHE_KEY = "readiness:worker-heartbeat"


def oldest_queued_email_age() -> datetime.timedelta | None:
    """How long the oldest email still waiting for a worker to take it has waited; None when none waits: a queued
    one since it was written, one left *being sent* by a worker that stopped since its time ran out (beat's flush
    takes it then). One being sent within its time is being taken care of.

    Emails being retried (the mail server refused for now) are left out: they wait by design, for hours."""
    now = timezone.now()
    queued = (OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).order_by("created_at")
              .values_list("created_at", flat=True).first())
    lost = (OutgoingEmail.objects.filter(status=EmailStatus.SENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first())
    waiting = [since for since in (queued, lost) if since is not None]
    return now - min(waiting) if waiting else None


def worker_heartbeat_age() -> float | None:
    """Seconds since a worker last ran the heartbeat task beat schedules; None when none is known (or the cache
    does not answer)."""
    beaten_at = cache.get(WORKER_HEARTBEAT_CACHE_KEY)
    return None if beaten_at is None else timezone.now().timestamp() - beaten_at

"""Reads of the readiness checks."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail

WORKER_HEARTBEAT_CACHE_KEY = "readiness:worker-heartbeat"


def oldest_queued_email_age() -> datetime.timedelta | None:
    """How long the oldest email still waiting for its first attempt has waited; None when none waits.

    Emails being retried (the mail server refused for now) are left out: they wait by design, for hours."""
    oldest = (OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).order_by("created_at")
              .values_list("created_at", flat=True).first())
    return None if oldest is None else timezone.now() - oldest


def worker_heartbeat_age() -> float | None:
    """Seconds since a worker last ran the heartbeat task beat schedules; None when none is known (or the cache
    does not answer)."""
    beaten_at = cache.get(WORKER_HEARTBEAT_CACHE_KEY)
    return None if beaten_at is None else timezone.now().timestamp() - beaten_at

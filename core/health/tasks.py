"""The worker's heartbeat: beat schedules it, a worker runs it, readiness reads when it last ran."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from .selectors import WORKER_HEARTBEAT_CACHE_KEY


@shared_task(name="wic.core.record_worker_heartbeat")
def record_worker_heartbeat() -> None:
    """Periodic (beat, WORKER_HEARTBEAT_SECONDS): proves beat, the broker and a worker all work, end to end."""
    cache.set(WORKER_HEARTBEAT_CACHE_KEY, timezone.now().timestamp(), timeout=None)

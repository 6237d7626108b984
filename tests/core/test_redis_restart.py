"""A Redis restart while a real worker holds a countdown task and beat runs: both processes stay up, reconnect,
and go on working (beat's heartbeat runs on the worker again)."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.core.cache import cache
from django.db import connection

from core.health.selectors import WORKER_HEARTBEAT_CACHE_KEY
from core.tasks import send_email
from tests.infra import (
    ROOT,
    Worker,
    celery_broker,
    database_url,
    private_redis,
    skip_without_redis_server,
    stop_process,
    wait_until,
)
from wic.celery import app as celery_app

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.real_clock, pytest.mark.django_db(transaction=True)]


def heartbeat_after(moment: float) -> bool:
    beaten_at = cache.get(WORKER_HEARTBEAT_CACHE_KEY)
    return beaten_at is not None and beaten_at > moment


def test_worker_and_beat_survive_a_redis_restart_and_keep_working(settings, tmp_path, on_postgres):
    skip_without_redis_server()
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis"):
        pytest.skip("needs the Redis cache (REDIS_URL)")
    queue = f"wic-restart-{uuid.uuid4().hex[:8]}"
    with private_redis(tmp_path / "redis") as redis, celery_broker(celery_app, broker_url=redis.url, queue=queue):
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": redis.url}}
        settings.CACHE_RETRY_SECONDS = 0.2
        extra_env = {"WORKER_HEARTBEAT_SECONDS": "1"}
        worker = Worker(redis_url=redis.url, database_url=database_url(connection.settings_dict),
                        email_url="smtp://127.0.0.1:9", queue=queue, log_path=tmp_path / "worker.log",
                        concurrency=1, extra_env=extra_env)
        beat_log = (tmp_path / "beat.log").open("ab")
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "wic", "beat", "--loglevel=INFO",
             "--schedule", str(tmp_path / "beat-schedule")],
            cwd=ROOT, stdout=beat_log, stderr=subprocess.STDOUT,
            env={**os.environ, "DATABASE_URL": database_url(connection.settings_dict), "REDIS_URL": redis.url,
                 "CELERY_BROKER_URL": redis.url, "CELERY_TASK_DEFAULT_QUEUE": queue,
                 "CELERY_TASK_ALWAYS_EAGER": "false", "DJANGO_SETTINGS_MODULE": "wic.settings", **extra_env},
        )
        try:
            worker.wait_ready(celery_app)
            wait_until(lambda: heartbeat_after(0), timeout=20, what="a first heartbeat")
            send_email.apply_async(kwargs={"email_id": 0}, countdown=60)  # held by the worker for its ETA

            redis.stop()
            time.sleep(2)
            redis.start()  # same port, empty
            restarted = time.time()

            wait_until(lambda: heartbeat_after(restarted), timeout=20, interval=0.5,
                       what="a heartbeat after the restart")
            assert worker.process.poll() is None, worker.log()
            assert beat.poll() is None, (tmp_path / "beat.log").read_text()[-3000:]
        finally:
            stop_process(beat, timeout=10)
            beat_log.close()
            worker.stop()
    assert "Unrecoverable error" not in (tmp_path / "worker.log").read_text()

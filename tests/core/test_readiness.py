"""/readyz through HTTP: 200 when the instance may take traffic, 503 naming what fails; /healthz stays cheap."""

import datetime
import json
import uuid

import pytest
import time_machine
from django.utils import timezone

from core.enums import EmailStatus
from core.health.tasks import record_worker_heartbeat
from core.models import OutgoingEmail
from tests.infra import celery_broker, private_redis, skip_without_redis_server
from wic.celery import app as celery_app

pytestmark = pytest.mark.django_db(transaction=True)  # the checks run in threads of their own, on their own connection


def readiness(client):
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


def queued_email(*, created_at: datetime.datetime) -> OutgoingEmail:
    email = OutgoingEmail.objects.create(key=f"test:{uuid.uuid4().hex}", to="guest@example.org", subject="Hello",
                                         body_text="Hello")
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=created_at, updated_at=created_at)
    return email


def test_readyz_is_200_in_the_embedded_mode_with_tasks_in_process(client):
    status, answer = readiness(client)

    assert status == 200
    assert answer["status"] == "ready"
    assert answer["failing"] == []
    assert {name: check["ok"] for name, check in answer["checks"].items()} == {
        "database": True, "cache": True, "broker": True, "worker": True, "outbox": True}
    assert answer["checks"]["broker"]["detail"] == answer["checks"]["worker"]["detail"] == "in-process"
    assert answer["checks"]["outbox"]["detail"] == "no email waiting"


def test_readyz_is_not_cached_and_healthz_stays_200(client):
    response = client.get("/readyz")
    assert "no-store" in response["Cache-Control"]
    assert client.get("/healthz").status_code == 200


def test_readyz_is_503_with_the_age_of_an_email_queued_longer_than_the_limit(client, settings):
    settings.OUTBOX_MAX_AGE_SECONDS = 15 * 60
    queued_email(created_at=timezone.now() - datetime.timedelta(minutes=10))
    status, answer = readiness(client)
    assert status == 200
    assert answer["checks"]["outbox"]["detail"] == "oldest queued email 600 s old"

    stale = queued_email(created_at=timezone.now() - datetime.timedelta(minutes=20))
    status, answer = readiness(client)
    assert status == 503
    assert answer["failing"] == ["outbox"]
    assert answer["checks"]["outbox"]["error"] == "oldest queued email 1200 s old, more than 900 s"
    assert "guest@example.org" not in json.dumps(answer)

    OutgoingEmail.objects.filter(pk=stale.pk).update(status=EmailStatus.SENT)
    assert readiness(client)[0] == 200


def test_readyz_counts_an_email_left_being_sent_by_a_stopped_worker_from_when_its_time_ran_out(client, settings):
    settings.OUTBOX_MAX_AGE_SECONDS = 15 * 60
    email = queued_email(created_at=timezone.now() - datetime.timedelta(hours=2))
    claimed = OutgoingEmail.objects.filter(pk=email.pk)
    claimed.update(status=EmailStatus.SENDING, attempts=1, next_attempt_at=timezone.now() + datetime.timedelta(
        seconds=70))  # a worker is sending it: nothing waits
    assert readiness(client)[1]["checks"]["outbox"]["detail"] == "no email waiting"

    claimed.update(next_attempt_at=timezone.now() - datetime.timedelta(minutes=20))  # its worker stopped long ago
    status, answer = readiness(client)
    assert status == 503
    assert answer["checks"]["outbox"]["error"] == "oldest queued email 1200 s old, more than 900 s"


@pytest.mark.redis
def test_readyz_is_503_when_the_worker_heartbeat_is_stale_and_200_once_a_worker_beats(client, settings, tmp_path):
    skip_without_redis_server()
    settings.READINESS_HEARTBEAT_MAX_AGE_SECONDS = 120
    with private_redis(tmp_path / "redis") as redis, \
            celery_broker(celery_app, broker_url=redis.url, queue=f"wic-ready-{uuid.uuid4().hex[:8]}"):
        status, answer = readiness(client)
        assert status == 503
        assert answer["failing"] == ["worker"]
        assert answer["checks"]["worker"]["error"] == "no worker heartbeat recorded"
        assert answer["checks"]["broker"]["detail"] == "connected"

        with time_machine.travel(timezone.now() - datetime.timedelta(minutes=5)):
            record_worker_heartbeat.apply()  # what a worker ran five minutes ago
        status, answer = readiness(client)
        assert status == 503
        assert answer["failing"] == ["worker"]
        assert answer["checks"]["worker"]["error"].startswith("last heartbeat 30")

        record_worker_heartbeat.apply()
        status, answer = readiness(client)
        assert status == 200, answer
        assert answer["checks"]["worker"]["detail"] in {"last heartbeat 0 s ago", "last heartbeat 1 s ago"}

        redis.stop()
        status, answer = readiness(client)
        assert status == 503
        assert "broker" in answer["failing"]
        assert str(redis.port) not in json.dumps(answer)

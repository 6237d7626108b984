"""The outbox with a real Celery worker on Redis and a real SMTP server: sent once, even when queued twice."""

import pytest

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.services.outbox import queue_email
from core.tasks import send_email
from tests.conftest import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.smtp]


def test_worker_sends_a_queued_email_once_even_when_the_task_is_delivered_twice(celery_worker, smtp_server):
    email = queue_email(key="worker:1", to="guest@example.org", subject="Your badge", body_text="See you in Wuzhen")
    # Outside a transaction on_commit runs at once: the task is on its way to the worker.
    send_email.delay(email_id=email.pk)  # a duplicate delivery of the same task

    assert wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.SENT)
    assert wait_for(lambda: len(smtp_server) >= 1)
    import time

    time.sleep(1.5)  # give the duplicate task time to run: it must send nothing
    assert [message["Subject"] for message in smtp_server] == ["Your badge"]
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1

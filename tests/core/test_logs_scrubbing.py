"""No email address or token in the logs or the task results (issue 15, item 6).

A bounced address was written to worker.log and to the Redis task results; exception text and request logs carry
addresses and guests' signed tokens. Every handler of LOGGING carries core.log_scrubbing's filter, and the Celery
worker puts it on the handlers it makes.
"""

import io
import logging
import logging.config
import uuid

import pytest
import redis
from django.conf import settings
from django.core import signing
from django.db import connection
from django.utils.log import configure_logging

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.services.outbox import queue_email
from tests.infra import (
    SmtpSink,
    Worker,
    celery_broker,
    database_url,
    private_redis,
    skip_without_redis_server,
    wait_until,
)
from wic.celery import app as celery_app

ADDRESS = "ada.lovelace@example.org"


@pytest.fixture
def configured_log():
    """The project's LOGGING, as Django applies it, with the console handler writing to a string."""
    logging.config.dictConfig(settings.LOGGING)
    stream = io.StringIO()
    console = next(handler for handler in logging.getLogger().handlers if handler.get_name() == "console")
    console.setStream(stream)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def test_a_log_line_names_no_address_and_no_token(configured_log):
    token = signing.dumps(12, salt="wic.guests.manage", compress=True)

    logging.getLogger("guests.views").warning("Registration %s of %s opened with %s at 10:00:04", 12, ADDRESS, token)

    line = configured_log.getvalue()
    assert "Registration 12 of [email] opened with [signed] at 10:00:04" in line
    assert ADDRESS not in line
    assert token not in line


def test_exception_text_names_no_address(configured_log):
    try:
        raise ValueError(f"550 5.1.1 <{ADDRESS}>: Recipient address rejected")
    except ValueError:
        logging.getLogger("core.tasks").exception("Email %s failed", 7)

    text = configured_log.getvalue()
    assert "ValueError: 550 5.1.1 <[email]>: Recipient address rejected" in text
    assert ADDRESS not in text


def test_a_request_log_line_of_runserver_names_no_token(configured_log):
    logging.config.dictConfig(settings.LOGGING)
    stream = io.StringIO()
    server = logging.getLogger("django.server").handlers[0]
    server.setStream(stream)
    token = signing.dumps(12, salt="wic.guests.verify", compress=True)

    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /zh-hans/summits/2024/registration/{token}/verify/ HTTP/1.1", 200, 1234)

    assert '"GET /zh-hans/summits/2024/registration/[token]/verify/ HTTP/1.1" 200 1234' in stream.getvalue()


class RefusingSink(SmtpSink):
    """A mail server that refuses every recipient, quoting the address as real servers do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_a_bounced_address_reaches_neither_the_worker_log_nor_the_task_results(on_postgres, tmp_path):
    skip_without_redis_server()
    queue = f"wic-logs-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    with private_redis(tmp_path / "redis") as broker, RefusingSink() as sink, \
            celery_broker(celery_app, broker_url=broker.url, queue=queue):
        worker = Worker(redis_url=broker.url, database_url=database_url(connection.settings_dict),
                        email_url=sink.url, queue=queue, log_path=log_path, concurrency=1, pool="solo")
        try:
            worker.wait_ready(celery_app)
            email = queue_email(key="logs:1", to=ADDRESS, subject="Your badge", body_text="See you in Wuzhen.")
            wait_until(lambda: OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.FAILED, timeout=20,
                       what="the refused email failed")
            stored = redis.Redis.from_url(broker.url)
            results = [stored.get(key) or b"" for key in stored.scan_iter("celery-task-meta-*")]
            # Celery's own lines go through the handlers it made: an unknown task's name is logged in full.
            celery_app.send_task(f"probe-{ADDRESS}")
            wait_until(lambda: "Received unregistered task" in log_path.read_text(errors="replace"), timeout=20,
                       what="the worker logged the unknown task")
        finally:
            worker.stop()

    log = log_path.read_text(errors="replace")
    assert f"Email {email.pk} failed after attempt 1 (SMTP 550)" in log
    assert "Received unregistered task of type '[email]'" in log
    assert ADDRESS not in log
    assert results == []  # no result backend: task results are not kept anywhere
    shown = OutgoingEmail.objects.get(pk=email.pk).last_error  # the admin still shows the server's answer...
    assert "550" in shown and "<recipient>" in shown and ADDRESS not in shown  # ...without the address


@pytest.mark.django_db
def test_a_request_error_is_logged_once_and_without_the_token(client, settings, capfd):
    """Django's own console handler on the "django" logger (DEBUG) printed each request error again, unscrubbed."""
    settings.DEBUG = True
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)  # as django.setup() does: its defaults, then ours
    token = signing.dumps(12, salt="wic.guests.manage", compress=True)
    try:
        assert client.get(f"/en/summits/2024/registration/{token}/").status_code == 404
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)

    err = capfd.readouterr().err
    assert err.count("Not Found: /en/summits/2024/registration/[token]/") == 1
    assert token not in err

"""The email outbox: written first, sent once by a task, retried on passing SMTP failures when due."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.services.outbox import queue_email
from core.tasks import flush_outbox, send_email

pytestmark = pytest.mark.django_db


def test_queued_email_is_sent_once_to_a_real_smtp_server(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(key="test:1:welcome", to="guest@example.org", subject="Welcome to Wuzhen",
                            body_text="Hello", body_html="<p>Hello</p>")

    [message] = smtp_server
    assert (message["To"], message["Subject"]) == ("guest@example.org", "Welcome to Wuzhen")
    assert message.get_body(("plain",)).get_content().strip() == "Hello"
    assert message.get_body(("html",)).get_content().strip() == "<p>Hello</p>"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)


def test_same_key_queued_twice_and_task_run_twice_sends_once(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_email(key="test:1:welcome", to="guest@example.org", subject="Welcome", body_text="Hi")
        second = queue_email(key="test:1:welcome", to="guest@example.org", subject="Welcome", body_text="Hi")
    send_email.delay(email_id=first.pk)

    assert first.pk == second.pk
    assert len(smtp_server) == 1
    assert OutgoingEmail.objects.count() == 1


def test_email_is_not_queued_when_the_transaction_rolls_back(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue_email(key="test:2:welcome", to="guest@example.org", subject="Welcome", body_text="Hi")
        raise RuntimeError("the registration failed")

    assert smtp_server == []
    assert not OutgoingEmail.objects.exists()


def test_smtp_server_down_leaves_the_email_waiting_to_retry_then_flush_sends_it_when_due(settings, smtp_server):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there: connection refused
    email = OutgoingEmail.objects.create(key="test:3", to="guest@example.org", subject="S", body_text="B")

    assert send_email.delay(email_id=email.pk).get() == "retry"

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.RETRY, 1)
    assert email.last_error.startswith("ConnectionRefusedError")
    settings.EMAIL_PORT = port
    assert flush_outbox.delay().get() == 0  # not due yet: the row keeps its own schedule
    with time_machine.travel(email.next_attempt_at + datetime.timedelta(seconds=1), tick=True):
        assert flush_outbox.delay().get() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at, len(smtp_server)) == (EmailStatus.SENT, 2, None, 1)


def test_refused_recipient_fails_without_retry(smtp_server):
    email = OutgoingEmail.objects.create(key="test:4", to="nobody@example.org", subject="S", body_text="B")

    assert send_email.delay(email_id=email.pk).get() == "failed 550"

    email.refresh_from_db()
    assert (email.status, email.next_attempt_at, smtp_server) == (EmailStatus.FAILED, None, [])
    assert email.last_error == "550 5.1.1 no such user"
    assert flush_outbox.delay().get() == 0


def left_being_sent(email: OutgoingEmail, *, seconds_ago: float) -> None:
    """What a worker killed in the middle of the SMTP conversation leaves: the email claimed ``seconds_ago`` (its
    attempt counted), with its time: EMAIL_TIMEOUT and a minute."""
    claimed_at = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, attempts=email.attempts + 1, first_attempt_at=email.first_attempt_at or claimed_at,
        next_attempt_at=claimed_at + datetime.timedelta(seconds=settings.EMAIL_TIMEOUT + 60),
    )


def test_email_left_being_sent_by_a_stopped_worker_is_sent_again_once_its_time_is_up(smtp_server):
    email = OutgoingEmail.objects.create(key="test:5", to="guest@example.org", subject="S", body_text="B")
    left_being_sent(email, seconds_ago=5)

    assert send_email.delay(email_id=email.pk).get() == "being sent"  # its worker may still be at it
    assert flush_outbox.delay().get() == 0
    assert smtp_server == []

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=76), tick=True):
        assert flush_outbox.delay().get() == 1
        assert flush_outbox.delay().get() == 0

    [message] = smtp_server
    assert message["Message-ID"].startswith(f"<outbox-{email.pk}.")  # the same on every attempt
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at, email.last_error) == (EmailStatus.SENT, 2, None, "")


def test_email_whose_worker_stopped_during_its_last_attempt_is_failed_with_the_reason(smtp_server):
    email = OutgoingEmail.objects.create(key="test:6", to="guest@example.org", subject="S", body_text="B")
    left_being_sent(email, seconds_ago=settings.EMAIL_RETRY_HOURS * 3600 + 90)

    assert flush_outbox.delay().get() == 1

    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at, smtp_server) == (EmailStatus.FAILED, 1, None, [])
    assert email.last_error.startswith("Still not sent 48 hours after the first attempt; gave up. Last attempt: "
                                       "No outcome recorded: the worker stopped while sending it")
    assert flush_outbox.delay().get() == 0

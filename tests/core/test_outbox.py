"""The email outbox: written first, sent once by a task, retried on passing SMTP failures."""

import pytest
from django.db import transaction

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.services.delivery import deliver_email
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


def test_smtp_server_down_leaves_the_email_waiting_to_retry_then_flush_sends_it(
    settings, smtp_server, django_capture_on_commit_callbacks
):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there: connection refused
    email = OutgoingEmail.objects.create(key="test:3", to="guest@example.org", subject="S", body_text="B")

    delivery = deliver_email(email_id=email.pk)

    email.refresh_from_db()
    assert (delivery.sent, delivery.retry, email.status, email.attempts) == (False, True, EmailStatus.RETRY, 1)
    assert email.last_error.startswith("ConnectionRefusedError")
    settings.EMAIL_PORT = port
    OutgoingEmail.objects.filter(pk=email.pk).update(updated_at=email.updated_at.replace(year=2000))
    assert flush_outbox.delay().get() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, len(smtp_server)) == (EmailStatus.SENT, 2, 1)


def test_refused_recipient_fails_without_retry(smtp_server):
    email = OutgoingEmail.objects.create(key="test:4", to="nobody@example.org", subject="S", body_text="B")

    delivery = deliver_email(email_id=email.pk)

    email.refresh_from_db()
    assert (delivery.retry, email.status, smtp_server) == (False, EmailStatus.FAILED, [])
    assert email.last_error.startswith("SMTPRecipientsRefused")

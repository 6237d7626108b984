"""An email being sent holds no lock: the SMTP conversation runs after the row's claim has committed.

The task runs as a worker runs it, in a thread with a database connection of its own, against a real mail server
on loopback (aiosmtpd) that takes seconds to answer the DATA; meanwhile this test's connection is another
request of the site. Before, the task held its transaction, and the row lock, through the conversation.
(SQLite's whole-file write lock, which `make run` shares with the site's requests, is checked by
tests/core/test_embedded_run.py.)
"""

import datetime
import threading
import time
from contextlib import contextmanager

import pytest
import time_machine
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.tasks import flush_outbox, send_email
from guests.services import privacy
from tests.conftest import send_mail_to
from tests.factories.guests import GuestFactory
from tests.infra import SmtpSink, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.smtp, pytest.mark.django_db(transaction=True)]

MAIL_SERVER_DELAY = 2.0  # seconds the mail server takes before it answers a message's DATA


@pytest.fixture
def slow_mail_server(on_postgres, settings):
    with SmtpSink(delay=MAIL_SERVER_DELAY) as sink:
        send_mail_to(settings, sink.port)
        yield sink


@contextmanager
def sending_in_background(email: OutgoingEmail, mail_server: SmtpSink):
    """``send_email`` for ``email`` in a thread, as a worker runs it; yields once the mail server has the message
    and is taking its time over it, and collects the task's outcome in the list it yields."""
    outcome = []

    def run():
        try:
            outcome.append(send_email.apply(kwargs={"email_id": email.pk}).get())
        finally:
            connections.close_all()  # this thread's connection

    worker = threading.Thread(target=run)
    worker.start()
    try:
        wait_until(lambda: mail_server.started, timeout=10, what="the mail server receiving the message")
        yield outcome
    finally:
        worker.join(timeout=30)


def outbox_row(**fields) -> OutgoingEmail:
    return OutgoingEmail.objects.create(**{"key": "badge:1", "to": "ada@example.org", "subject": "Your badge",
                                           "body_text": "See you in Wuzhen", **fields})


def test_an_email_being_sent_is_not_locked_and_a_second_task_for_it_sends_nothing(
    slow_mail_server, organizer_client
):
    email = outbox_row()

    with sending_in_background(email, slow_mail_server) as outcome:
        with transaction.atomic():  # the row is free: a save touching it would not wait for the mail server
            locked = OutgoingEmail.objects.select_for_update(nowait=True).get(pk=email.pk)
        assert (locked.status, locked.attempts) == (EmailStatus.SENDING, 1)
        assert send_email.delay(email_id=email.pk).get() == "being sent"
        assert flush_outbox.delay().get() == 0
        changelist = reverse("admin:core_outgoingemail_changelist")
        listing = organizer_client.get(changelist, {"status__exact": "sending"})
        assert listing.context["cl"].result_count == 1
        assert '<td class="field-status">Being sent</td>' in listing.content.decode()
        resent = organizer_client.post(changelist, {"action": "retry_failed", "_selected_action": [email.pk]},
                                       follow=True)
        assert "0 emails queued again." in resent.content.decode()  # only failed emails are sent again
        assert slow_mail_server.received == []  # all this while the mail server was still answering

    assert outcome == ["sent"]
    assert [received.to for received in slow_mail_server.received] == ["ada@example.org"]
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (EmailStatus.SENT, 1, None)


@pytest.mark.parametrize(("answer", "outcome", "status"), [
    ("250 OK", "sent", EmailStatus.SENT),  # it went out: the row says so
    ("451 4.3.0 Try again later", "superseded by attempt 1 (failed)", EmailStatus.FAILED),  # never retried
])
def test_a_guest_erased_while_their_email_is_being_sent_is_erased_at_once_and_never_emailed_again(
    slow_mail_server, admin_user, answer, outcome, status
):
    guest = GuestFactory(email="ada@example.org")
    email = outbox_row(about=guest)
    slow_mail_server.answer = answer

    with sending_in_background(email, slow_mail_server) as outcomes:
        started = time.monotonic()
        privacy.erase_guest(guest=guest, actor=admin_user)
        erased_in = time.monotonic() - started
        email.refresh_from_db()
        assert (email.status, email.to, email.last_error) == (
            EmailStatus.FAILED, privacy.erased_email(guest.pk), privacy.NOT_SENT_ERASED)

    assert erased_in < MAIL_SERVER_DELAY / 2  # it did not wait for the mail server
    assert outcomes == [outcome]
    email.refresh_from_db()
    assert (email.status, email.to, email.subject) == (status, privacy.erased_email(guest.pk), privacy.ERASED)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3), tick=True):  # past any retry
        assert flush_outbox.delay().get() == 0
    assert len(slow_mail_server.received) == (1 if status == EmailStatus.SENT else 0)

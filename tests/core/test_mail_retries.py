"""The outbox as a mail server would send: greylisting and a mail server refusing connections for a while cost a
delay, never the email; a permanent refusal or an unbuildable message fails at once with its reason; one retry
schedule per email, however often beat's flush runs and however many tasks name the same email.

Real SMTP servers on loopback (aiosmtpd) answer as real ones do: 451 at RCPT for the first try of an address
(greylisting), 421 at connect during an outage, 550 for an unknown mailbox.
"""

import datetime
import logging
import time
from email import message_from_bytes, policy

import pytest
import time_machine
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.urls import reverse
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutgoingEmail
from core.services.outbox import queue_email
from core.tasks import flush_outbox, send_email
from tests.infra import free_port

pytestmark = pytest.mark.smtp

GREYLISTED = "451 4.7.1 greylisted, try again later"
OUTAGE = "421 4.3.2 Service not available, closing transmission channel"


class MailServer:
    """aiosmtpd handler with a mail server's moods: ``greylist`` defers the first RCPT of each address (451),
    ``defer_all`` defers every RCPT, ``outage`` answers 421 at connect and hangs up, ``unknown`` mailboxes get
    550 with the address echoed, as Postfix does."""

    def __init__(self, *, greylist=False):
        self.greylist = greylist
        self.defer_all = False
        self.outage = False
        self.unknown: set[str] = set()
        self.seen: set[str] = set()
        self.connections_refused = 0
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        if address in self.unknown:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if self.defer_all or (self.greylist and address not in self.seen):
            self.seen.add(address)
            return GREYLISTED
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.received]


class MoodySMTP(SMTP):
    async def _handle_client(self):
        if self.event_handler.outage:
            self.event_handler.connections_refused += 1
            await self.push(OUTAGE)
            self.transport.close()
            return
        await super()._handle_client()


class MoodyController(Controller):
    def factory(self):
        return MoodySMTP(self.handler, **self.SMTP_kwargs)


@pytest.fixture
def mail_server(settings, smtp_server, monkeypatch):
    """A moody mail server that Django (and a worker started after this fixture) sends to; short retry delays."""
    handler = MailServer()
    port = free_port()
    controller = MoodyController(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_PORT = port
    for name, value in {"EMAIL_RETRY_FIRST_SECONDS": 1, "EMAIL_RETRY_MAX_SECONDS": 2}.items():
        setattr(settings, name, value)
        monkeypatch.setenv(name, str(value))  # for a worker process
    yield handler
    controller.stop()


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """``queue(n)`` queues an email as a registration does; its task runs once the transaction commits."""

    def queue_one(number: int, *, to: str | None = None, **fields) -> OutgoingEmail:
        with django_capture_on_commit_callbacks(execute=True):
            return queue_email(key=f"mail:{number}", to=to or f"guest{number}@example.org",
                               **{"subject": f"Your badge {number}", "body_text": "See you in Wuzhen", **fields})

    return queue_one


def flush_until_sent(emails, *, timeout: float = 15, every: float = 0.5) -> bool:
    """Run beat's flush until every email is sent (or ``timeout``), as beat does every OUTBOX_FLUSH_SECONDS."""
    deadline = time.monotonic() + timeout
    while not all(status_of(email)[0] == EmailStatus.SENT for email in emails):
        if time.monotonic() > deadline:
            return False
        flush_outbox.delay()
        time.sleep(every)
    return True


def our_log(caplog) -> str:
    """What the project logged (the test's SMTP server logs every command it receives, addresses included)."""
    return "\n".join(record.getMessage() for record in caplog.records if not record.name.startswith("mail."))


def status_of(email: OutgoingEmail) -> tuple[str, int]:
    email.refresh_from_db()
    return email.status, email.attempts


def later(seconds: float):
    """Travel to when a retry is due (beat runs flush_outbox every OUTBOX_FLUSH_SECONDS meanwhile)."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=True)


@pytest.mark.django_db
def test_greylisting_at_rcpt_delays_the_email_to_the_next_attempt(mail_server, queue):
    mail_server.greylist = True
    email = queue(1)

    assert status_of(email) == (EmailStatus.RETRY, 1)
    assert email.last_error == GREYLISTED
    assert flush_outbox.delay().get() == 0  # not due yet
    with later(60):
        assert flush_outbox.delay().get() == 1

    assert status_of(email) == (EmailStatus.SENT, 2)
    assert [message["To"] for message in mail_server.received] == ["guest1@example.org"]


@pytest.mark.django_db
def test_a_mail_server_refusing_connections_for_a_while_loses_no_email_and_sends_each_once(mail_server, queue):
    mail_server.outage = True
    emails = [queue(number) for number in range(5)]
    for _ in range(3):  # the outage lasts: beat keeps flushing, each email keeps its one schedule
        time.sleep(1.1)
        flush_outbox.delay()

    assert {status_of(email)[0] for email in emails} == {EmailStatus.RETRY}
    assert {email.last_error for email in emails} == {OUTAGE}
    refused = mail_server.connections_refused
    mail_server.outage = False
    assert flush_until_sent(emails)

    message_ids = mail_server.message_ids()
    assert len(message_ids) == len(set(message_ids)) == 5
    # Every attempt was one connection: a refused one during the outage, then the one that sent the email.
    assert sum(status_of(email)[1] for email in emails) == refused + 5


@pytest.mark.django_db
def test_permanent_refusal_fails_at_once_and_the_admin_shows_the_answer_without_the_address(
    mail_server, queue, organizer_client, caplog
):
    mail_server.unknown.add("nobody.here@example.org")
    caplog.set_level(logging.INFO)
    email = queue(550, to="nobody.here@example.org")

    assert status_of(email) == (EmailStatus.FAILED, 1)
    answer = "550 5.1.1 <<recipient>>: Recipient address rejected: User unknown"
    assert email.last_error == answer
    with later(3600):
        assert flush_outbox.delay().get() == 0
    assert status_of(email) == (EmailStatus.FAILED, 1)
    assert send_email.delay(email_id=email.pk).get() == "already failed"
    assert "nobody.here" not in our_log(caplog)

    page = organizer_client.get(reverse("admin:core_outgoingemail_change", args=[email.pk]))
    assert answer.replace("<", "&lt;").replace(">", "&gt;") in page.content.decode()
    listing = organizer_client.get(reverse("admin:core_outgoingemail_changelist"), {"status__exact": "failed"})
    assert "550 5.1.1" in listing.content.decode()
    assert listing.context["cl"].result_count == 1
    pending = organizer_client.get(reverse("admin:core_outgoingemail_changelist"), {"status__exact": "retry"})
    assert pending.context["cl"].result_count == 0


@pytest.mark.django_db
def test_the_retry_action_sends_a_failed_email_again_with_a_fresh_schedule(
    mail_server, queue, organizer_client, django_capture_on_commit_callbacks
):
    mail_server.unknown.add("moved@example.org")
    email = queue(7, to="moved@example.org")
    assert status_of(email) == (EmailStatus.FAILED, 1)
    mail_server.unknown.clear()  # the organizer had the mailbox fixed

    with later(3 * 24 * 3600):  # days later: beyond EMAIL_RETRY_HOURS from the first attempt
        mail_server.defer_all = True
        with django_capture_on_commit_callbacks(execute=True):
            response = organizer_client.post(reverse("admin:core_outgoingemail_changelist"),
                                             {"action": "retry_failed", "_selected_action": [email.pk]})
        assert response.status_code == 302
        assert status_of(email) == (EmailStatus.RETRY, 2)  # tried again at once, deferred, still scheduled
        mail_server.defer_all = False
        with later(60):
            flush_outbox.delay()

    assert status_of(email) == (EmailStatus.SENT, 3)
    assert len(mail_server.received) == 1


@pytest.mark.django_db
def test_a_subject_with_a_newline_is_failed_once_with_its_reason(mail_server, caplog):
    caplog.set_level(logging.INFO)
    # Written as it was before the outbox made subjects one line (or by code that skips queue_email).
    email = OutgoingEmail.objects.create(key="mail:bad", to="guest@example.org", subject="Forum\nBcc: all@evil.test",
                                         body_text="Hi")

    assert send_email.delay(email_id=email.pk).get() == "failed"
    with later(3600):
        assert flush_outbox.delay().get() == 0
        send_email.delay(email_id=email.pk)

    assert status_of(email) == (EmailStatus.FAILED, 1)
    assert email.last_error.startswith("The email cannot be built: Header values can't contain newlines")
    assert mail_server.received == []
    assert "evil" not in our_log(caplog) and "guest@" not in our_log(caplog)


@pytest.mark.django_db
def test_queue_email_makes_a_long_multi_line_title_one_line_that_fits_and_sends(mail_server, queue):
    title = "Digital\r\nSilk Road:\tcooperation " + "and governance " * 40 + "\x0b\u2028end"
    email = queue(1, subject=f"Waiting list: {title}", headers={"X-Forum": "Line one\nInjected: yes"})

    assert status_of(email) == (EmailStatus.SENT, 1)
    [message] = mail_server.received
    assert message["Subject"].strip() == email.subject  # (a folded encoded header reads back with a space first)
    assert email.subject.startswith("Waiting list: Digital Silk Road: cooperation and governance and")
    assert email.subject.endswith("…") and len(email.subject) <= OutgoingEmail._meta.get_field("subject").max_length
    assert "\n" not in email.subject and "  " not in email.subject
    assert message["X-Forum"] == "Line one Injected: yes" and message["Injected"] is None


@pytest.mark.django_db
def test_two_flushes_and_a_duplicate_task_send_a_queued_email_once(mail_server):
    email = OutgoingEmail.objects.create(key="mail:lost", to="guest@example.org", subject="S", body_text="B")
    assert flush_outbox.delay().get() == 0  # its own task may still be on its way

    with later(15):  # that task was lost with the broker
        assert flush_outbox.delay().get() == 1
        assert flush_outbox.delay().get() == 0
        assert send_email.delay(email_id=email.pk).get() == "already sent"

    assert status_of(email) == (EmailStatus.SENT, 1)
    assert len(mail_server.received) == 1


@pytest.mark.django_db
def test_an_email_still_refused_after_the_retry_window_is_failed_with_the_last_answer(settings, mail_server, queue):
    settings.EMAIL_RETRY_FIRST_SECONDS, settings.EMAIL_RETRY_MAX_SECONDS = 60, 3600
    mail_server.defer_all = True
    email = queue(9)
    email.refresh_from_db()
    first_attempt = email.first_attempt_at
    window = datetime.timedelta(hours=settings.EMAIL_RETRY_HOURS)

    for quarter in range(1, 47 * 4):  # 47 hours of beat flushing every 15 minutes
        with time_machine.travel(first_attempt + datetime.timedelta(minutes=15 * quarter), tick=True):
            flush_outbox.delay()
    status, attempts = status_of(email)
    assert status == EmailStatus.RETRY
    assert 35 <= attempts <= 48  # about hourly once the backoff reached its cap, jitter included
    assert email.next_attempt_at <= first_attempt + window

    with time_machine.travel(first_attempt + window + datetime.timedelta(seconds=1), tick=True):
        flush_outbox.delay()

    assert status_of(email) == (EmailStatus.FAILED, attempts + 1)
    assert email.last_error == f"Still refused 48 hours after the first attempt; gave up. Last answer: {GREYLISTED}"
    assert mail_server.received == []


@pytest.mark.redis
def test_a_real_worker_keeps_one_schedule_per_email_while_beat_flushes_over_and_over(mail_server, celery_worker):
    mail_server.greylist = True
    emails = [queue_email(key=f"worker:{number}", to=f"guest{number}@example.org", subject="Your badge",
                          body_text="See you in Wuzhen") for number in range(3)]  # each first try greylisted

    assert flush_until_sent(emails, every=0.2)  # far more often than beat would
    for _ in range(5):  # and on once they are sent: nothing more goes out
        flush_outbox.delay()
        time.sleep(0.2)

    assert [status_of(email) for email in emails] == [(EmailStatus.SENT, 2)] * 3
    assert sorted(message["To"] for message in mail_server.received) == [f"guest{n}@example.org" for n in range(3)]

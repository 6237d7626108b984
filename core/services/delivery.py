"""Sending one outbox row, run by the ``wic.core.send_email`` task, the way a mail server would: claimed and sent
once, temporary failures (4xx, a lost connection) tried again on the row's own schedule for EMAIL_RETRY_HOURS,
permanent ones (5xx, a message that cannot be built) failed at once with the reason.

The schedule is in the row (``next_attempt_at``), never in Celery: beat's ``flush_outbox`` queues what is due and
``deliver_email`` checks due-ness again when it claims the row, so however many tasks name an email it has one
schedule and is sent once. No transaction or row lock is held through the SMTP conversation: on SQLite (`make
run`) an open write transaction holds the whole database's write lock, so a slow mail server would make every
write of the site wait. The price is the mail servers' own: a worker that dies in the instant between the server's
250 and its record leaves the email *being sent*, and it is sent again after its time (at least once, never lost).
Nothing here logs or returns the address, the name or the subject: only the id, the status and the SMTP code.
"""

import logging
import random
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.db.models import Q
from django.utils import timezone

from ..enums import EmailStatus
from ..models import OutgoingEmail
from ..transactions import atomic_with_retry

logger = logging.getLogger(__name__)

# A queued email younger than this is left to the task queued with it; older, its task may have been lost.
QUEUED_GRACE_SECONDS = 10
# A task arriving this early for a retry still counts as due (clocks of the beat and worker hosts differ a little).
DUE_TOLERANCE = timedelta(seconds=1)
# How long a worker holds an email it is sending beyond EMAIL_TIMEOUT (which bounds each network operation of the
# SMTP conversation, not their sum): an email still being sent after that is taken as lost with its worker and
# sent again, which sends it twice only if the server had accepted it in the instant the worker died.
SENDING_MARGIN_SECONDS = 60
# Where an email may be claimed from: a first try, a retry, or a claim whose worker stopped (once its time is up).
SENDABLE_STATUSES = (EmailStatus.QUEUED, EmailStatus.RETRY, EmailStatus.SENDING)
RECIPIENT_PLACEHOLDER = "<recipient>"
LAST_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class Delivery:
    """What ``deliver_email`` did: the email's status afterwards (or why it was left alone), and the SMTP code."""

    outcome: str
    smtp_code: int | None = None

    @property
    def sent(self) -> bool:
        return self.outcome == EmailStatus.SENT

    def __str__(self) -> str:
        """Safe for logs and task results: an outcome and a number, nothing about the person."""
        return f"{self.outcome} {self.smtp_code}" if self.smtp_code else self.outcome


@dataclass(frozen=True)
class SmtpAnswer:
    """A failed attempt as the server (or the network) answered it: temporary ones are tried again."""

    code: int | None
    text: str
    temporary: bool


def message_id_domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def smtp_answer(error: Exception) -> SmtpAnswer:
    """Classify a failed send by the server's code: 4xx at any stage and network faults are temporary, 5xx is
    permanent. A refused recipient carries its code per address (greylisting answers 450/451/452 there)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        code, text = answers[0] if answers else (None, b"")
        temporary = any(400 <= answer_code < 500 for answer_code, _ in answers) or code is None
        return SmtpAnswer(code, f"{code} {_decode(text)}", temporary)
    if isinstance(error, smtplib.SMTPResponseException):  # connect, HELO, MAIL, DATA, AUTH
        code = error.smtp_code
        return SmtpAnswer(code, f"{code} {_decode(error.smtp_error)}", not 500 <= code < 600)
    # A dropped connection, a refused or timed-out connect, TLS trouble (all OSError), or the client's own refusal
    # (e.g. "SMTP AUTH extension not supported"): nothing the message can be blamed for.
    return SmtpAnswer(None, f"{type(error).__name__}: {error}", True)


def scrub_recipient(text: str, *addresses: str) -> str:
    """The server's answer without the recipient's address (servers echo it): the admin shows the answer, the
    address is already on the row, and the text must be safe to keep."""
    for address in filter(None, addresses):
        text = text.replace(address, RECIPIENT_PLACEHOLDER)
    return text[:LAST_ERROR_LENGTH]


def retry_delay(*, waited: timedelta) -> timedelta:
    """Wait about as long again as the email has already waited (EMAIL_RETRY_FIRST_SECONDS at first, doubling),
    capped at EMAIL_RETRY_MAX_SECONDS, plus up to a quarter of jitter so that the emails held back by one outage
    do not all come back in the same second."""
    seconds = min(max(waited.total_seconds(), settings.EMAIL_RETRY_FIRST_SECONDS), settings.EMAIL_RETRY_MAX_SECONDS)
    return timedelta(seconds=seconds + random.uniform(0, seconds / 4))


def build_message(email: OutgoingEmail, *, connection) -> EmailMultiAlternatives:
    """The message as it will be sent, built (headers, addresses and all) before any connection is opened, so
    that a message that cannot be built fails on its own instead of looking like a server problem."""
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, to=[email.to], connection=connection,
        # The same id on every attempt: a resend after a crash mid-send is recognisable as the same message.
        headers={**email.headers,
                 "Message-ID": f"<outbox-{email.pk}.{email.created_at:%Y%m%d%H%M%S}@{message_id_domain()}>"},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    encoding = message.encoding or settings.DEFAULT_CHARSET
    for address in [message.from_email, *message.recipients()]:
        sanitize_address(address, encoding)
    message.message().as_bytes(linesep="\r\n")
    return message


def _is_due(email: OutgoingEmail, now: datetime) -> bool:
    return email.next_attempt_at is None or email.next_attempt_at <= now + DUE_TOLERANCE


def sending_lease() -> timedelta:
    """How long a claim holds an email: EMAIL_TIMEOUT and the margin. Past it, its worker is taken as stopped."""
    return timedelta(seconds=(settings.EMAIL_TIMEOUT or 0) + SENDING_MARGIN_SECONDS)


def deliver_email(*, email_id: int, connection=None) -> Delivery:
    """Send one outbox row if it is queued, or waiting to retry (or left being sent by a stopped worker) and due,
    and record the outcome.

    Three steps, none holding a transaction through the SMTP conversation: the row is claimed (locked for a moment,
    checked, marked *being sent* with the attempt counted and its time written in ``next_attempt_at``) and
    committed; the message is built and sent with no transaction open; the outcome is recorded in a short
    transaction. A second task for the same email (its own delivered twice, a flush's) finds it being sent, done or
    not due, and sends nothing. Called inside a transaction (in-process tasks in a test's), the steps are
    savepoints of it and no lock is released early; a worker always calls it outside one.
    """
    claimed = _claim(email_id)
    if isinstance(claimed, Delivery):
        return claimed
    email = claimed
    try:
        message = build_message(email, connection=connection)
    except ValueError as error:  # BadHeaderError, an unparsable address, an IDNA domain that cannot be encoded
        return _record(email, SmtpAnswer(None, f"The email cannot be built: {error}", temporary=False))
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:  # OSError: refused, reset, timed out, TLS
        return _record(email, smtp_answer(error))
    return _record(email, None)


@atomic_with_retry
def _claim(email_id: int) -> OutgoingEmail | Delivery:
    """The email, marked *being sent* by this worker until ``sending_lease()`` is up, its attempt counted; or why
    it is not to be sent now. On SQLite this is the only moment a send holds the database's write lock."""
    email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
    if email is None:
        return Delivery("gone")
    now = timezone.now()
    if email.status not in SENDABLE_STATUSES:
        return Delivery(f"already {email.status}")
    if email.status != EmailStatus.QUEUED and not _is_due(email, now):
        return Delivery("being sent" if email.status == EmailStatus.SENDING else "not due")
    if email.status == EmailStatus.SENDING and not _lost_attempt_leaves_time(email, now=now):
        return Delivery(email.status)
    email.status, email.attempts = EmailStatus.SENDING, email.attempts + 1
    email.first_attempt_at = email.first_attempt_at or now
    email.next_attempt_at = now + sending_lease()
    email.save(update_fields=["status", "attempts", "first_attempt_at", "next_attempt_at", "updated_at"])
    return email


LOST_ATTEMPT = ("No outcome recorded: the worker stopped while sending it (the mail server may have accepted it; "
                "a resend carries the same Message-ID).")


def _give_up_at(email: OutgoingEmail, now: datetime) -> datetime:
    return (email.first_attempt_at or now) + timedelta(hours=settings.EMAIL_RETRY_HOURS)


def _lost_attempt_leaves_time(email: OutgoingEmail, *, now: datetime) -> bool:
    """An email still *being sent* after its time: its worker stopped mid-send. The attempt counts, with no
    answer; True if the retry window leaves time for another (else the email is failed here, saying why)."""
    if now < _give_up_at(email, now):
        return True
    email.status, email.next_attempt_at = EmailStatus.FAILED, None
    email.last_error = (f"Still not sent {settings.EMAIL_RETRY_HOURS:g} hours after the first attempt; gave up. "
                        f"Last attempt: {LOST_ATTEMPT}")
    email.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
    logger.warning("Email %s failed: its worker stopped during the last attempt", email.pk)
    return False


@atomic_with_retry
def _record(claimed: OutgoingEmail, answer: SmtpAnswer | None) -> Delivery:
    """The outcome of the attempt ``claimed`` made: sent (``answer`` None), to retry, or failed.

    An attempt that outlived its claim (its send took longer than its time, and another worker took the email
    over; or the guest was erased meanwhile) finds the row no longer *being sent* by it. It then records only a
    success, which is true whoever holds the row now, so the email is not tried a third time; a failure is left to
    the row's holder.
    """
    email = OutgoingEmail.objects.select_for_update().filter(pk=claimed.pk).first()
    if email is None:  # deleted in the admin while it was being sent
        return Delivery("gone")
    now = timezone.now()
    if email.status != EmailStatus.SENDING or email.attempts != claimed.attempts:
        logger.warning("Email %s: attempt %s ended (SMTP %s) after the row moved on to attempt %s, %s", email.pk,
                       claimed.attempts, "250" if answer is None else answer.code or "-", email.attempts,
                       email.status)
        if answer is None:
            if email.status != EmailStatus.SENT:
                _mark_sent(email, now)
            return Delivery(EmailStatus.SENT)
        return Delivery(f"superseded by attempt {email.attempts} ({email.status})")
    if answer is not None:
        return _record_failure(email, answer, now=now)
    _mark_sent(email, now)
    logger.info("Email %s sent (attempt %s)", email.pk, email.attempts)
    return Delivery(EmailStatus.SENT)


def _mark_sent(email: OutgoingEmail, now: datetime) -> None:
    email.status, email.sent_at, email.next_attempt_at, email.last_error = EmailStatus.SENT, now, None, ""
    email.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error", "updated_at"])


def _record_failure(email: OutgoingEmail, answer: SmtpAnswer, *, now: datetime) -> Delivery:
    started = email.first_attempt_at or now
    give_up_at = _give_up_at(email, now)
    email.last_error = scrub_recipient(answer.text, email.to, sanitize_to(email.to))
    if answer.temporary and now < give_up_at:
        email.status = EmailStatus.RETRY
        # The last try falls on the limit itself, not up to an hour after it.
        email.next_attempt_at = min(now + retry_delay(waited=now - started), give_up_at)
    else:
        email.status, email.next_attempt_at = EmailStatus.FAILED, None
        if answer.temporary:
            email.last_error = scrub_recipient(
                f"Still refused {settings.EMAIL_RETRY_HOURS:g} hours after the first attempt; gave up. "
                f"Last answer: {email.last_error}"
            )
    email.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
    logger.warning("Email %s %s after attempt %s (SMTP %s)", email.pk, email.status, email.attempts,
                   answer.code or "-")
    return Delivery(email.status, answer.code)


def sanitize_to(address: str) -> str:
    """The address as it went on the wire (IDNA domain), which is what a server echoes back."""
    try:
        return sanitize_address(address, settings.DEFAULT_CHARSET)
    except ValueError:
        return ""


def due_email_ids(*, limit: int = 500) -> list[int]:
    """Outbox rows to send now, oldest first: queued ones whose own task is overdue (lost with the broker), those
    waiting to retry whose time has come, and those left *being sent* past their time (their worker stopped).
    A plain read: ``deliver_email`` checks each again when it claims it."""
    now = timezone.now()
    overdue = Q(status=EmailStatus.QUEUED, created_at__lte=now - timedelta(seconds=QUEUED_GRACE_SECONDS))
    due = Q(status=EmailStatus.RETRY) & (Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
    lost = Q(status=EmailStatus.SENDING, next_attempt_at__lte=now)
    return list(
        OutgoingEmail.objects.filter(overdue | due | lost).order_by("created_at").values_list("pk", flat=True)[:limit]
    )

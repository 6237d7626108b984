"""Sending one outbox row, run by the ``wic.core.send_email`` task, the way a mail server would: locked and sent
once, temporary failures (4xx, a lost connection) tried again on the row's own schedule for EMAIL_RETRY_HOURS,
permanent ones (5xx, a message that cannot be built) failed at once with the reason.

The schedule is in the row (``next_attempt_at``), never in Celery: beat's ``flush_outbox`` queues what is due and
``deliver_email`` checks due-ness again under the row lock, so however many tasks name an email it has one
schedule and is sent once. Nothing here logs or returns the address, the name or the subject: only the id, the
status and the SMTP code.
"""

import logging
import random
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..enums import EmailStatus
from ..models import OutgoingEmail

logger = logging.getLogger(__name__)

# A queued email younger than this is left to the task queued with it; older, its task may have been lost.
QUEUED_GRACE_SECONDS = 10
# A task arriving this early for a retry still counts as due (clocks of the beat and worker hosts differ a little).
DUE_TOLERANCE = timedelta(seconds=1)
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


@transaction.atomic
def deliver_email(*, email_id: int, connection=None) -> Delivery:
    """Send one outbox row if it is queued, or waiting to retry and due, and record the outcome.

    The row stays locked through the send, so tasks naming the same email (its own, a flush's, a duplicate
    delivery) send it once; a task finding the row locked leaves it to the one holding it.
    """
    email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
    if email is None:
        exists = OutgoingEmail.objects.filter(pk=email_id).exists()
        return Delivery("busy" if exists else "gone")
    now = timezone.now()
    if email.status not in {EmailStatus.QUEUED, EmailStatus.RETRY}:
        return Delivery(f"already {email.status}")
    if email.status == EmailStatus.RETRY and not _is_due(email, now):
        return Delivery("not due")
    email.attempts += 1
    email.first_attempt_at = email.first_attempt_at or now
    try:
        message = build_message(email, connection=connection)
    except ValueError as error:  # BadHeaderError, an unparsable address, an IDNA domain that cannot be encoded
        return _record_failure(email, SmtpAnswer(None, f"The email cannot be built: {error}", temporary=False))
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:  # OSError: refused, reset, timed out, TLS
        return _record_failure(email, smtp_answer(error))
    email.status, email.sent_at, email.next_attempt_at, email.last_error = EmailStatus.SENT, now, None, ""
    email.save(update_fields=["status", "attempts", "first_attempt_at", "next_attempt_at", "sent_at", "last_error",
                              "updated_at"])
    logger.info("Email %s sent (attempt %s)", email.pk, email.attempts)
    return Delivery(EmailStatus.SENT)


def _record_failure(email: OutgoingEmail, answer: SmtpAnswer) -> Delivery:
    now = timezone.now()
    started = email.first_attempt_at or now
    give_up_at = started + timedelta(hours=settings.EMAIL_RETRY_HOURS)
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
    email.save(update_fields=["status", "attempts", "first_attempt_at", "next_attempt_at", "last_error",
                              "updated_at"])
    logger.warning("Email %s %s after attempt %s (SMTP %s)", email.pk, email.status, email.attempts,
                   answer.code or "-")
    return Delivery(email.status, answer.code)


def sanitize_to(address: str) -> str:
    """The address as it went on the wire (IDNA domain), which is what a server echoes back."""
    try:
        return sanitize_address(address, settings.DEFAULT_CHARSET)
    except ValueError:
        return ""


@transaction.atomic
def due_email_ids(*, limit: int = 500) -> list[int]:
    """Outbox rows to send now, oldest first: queued ones whose own task is overdue (lost with the broker), and
    those waiting to retry whose time has come. Rows being sent right now (locked) are skipped."""
    now = timezone.now()
    overdue = Q(status=EmailStatus.QUEUED, created_at__lte=now - timedelta(seconds=QUEUED_GRACE_SECONDS))
    due = Q(status=EmailStatus.RETRY) & (Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
    return list(
        OutgoingEmail.objects.select_for_update(skip_locked=True).filter(overdue | due)
        .order_by("created_at").values_list("pk", flat=True)[:limit]
    )

"""Sending one outbox row, run by the ``wic.core.send_email`` task: locked, sent once, retried only for passing
failures."""

import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from ..enums import EmailStatus
from ..models import OutgoingEmail

# Failures worth trying again: the SMTP server or the network, not a refused address or a bad message.
TRANSIENT_EMAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPDataError,
    ConnectionError,
    TimeoutError,
)
MAX_EMAIL_ATTEMPTS = 8


@dataclass(frozen=True)
class Delivery:
    """What ``deliver_email`` did, so the task knows whether to retry."""

    sent: bool
    retry: bool = False
    reason: str = ""


def message_id_domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


@transaction.atomic
def deliver_email(*, email_id: int, connection=None) -> Delivery:
    """Send one outbox row if it is still queued or waiting to retry, and record the outcome.

    The row is locked for the whole send, so two workers given the same id send it once.
    """
    email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
    if email is None:
        return Delivery(sent=False, reason="gone")
    if email.status not in {EmailStatus.QUEUED, EmailStatus.RETRY}:
        return Delivery(sent=False, reason=f"already {email.status}")
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, to=[email.to], connection=connection,
        # The same id on every attempt: a resend after a crash mid-send is recognisable as the same message.
        headers={**email.headers,
                 "Message-ID": f"<outbox-{email.pk}.{email.created_at:%Y%m%d%H%M%S}@{message_id_domain()}>"},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    email.attempts += 1
    try:
        message.send()
    except TRANSIENT_EMAIL_ERRORS as exc:
        email.status = EmailStatus.RETRY if email.attempts < MAX_EMAIL_ATTEMPTS else EmailStatus.FAILED
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        email.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        return Delivery(sent=False, retry=email.status == EmailStatus.RETRY, reason=email.last_error)
    except smtplib.SMTPException as exc:
        email.status = EmailStatus.FAILED
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        email.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        return Delivery(sent=False, reason=email.last_error)
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "attempts", "sent_at", "last_error", "updated_at"])
    return Delivery(sent=True)


def pending_email_ids(*, older_than_seconds: int = 30, limit: int = 500) -> list[int]:
    """Outbox rows still waiting, oldest first; young rows are left to the task already queued for them."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        OutgoingEmail.objects.filter(status__in=[EmailStatus.QUEUED, EmailStatus.RETRY], updated_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )

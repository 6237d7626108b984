"""The email outbox and the audit trail: the two things every app writes through core."""

import logging
import smtplib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.utils import timezone

from .enums import AuditAction, EmailStatus
from .models import AuditEntry, OutgoingEmail

logger = logging.getLogger(__name__)

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


def queue_email(
    *,
    key: str,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    language: str = "en",
    about: models.Model | None = None,
    headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """Write the email to the outbox (once per ``key``) and send it after the surrounding transaction commits.

    A second call with the same key returns the first row and queues nothing: that is what keeps an email from
    being sent twice. If the broker is down the row stays queued and ``flush_outbox`` sends it later.
    """
    about_fields = {}
    if about is not None:
        about_fields = {"content_type": ContentType.objects.get_for_model(about), "object_id": str(about.pk)}
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject,
            "body_text": body_text,
            "body_html": body_html,
            "language": language,
            "headers": headers or {},
            **about_fields,
        },
    )
    if created:
        transaction.on_commit(lambda: enqueue_email(email_id=email.pk))
    return email


def enqueue_email(*, email_id: int) -> None:
    """Hand one outbox row to Celery; a broker failure is logged, never raised, since the row is safe."""
    from .tasks import send_email

    try:
        send_email.delay(email_id=email_id)
    except Exception:  # noqa: BLE001 - any broker error: the periodic flush sends the row later
        logger.warning("Broker unavailable; email %s stays in the outbox", email_id)


def message_id_domain() -> str:
    from django.conf import settings

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
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return list(
        OutgoingEmail.objects.filter(status__in=[EmailStatus.QUEUED, EmailStatus.RETRY], updated_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def retry_email(*, email: OutgoingEmail) -> bool:
    """Put a failed email back in the queue (an organizer's decision after fixing the address or server)."""
    if email.status != EmailStatus.FAILED:
        return False
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.RETRY, updated_at=timezone.now())
    transaction.on_commit(lambda: enqueue_email(email_id=email.pk))
    return True


def record_audit(
    *,
    actor,
    action: AuditAction,
    obj: models.Model,
    changes: dict | None = None,
    note: str = "",
    personal: bool = False,
) -> AuditEntry:
    """Add one line to the audit trail: who did what to which object, with the changed values.

    For personal data (``personal=True``) the object is named by its type and id only, never by its content.
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=f"{obj._meta.verbose_name} #{obj.pk}" if personal else str(obj)[:300],
        changes=changes or {},
        note=note[:300],
    )


@transaction.atomic
def set_publication_status(*, queryset, status: str, actor) -> int:
    """Publish or unpublish the given content; returns how many rows changed. Each change is audited."""
    from .enums import PublicationStatus

    changed = 0
    # Lock by id: the admin's queryset may carry outer joins, which PostgreSQL cannot lock.
    ids = list(queryset.values_list("pk", flat=True))
    rows = queryset.model._default_manager.select_for_update().filter(pk__in=ids)
    for obj in rows.exclude(status=status).order_by("pk"):
        obj.status = status
        if status == PublicationStatus.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        obj.save(update_fields=["status", "published_at", "updated_at"])
        record_audit(actor=actor, action=AuditAction.ACTION, obj=obj, changes={"status": status}, note=status)
        changed += 1
    return changed

"""The email outbox: an email is a row first, written once per key, then a task sent after commit."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ..enums import EmailStatus
from ..models import OutgoingEmail
from ..tasks import send_email
from .queue import enqueue_on_commit


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
        enqueue_on_commit(send_email, email_id=email.pk)
    return email


def retry_email(*, email: OutgoingEmail) -> bool:
    """Put a failed email back in the queue (an organizer's decision after fixing the address or server)."""
    if email.status != EmailStatus.FAILED:
        return False
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.RETRY, updated_at=timezone.now())
    enqueue_on_commit(send_email, email_id=email.pk)
    return True

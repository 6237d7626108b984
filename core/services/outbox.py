"""The email outbox: an email is a row first, written once per key, then a task sent after commit."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ..enums import EmailStatus
from ..models import OutgoingEmail
from ..tasks import send_email
from .queue import enqueue_on_commit

SUBJECT_LENGTH = OutgoingEmail._meta.get_field("subject").max_length
ELLIPSIS = "…"
# C0 and C1 control characters (CR, LF, tab, vertical tab, NEL...), DEL, and the Unicode line and paragraph
# separators: everything that can break a header into lines.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_value(value: str, *, max_length: int | None = None) -> str:
    """``value`` as one header line: control characters and line breaks become spaces, runs of whitespace one
    space; cut to ``max_length`` with an ellipsis. A newline in a header cannot be sent (BadHeaderError)."""
    text = _UNPRINTABLE.sub(" ", str(value))
    text = " ".join(text.split())
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - len(ELLIPSIS)].rstrip() + ELLIPSIS
    return text


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
    The subject and the extra header values are made one line, and the subject short enough for its column:
    what a guest typed (a forum title) must never fail the registration that queues the email.
    """
    about_fields = {}
    if about is not None:
        about_fields = {"content_type": ContentType.objects.get_for_model(about), "object_id": str(about.pk)}
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": header_value(subject, max_length=SUBJECT_LENGTH),
            "body_text": body_text,
            "body_html": body_html,
            "language": language,
            "headers": {name: header_value(value) for name, value in (headers or {}).items()},
            **about_fields,
        },
    )
    if created:
        enqueue_on_commit(send_email, email_id=email.pk)
    return email


def retry_email(*, email: OutgoingEmail) -> bool:
    """Put a failed email back in the queue (an organizer's decision after fixing the address or server), with a
    fresh retry schedule: tried now, then for EMAIL_RETRY_HOURS again."""
    now = timezone.now()
    reset = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.FAILED).update(
        status=EmailStatus.RETRY, next_attempt_at=now, first_attempt_at=None, updated_at=now
    )
    if not reset:
        return False
    enqueue_on_commit(send_email, email_id=email.pk)
    return True

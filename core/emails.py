"""Emails of every app but the guests': a text template rendered in the recipient's language, wrapped in the
site's HTML layout, and written to the outbox once per key."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from .models import OutgoingEmail
from .services.outbox import queue_email


def queue_templated_email(
    *, key: str, to: str, language: str, subject: str | Promise, text_template: str, context: dict, heading: str = "",
    about=None, headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """Render ``text_template`` and ``subject`` (a lazy string or a %-format with ``context``) in ``language`` and
    queue the email under ``key``: the same key is written once, whoever asks again, so it is sent once."""
    with translation.override(language):
        rendered_subject = str(subject) % context if "%(" in str(subject) else str(subject)
        body_text = render_to_string(text_template, context)
        body_html = render_to_string("email/message.html", {
            "language": language, "subject": rendered_subject, "body_text": body_text,
            "heading": heading or rendered_subject,
        })
    return queue_email(key=key, to=to, subject=rendered_subject, body_text=body_text, body_html=body_html,
                       language=language, about=about, headers=headers)

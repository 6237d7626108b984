"""No personal data in the logs: email addresses and signed tokens are replaced before a record is written.

The addresses come with the SMTP server's answers (``550 <guest@example.org>: mailbox unavailable``), exception
text and validation errors; the tokens with paths in request logs and with signed values. ``ScrubPersonalData``
sits on every handler of ``LOGGING`` (wic/settings.py); Celery's worker replaces the root logger's handlers
(``worker_hijack_root_logger``) and gets it on its own through ``after_setup_logger``/``after_setup_task_logger``
below. Logs name rows by id instead.
"""

import logging
import re

from celery.signals import after_setup_logger, after_setup_task_logger

from .access_log import redact_tokens

REDACTED_EMAIL = "[email]"
REDACTED_SIGNED = "[signed]"
# An apostrophe may be inside the local part (o'brien@...), not first: the quotes of a repr stay.
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-][A-Za-z0-9._%+'\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# django.core.signing's shape: url-safe base64 parts joined by colons (value[:timestamp]:signature, the value
# starting with "." when compressed), the signature 27 characters (SHA-1) or more (43 for SHA-256). Clock times,
# ports and IPv6 addresses have short parts and are left alone.
_B64 = r"[A-Za-z0-9_\-]"
_SIGNED = re.compile(rf"(?<![A-Za-z0-9_\-.])\.?{_B64}+(?::{_B64}+)*:{_B64}{{27,}}(?!{_B64})")
# PostgreSQL's details of a constraint violation quote the row's values: "Failing row contains (every column...)"
# (a visa letter's passport number and date of birth among them) and "Key (surname)=(Odhiambo) already exists".
# The columns' names stay, the values go.
REDACTED_ROW = "[row]"
_FAILING_ROW = re.compile(r"(Failing row contains )\(.*?\)(?=\.?\s*$)", re.MULTILINE)
_KEY_VALUES = re.compile(r"(Key \([^)]*\))=\(.*?\)(?= (?:already exists|is not present|conflicts))")


def scrub_personal_data(text: str) -> str:
    """``text`` with tokens in paths, signed values, the row values of database errors and email addresses
    replaced by placeholders."""
    text = redact_tokens(text)
    text = _FAILING_ROW.sub(rf"\1({REDACTED_ROW})", text)
    text = _KEY_VALUES.sub(rf"\1=({REDACTED_ROW})", text)
    text = _SIGNED.sub(REDACTED_SIGNED, text)
    return _EMAIL.sub(REDACTED_EMAIL, text)


class ScrubPersonalData(logging.Filter):
    """A handler's filter: the record's message and its exception's text, scrubbed (it never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub_personal_data(message)
        if scrubbed != message or record.args:
            record.msg, record.args = scrubbed, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_personal_data(record.stack_info)
        return True


def scrub_handlers(logger: logging.Logger | None = None, **kwargs) -> None:
    """Put the filter on every handler Celery gave ``logger`` (the worker's root logger, its task logger)."""
    for handler in (logger.handlers if logger else []):
        if not any(isinstance(existing, ScrubPersonalData) for existing in handler.filters):
            handler.addFilter(ScrubPersonalData())


after_setup_logger.connect(scrub_handlers, weak=False)
after_setup_task_logger.connect(scrub_handlers, weak=False)

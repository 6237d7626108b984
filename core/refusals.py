"""One way for a service to refuse: ``Refused``, a ValidationError that says why (``message``), as what
(``code``) and, when a form field is at fault, which one (``field``).

Views show ``message`` as it is (on ``field`` of their form when it names one), the admin as an error message, and
the API answers 400 with ``code`` (core.api.errors). Each app may name its own refusals as thin subclasses
(``RegistrationError``, ``ReviewRefused``...) so that a reader sees whose rule it is.
"""

from django.core.exceptions import ValidationError


class Refused(ValidationError):
    """A business rule said no; the message is written for the person who asked."""

    def __init__(self, message, *, code: str, field: str | None = None, params: dict | None = None):
        super().__init__(message, code=code, params=params)
        self.field = field

"""Form fields of the API's query parameters, read exactly as the schema's types say.

Django's fields are lenient where a form is: IntegerField reads through Python's ``int()`` (``58.0``, ``1_000``,
`` 7``, ``１２３``), DateField takes ``11/20/2024``, and django-filter's boolean reads any unknown word as "no filter".
A value the schema calls invalid must be a 400, not answered as some valid one.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DIGITS = re.compile(r"-?[0-9]+")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class WholeNumberField(forms.IntegerField):
    """OpenAPI's ``integer``: ASCII digits with an optional minus."""

    def to_python(self, value):
        if value not in self.empty_values and not DIGITS.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IsoDateField(forms.DateField):
    """OpenAPI's ``date`` (RFC 3339 full-date): YYYY-MM-DD only."""

    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        if value not in self.empty_values and not ISO_DATE.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class TrueFalseField(forms.NullBooleanField):
    """OpenAPI's ``boolean`` in a query: ``true`` or ``false``; empty is no filter."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise ValidationError(self.error_messages["invalid"], code="invalid")

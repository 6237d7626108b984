"""Filters shared by the endpoints, each reading its values exactly as its schema types them (see .fields)."""

import django_filters
from drf_spectacular.utils import extend_schema_field

from .fields import IsoDateField, TrueFalseField, WholeNumberField

# Years fit a PostgreSQL smallint; bounds keep a partner's typo a 400 instead of a database error.
SUMMIT_YEAR = {"min_value": 2000, "max_value": 9999}
# Ids fit a signed 64-bit integer, for the same reason.
ID = {"min_value": 1, "max_value": 2**63 - 1}


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: ``forum=58.5`` is a 400, not forum 58 (NumberFilter reads a decimal)."""

    field_class = WholeNumberField


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


class TrueFalseFilter(django_filters.BooleanFilter):
    field_class = TrueFalseField


def integer_filter(field_name: str | None = None, *, min_value: int, max_value: int, label: str | None = None,
                   **kwargs) -> IntegerFilter:
    """An IntegerFilter documented as ``integer`` with the bounds its form field enforces (one truth for both)."""
    schema: dict = {"type": "integer", "minimum": min_value, "maximum": max_value}
    if label:
        schema["description"] = label  # an explicit schema replaces the label drf-spectacular would use
    return extend_schema_field(schema)(IntegerFilter(
        field_name=field_name, label=label, min_value=min_value, max_value=max_value, **kwargs))


def summit_year_filter(field_name: str | None = None, **kwargs) -> IntegerFilter:
    return integer_filter(field_name, label="Summit year", **SUMMIT_YEAR, **kwargs)


def id_filter(field_name: str | None = None, **kwargs) -> IntegerFilter:
    return integer_filter(field_name, **ID, **kwargs)

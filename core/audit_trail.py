"""The audit trail as organizers read it: each change a row (the field's name, before, after), values as the admin
shows them (a choice by its label, a time in Wuzhen time, a date as a date), never the stored JSON.

The trail stores what the writer had: ``{field: [before, after]}`` from the admin's forms and most services,
``{field: value}`` from a few actions (the new value only), ``{field: None}`` for personal data (names only).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _

from .models import AuditEntry

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


def _field(model, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _label(field: models.Field | None, name: str) -> str:
    label = str(field.verbose_name) if field is not None else name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _when(raw: str, field: models.Field | None) -> str | None:
    """A stored time or date, in Wuzhen time, as the admin writes them; None when ``raw`` is neither."""
    if isinstance(field, models.DateTimeField) or field is None:
        moment = parse_datetime(raw) if len(raw) > 10 else None
        if isinstance(moment, datetime.datetime) and is_aware(moment):
            return date_format(localtime(moment), "DATETIME_FORMAT")
    if isinstance(field, models.DateField | models.DateTimeField) or field is None:
        day = parse_date(raw) if len(raw) == 10 else None
        if day is not None:
            return date_format(day, "DATE_FORMAT")
    return None


def readable_value(field: models.Field | None, value) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(field, models.BooleanField) and str(value) in {"True", "False", "true", "false"}:
        return _("Yes") if str(value).lower() == "true" else _("No")
    raw = value if isinstance(value, str) else str(value)
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        if raw in labels:
            return str(labels[raw])
    return _when(raw, field) or raw


def _field_order(model) -> dict[str, int]:
    inherited = {field.name for base in model.__mro__[1:] if getattr(getattr(base, "_meta", None), "abstract", False)
                 for field in base._meta.fields}
    fields = sorted(model._meta.fields, key=lambda field: field.name in inherited)  # stable: own fields first
    return {field.name: index for index, field in enumerate(fields)}


def field_changes(entry: AuditEntry) -> list[FieldChange]:
    """The entry's changes, one per field, in the order of the model's own fields, then those it inherits
    (publication status, timestamps): the order of its admin form. Not the order they were written, which
    PostgreSQL's jsonb does not keep."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    order = _field_order(model) if model else {}
    changes = sorted((entry.changes or {}).items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    rows = []
    for name, change in changes:
        field = _field(model, name)
        if change is None:  # personal data: the trail names the field, never its values
            rows.append(FieldChange(_label(field, name), _("not kept"), _("not kept")))
            continue
        if isinstance(change, list | tuple) and len(change) == 2:
            before = readable_value(field, change[0])
        else:  # an action that wrote the new value only
            before, change = _("not recorded"), [None, change]
        rows.append(FieldChange(_label(field, name), before, readable_value(field, change[1])))
    return rows

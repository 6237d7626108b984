"""Incremental sync: ``?updated_since=<ISO time>`` lists what changed since then, deletions as tombstones.

Like Google Calendar's sync, one ordered list carries both: the rows that are public now and changed (in full) and
the rows that left the public view since then (``{"id", "guid", "deleted": true, "changed_at"}``): deleted, or
unpublished, or hidden because their forum or summit was. A row's ``changed_at`` is the latest ``updated_at``
among it and the rows it shows or depends on (the view's ``change_fields``, and those of the expansions asked
for); what leaves no such time (a deleted image, a session moved out of a room) touches the rows instead
(core/touch.py). Pages follow ``(changed_at, kind, id)``, so a row that changes while a partner pages comes again
on a later page; the cursor is opaque. Partners keep the greatest ``changed_at`` they saw and ask again from a
little before it.
"""

import base64
import datetime
import json
import re
from dataclasses import dataclass

from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.models import Tombstone

from .pagination import invalid_cursor

ROW, DELETED = 0, 1


@dataclass(frozen=True)
class Position:
    changed_at: datetime.datetime
    kind: int
    pk: int

    def encode(self) -> str:
        raw = json.dumps([self.changed_at.isoformat(), self.kind, self.pk]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> "Position":
        try:
            moment, kind, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            return cls(datetime.datetime.fromisoformat(moment).astimezone(datetime.UTC), int(kind), int(pk))
        except (ValueError, TypeError, OverflowError) as error:  # bad base64, JSON, shape, time or 1e400
            raise invalid_cursor() from error


# RFC 3339's date-time, which the schema's `format: date-time` means: what is valid there is read here, nothing else.
DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})")


def parse_since(value: str) -> datetime.datetime:
    """The time asked for, in UTC (PostgreSQL refuses offsets past 15:59, which RFC 3339 allows)."""
    # A "+" left unescaped in a query string arrives as a space.
    text = value.replace(" ", "+").upper()
    match = DATE_TIME.fullmatch(text)
    if match is None:
        raise ValidationError({"updated_since": [_("Give an RFC 3339 time with its offset, e.g. "
                                                   "2024-11-20T09:00:00+08:00 or 2024-11-20T01:00:00Z.")]})
    if match[1] == "60":  # a leap second: the last second of that minute will do
        text = text[:match.start(1)] + "59.999999" + text[match.end(2 if match[2] else 1):]
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:  # well formed but impossible, e.g. month 13
        raise ValidationError({"updated_since": [_("No such time.")]}) from None
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # within a day of year 1 or past year 9999: the beginning or the end of time
        return (datetime.datetime.min if moment.year == 1 else datetime.datetime.max).replace(tzinfo=datetime.UTC)


def change_fields(view) -> tuple[str, ...]:
    """The timestamps that date a row of ``view`` as asked: its own ``change_fields`` and those of each expansion
    asked for (``?expand=room`` shows the room and its venue, so their times count too)."""
    expanded = (field for name in sorted(view.expand) for field in view.expand_change_fields.get(name, ()))
    return tuple(dict.fromkeys((*view.change_fields, *expanded)))


def changed_at_expression(model, fields: tuple[str, ...]):
    """The latest of the row's own time and those of the rows it shows: parents (``a__b__updated_at``, one join
    each) and children (``max:...``, one correlated subquery per relation they go through, so the main query needs
    no GROUP BY over every selected column, and no relation multiplies the rows of another).

    Each is coalesced with the row's own time: a row without a room or without speakers still has a time, and
    SQLite's MAX() of several values (Django's Greatest) is NULL when one of them is.
    """
    own = F("updated_at")
    latest = [Coalesce(F(field), own) for field in fields if field != "updated_at" and not field.startswith("max:")]
    by_relation: dict[str, list] = {}
    for field in fields:
        if field.startswith("max:"):
            path = field.removeprefix("max:")
            by_relation.setdefault(path.split("__", 1)[0], []).append(Coalesce(Max(path), own))
    for children in by_relation.values():
        row = model._base_manager.filter(pk=OuterRef("pk")).order_by().values("pk")
        greatest = children[0] if len(children) == 1 else Greatest(*children)
        latest.append(Coalesce(Subquery(row.annotate(latest=greatest).values("latest")), own))
    return Greatest(own, *latest) if latest else own


def _after(position: Position | None, kind: int) -> Q:
    if position is None:
        return Q()
    if kind > position.kind:
        return Q(changed_at__gte=position.changed_at)
    if kind < position.kind:
        return Q(changed_at__gt=position.changed_at)
    return Q(changed_at__gt=position.changed_at) | Q(changed_at=position.changed_at, pk__gt=position.pk)


def changes_page(view, request, since: datetime.datetime) -> Response:
    """One page of the change list of ``view`` (a PublicReadViewSet) since ``since``."""
    paginator = view.paginator
    size = paginator.get_page_size(request) or paginator.page_size
    cursor = request.query_params.get("cursor")
    position = Position.decode(cursor) if cursor else None
    changed_at = changed_at_expression(view.get_queryset().model, change_fields(view))

    public = (
        view.filter_queryset(view.get_queryset())
        .annotate(changed_at=changed_at)
        .filter(changed_at__gte=since)
        .filter(_after(position, ROW))
        .order_by("changed_at", "pk")[: size + 1]
    )
    hidden = (
        view.hidden_queryset()
        .annotate(changed_at=changed_at)
        .filter(changed_at__gte=since)
        .filter(_after(position, ROW))
        .order_by("changed_at", "pk")
        .values("pk", "changed_at", *(["guid"] if view.has_guid else []))[: size + 1]
    )
    deleted = (
        Tombstone.objects.filter(model=view.tombstone_model, deleted_at__gte=since)
        .filter(_summit_of_tombstone(request))
        .annotate(changed_at=F("deleted_at"))
        .filter(_after(position, DELETED))
        .order_by("deleted_at", "pk")[: size + 1]
    )
    entries = [(Position(row.changed_at, ROW, row.pk), row) for row in public]
    entries += [
        (Position(row["changed_at"], ROW, row["pk"]), _tombstone(row["pk"], row.get("guid"), row["changed_at"]))
        for row in hidden
    ]
    entries += [(Position(row.changed_at, DELETED, row.pk), _tombstone(row.object_id, row.guid, row.changed_at))
                for row in deleted]
    entries.sort(key=lambda entry: (entry[0].changed_at, entry[0].kind, entry[0].pk))
    page, more = entries[:size], len(entries) > size

    rows = [item for _position, item in page if not isinstance(item, dict)]
    rendered = iter(view.get_serializer(rows, many=True).data)
    results = []
    for _position, item in page:
        if isinstance(item, dict):
            results.append(item)
        else:
            data = next(rendered)
            data["changed_at"] = item.changed_at.isoformat()
            results.append(data)
    url = request.build_absolute_uri()
    next_url = replace_query_param(url, "cursor", page[-1][0].encode()) if more else None
    return Response({"next": next_url, "previous": None, "results": results,
                     "sync": {"updated_since": since.isoformat(), "first_page": remove_query_param(url, "cursor")}})


def _summit_of_tombstone(request) -> Q:
    """With ?summit=, that edition's tombstones and those of rows that belong to no edition."""
    year = request.query_params.get("summit", "")
    return Q(summit_year=int(year)) | Q(summit_year__isnull=True) if year.isdigit() else Q()


def _tombstone(pk, guid, changed_at) -> dict:
    entry = {"id": pk, "deleted": True, "changed_at": changed_at.isoformat()}
    if guid is not None:
        entry["guid"] = str(guid)
    return entry

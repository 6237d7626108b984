"""Cursor pagination: pages that follow a position, not an offset, and what they promise when rows change.

A cursor remembers the last row's place in the order, so a row added or deleted while a client pages shifts
nothing. A row whose place in the order changes while the client pages (a session moved to another time, when the
pages follow ``start``) may be missed or seen twice: pages in ``id`` order, which never changes, miss and repeat
nothing; change lists (``?updated_since=``, core/api/changes.py) are the way to follow changes.
"""

from rest_framework.pagination import CursorPagination

# Here rather than in .schema: that imports the API views, hence DRF's generics, which load this module (the
# default pagination class) while they are being imported.
TOMBSTONE_SCHEMA = {
    "type": "object",
    "title": "Tombstone",
    "required": ["id", "deleted", "changed_at"],
    "properties": {
        "id": {"type": "integer"},
        "guid": {"type": "string", "format": "uuid",
                 "description": "The row's stable identifier, for the resources that have one (sessions)."},
        "deleted": {"type": "boolean", "enum": [True]},
        "changed_at": {"type": "string", "format": "date-time",
                       "description": "When it was deleted or left the public view."},
    },
    # Nothing else, so that an item of a change list is a tombstone or a row, never both.
    "additionalProperties": False,
    "description": "With ?updated_since: a row that was deleted or left the public view since then.",
}
CHANGED_AT_SCHEMA = {
    "type": "object",
    "properties": {
        "changed_at": {
            "type": "string", "format": "date-time", "readOnly": True,
            "description": "With ?updated_since only: the latest change to the row or to what it shows (its "
            "forum, room, venue, speakers, organisations, with the expansions asked for). Ask again from a little "
            "before the greatest one you saw.",
        },
    },
}
# What paging promises, in the schema of ``cursor`` and of ``ordering`` (core/api/ordering.py).
PAGING_PROMISE = (
    "Pages in `id` order (`ordering=id`) never miss or repeat a row listed throughout. In an order by a field "
    "that can change (`start`, `end`, `updated_at`, `year`, `order`), a row whose value changes while you page may "
    "be missed or listed twice: follow changes with `updated_since`, where a row that changes while you page comes "
    "again on a later page."
)


class StableCursorPagination(CursorPagination):
    """Pages in the view's ``ordering`` (always ending in the primary key, so no two rows tie)."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("id",)
    cursor_query_description = f"The position to continue from, as given in `next` or `previous`. {PAGING_PROMISE}"

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in {"id", "pk"} for field in ordering):
            ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
        return tuple(ordering)

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        # The resource's item with ``changed_at``, named for the clients generated from the schema.
        name = schema["items"].get("$ref", "").rsplit("/", 1)[-1]
        row = {"allOf": [schema["items"], CHANGED_AT_SCHEMA], **({"title": f"{name}Change"} if name else {})}
        paginated["properties"]["results"] = {"type": "array", "items": {"oneOf": [row, TOMBSTONE_SCHEMA]}}
        paginated["properties"]["sync"] = {
            "type": "object", "description": "With ?updated_since: the time asked for and the first page's URL.",
            "properties": {"updated_since": {"type": "string", "format": "date-time"},
                           "first_page": {"type": "string", "format": "uri"}},
        }
        return paginated


def shared_tombstone(result, generator, request, public):
    """drf-spectacular postprocessing hook: every change list's tombstone as one component, ``Tombstone``, so that a
    generated client has one class for it rather than one per endpoint."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for component in list(schemas.values()):
        variants = component.get("properties", {}).get("results", {}).get("items", {}).get("oneOf", [])
        for index, variant in enumerate(variants):
            if variant == TOMBSTONE_SCHEMA:
                schemas["Tombstone"] = TOMBSTONE_SCHEMA
                variants[index] = {"$ref": "#/components/schemas/Tombstone"}
    return result


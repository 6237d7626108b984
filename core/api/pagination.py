"""Cursor pagination: stable pages however the data changes between two requests."""

from rest_framework.pagination import CursorPagination

# Here rather than in .schema: that imports the API views, hence DRF's generics, which load this module (the
# default pagination class) while they are being imported.
TOMBSTONE_SCHEMA = {
    "type": "object",
    "title": "Tombstone",
    "required": ["id", "deleted", "changed_at"],
    "properties": {
        "id": {"type": "integer"},
        "guid": {"type": "string", "format": "uuid"},
        "deleted": {"type": "boolean", "enum": [True]},
        "changed_at": {"type": "string", "format": "date-time"},
    },
    "description": "With ?updated_since: a row that was deleted or left the public view since then.",
}


class StableCursorPagination(CursorPagination):
    """Pages in the view's ``ordering`` (always ending in the primary key, so no two rows tie)."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("id",)

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in {"id", "pk"} for field in ordering):
            ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
        return tuple(ordering)

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["results"] = {"type": "array", "items": {"anyOf": [schema["items"], TOMBSTONE_SCHEMA]}}
        paginated["properties"]["sync"] = {
            "type": "object", "description": "With ?updated_since: the time asked for and the first page's URL.",
            "properties": {"updated_since": {"type": "string", "format": "date-time"},
                           "first_page": {"type": "string", "format": "uri"}},
        }
        return paginated

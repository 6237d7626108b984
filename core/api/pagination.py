"""Cursor pagination: stable pages however the data changes between two requests."""

from rest_framework.pagination import CursorPagination


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
        from .schema import TOMBSTONE_SCHEMA

        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["results"] = {"type": "array", "items": {"anyOf": [schema["items"], TOMBSTONE_SCHEMA]}}
        paginated["properties"]["sync"] = {
            "type": "object", "description": "With ?updated_since: the time asked for and the first page's URL.",
            "properties": {"updated_since": {"type": "string", "format": "date-time"},
                           "first_page": {"type": "string", "format": "uri"}},
        }
        return paginated

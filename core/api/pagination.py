"""Cursor pagination: stable pages however the data changes between two requests."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

from .fields import WholeNumberField

# A cursor the API did not give (mistyped, forged, or from an old link): a 400 on the field, in both the plain
# lists and the ?updated_since change lists (core/api/changes.py).
INVALID_CURSOR = _("Invalid cursor.")


def invalid_cursor() -> ValidationError:
    return ValidationError({"cursor": [INVALID_CURSOR]})


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

    def get_page_size(self, request):
        """``?page_size=``: a whole number from 1, and at most ``max_page_size`` (a larger one gives that many, as
        DRF has it and the schema says); anything else is a 400, where DRF would quietly give the default page."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        invalid = WholeNumberField.default_error_messages["invalid"]
        try:  # page_size= (empty) too: "Enter a whole number.", not "This field is required."
            size = WholeNumberField(min_value=1, error_messages={"required": invalid}).clean(raw)
        except DjangoValidationError as error:
            raise ValidationError({self.page_size_query_param: error.messages}) from error
        return min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """DRF's cursor, a 400 when it does not decode (DRF says 404) or holds a position its ordering field cannot
        read (a forged ``p=garbage`` would be a database error)."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise invalid_cursor() from None
        if cursor is not None and cursor.position is not None:
            try:
                self.model._meta.get_field(self.ordering[0].lstrip("-")).to_python(cursor.position)
            except FieldDoesNotExist:
                pass
            except (DjangoValidationError, ValueError, TypeError):
                raise invalid_cursor() from None
        return cursor

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in {"id", "pk"} for field in ordering):
            ordering.append("-id" if ordering and ordering[0].startswith("-") else "id")
        return tuple(ordering)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.cursor_query_param:
                parameter["description"] = "The `next` or `previous` link's cursor, as the API gave it (opaque)."
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (f"Number of results per page, default {self.page_size}, at most "
                                            f"{self.max_page_size} (a larger number gives {self.max_page_size}).")
        return parameters

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["results"] = {"type": "array", "items": {"anyOf": [schema["items"], TOMBSTONE_SCHEMA]}}
        paginated["properties"]["sync"] = {
            "type": "object", "description": "With ?updated_since: the time asked for and the first page's URL.",
            "properties": {"updated_since": {"type": "string", "format": "date-time"},
                           "first_page": {"type": "string", "format": "uri"}},
        }
        return paginated

"""Cursor pagination: pages that follow a position, not an offset, and what they promise when rows change.

A cursor remembers the last row's value of the first ordering field and how many rows with that value it has
passed (DRF's CursorPagination): in ``id`` order, unique and never changing, a row added, deleted or moved while
a client pages shifts nothing. In an order by another field (``start``: the parallel sessions of one start time
share it) a row added, deleted or moved among those that share a value, or moved across the cursor, may make the
client miss or repeat one; change lists (``?updated_since=``, core/api/changes.py) are the way to follow changes.
"""

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
    "Pages in `id` order (`ordering=id`) never miss or repeat a row listed throughout. In an order by another field "
    "(`start`, `end`, `updated_at`, `year`, `order`), rows sharing a value are counted by position, so a row added, "
    "deleted, unpublished or moved while you page may make you miss one or see one twice: follow changes with "
    "`updated_since`, where a row that changes while you page comes again on a later page."
)


class StableCursorPagination(CursorPagination):
    """Pages in the view's ``ordering`` (always ending in the primary key, so no two rows tie)."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("id",)
    cursor_query_description = f"The position to continue from, as given in `next` or `previous`. {PAGING_PROMISE}"

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
                parameter["description"] = ("The `next` or `previous` link's cursor, as the API gave it (opaque; any "
                                            f"other is a 400). {PAGING_PROMISE}")
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (f"Number of results per page, default {self.page_size}, at most "
                                            f"{self.max_page_size} (a larger number gives {self.max_page_size}).")
        return parameters

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


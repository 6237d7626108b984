"""OpenAPI pieces every endpoint shares, so the schema says what the answers really hold."""

from .views import LANG_PARAMETER, UPDATED_SINCE_PARAMETER, expand_parameter

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


def list_parameters(viewset) -> list:
    parameters = [LANG_PARAMETER, UPDATED_SINCE_PARAMETER]
    if viewset.expandable:
        parameters.append(expand_parameter(viewset.expandable))
    return parameters


def retrieve_parameters(viewset) -> list:
    parameters = [LANG_PARAMETER]
    if viewset.expandable:
        parameters.append(expand_parameter(viewset.expandable))
    return parameters


def documented(viewset):
    """Class decorator: the shared query parameters in the schema of a PublicReadViewSet."""
    from drf_spectacular.utils import extend_schema, extend_schema_view

    return extend_schema_view(
        list=extend_schema(parameters=list_parameters(viewset)),
        retrieve=extend_schema(parameters=retrieve_parameters(viewset)),
    )(viewset)

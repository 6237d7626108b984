"""OpenAPI pieces every endpoint shares, so the schema says what the answers really hold."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers

from .views import LANG_PARAMETER, UPDATED_SINCE_PARAMETER, expand_parameter


class ApiErrorSerializer(serializers.Serializer):
    """Every error answer: 400 (with the fields at fault), 401, 403, 404, 405, 406, 429 (with retry_after)."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Field name -> messages, for 400 answers.")
    retry_after = serializers.IntegerField(required=False, help_text="Seconds to wait, for 429 answers.")


class FilterParameters(DjangoFilterExtension):
    """The filters as drf-spectacular reads them, saying what django-filter does with an empty value: nothing
    (``?summit=&day=`` is the whole list, as an HTML form sends it)."""

    priority = 1  # before drf-spectacular's own

    def resolve_filter_field(self, *args, **kwargs):
        return [{**parameter, "allowEmptyValue": True} for parameter in super().resolve_filter_field(*args, **kwargs)]


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ApiErrorSerializer, description=description)


ERRORS = {
    400: _error("Invalid parameters."),
    401: _error("The API key is unknown or revoked."),
    404: _error("No such object, or not published."),
    406: _error("The Accept header asks for something other than JSON."),
    429: _error("Rate limit reached: wait retry_after seconds; partner keys have a higher limit."),
}


def documented(viewset):
    """Class decorator: the shared query parameters and error answers in the schema of a PublicReadViewSet."""
    serializer = viewset.serializer_class
    expansion = [expand_parameter(viewset.expandable)] if viewset.expandable else []
    return extend_schema_view(
        list=extend_schema(parameters=[LANG_PARAMETER, UPDATED_SINCE_PARAMETER, *expansion],
                           responses={200: serializer(many=True), **ERRORS}),
        retrieve=extend_schema(parameters=[LANG_PARAMETER, *expansion], responses={200: serializer, **ERRORS}),
    )(viewset)

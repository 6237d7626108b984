"""The base of every public API endpoint: read-only, published rows only, cached per content version."""

from typing import ClassVar

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from .caching import cached_answer
from .changes import changes_page, parse_since
from .negotiation import BOTH, LANG_VALUES, activate_requested_language

LANG_PARAMETER = OpenApiParameter(
    "lang", OpenApiTypes.STR, enum=list(LANG_VALUES),
    description="Language of the translated fields (default: Accept-Language, then en). `all` adds every "
    "language in `translations`.",
)
UPDATED_SINCE_PARAMETER = OpenApiParameter(
    "updated_since", OpenApiTypes.DATETIME,
    description="Only what changed since this time (RFC 3339, with its offset): the rows whose `changed_at` (the "
    "latest change to the row or to what it shows, with the expansions asked for) is at or after it, and tombstones "
    "(`{\"id\", \"guid\" (sessions), \"deleted\": true, \"changed_at\"}`) for rows deleted or unpublished since "
    "then, ordered by `changed_at`. A row that changes while you page comes again on a later page; ask again from a "
    "little before the greatest `changed_at` you saw.",
)


def expand_parameter(expandable) -> OpenApiParameter:
    return OpenApiParameter(
        "expand", OpenApiTypes.STR, many=True, enum=sorted(expandable), style="form", explode=False,
        description="Nested objects to include in full, comma-separated (e.g. `forum,room`).",
    )


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of public rows.

    Subclasses give ``visible`` (a Q for public rows), ``base_queryset()``, ``change_fields`` (the timestamps that
    make up a row's ``changed_at``: its own and those of every row its answer shows or its publicity depends on),
    ``expand_change_fields`` (those each ``?expand=`` adds), ``tombstone_model`` and ``expandable``.
    """

    visible = Q()
    change_fields: tuple[str, ...] = ("updated_at",)
    expand_change_fields: ClassVar[dict[str, tuple[str, ...]]] = {}
    tombstone_model = ""
    has_guid = False
    expandable: frozenset[str] = frozenset()
    language = "en"

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.base_queryset().filter(self.visible)

    def hidden_queryset(self):
        """Rows that exist but are not public: tombstones for partners who knew them."""
        return self.filter_queryset(self.base_queryset().model._default_manager.exclude(self.visible))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = activate_requested_language(request)
        self.expand = self._requested_expansions(request)

    def _requested_expansions(self, request) -> frozenset[str]:
        # Exactly the schema's enum, comma-separated (style form, explode false); an empty value expands nothing.
        asked = {part for value in request.query_params.getlist("expand") if value for part in value.split(",")}
        unknown = asked - self.expandable
        if unknown:
            allowed = ", ".join(sorted(self.expandable)) or "nothing"
            asked_for = ", ".join(repr(part) for part in sorted(unknown))
            raise ValidationError({"expand": [f"Cannot expand {asked_for}; allowed: {allowed}."]})
        return frozenset(asked)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["expand"] = getattr(self, "expand", frozenset())
        context["all_languages"] = self.language == BOTH
        return context

    def list(self, request, *args, **kwargs):
        since = request.query_params.get("updated_since")
        if since is not None:
            moment = parse_since(since)
            return cached_answer(request, self.language, lambda: changes_page(self, request, moment))
        return cached_answer(request, self.language, lambda: super(PublicReadViewSet, self).list(request, *args,
                                                                                                 **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return cached_answer(request, self.language, lambda: super(PublicReadViewSet, self).retrieve(
            request, *args, **kwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = "en, zh-hans" if self.language == BOTH else self.language
        vary = {part.strip() for part in response.get("Vary", "").split(",") if part.strip()}
        response["Vary"] = ", ".join(sorted(vary | {"Accept-Language"}))
        return response

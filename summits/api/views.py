"""Summit editions (the rooms, which the programme places, are listed by forums.api.rooms)."""

import django_filters
from django.db.models import Q

from core.api.filters import SUMMIT_YEAR, integer_filter
from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus

from ..models import Summit
from .serializers import SummitSerializer

PUBLISHED = PublicationStatus.PUBLISHED


class SummitFilter(django_filters.FilterSet):
    year = integer_filter("year", label="Year", **SUMMIT_YEAR)

    class Meta:
        model = Summit
        fields = ["year"]


@documented
class SummitViewSet(PublicReadViewSet):
    """The published editions, newest first; look one up by its year."""

    serializer_class = SummitSerializer
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"
    ordering_fields = ["year", "id"]
    ordering = ["-year", "-id"]
    filterset_class = SummitFilter
    visible = Q(status=PUBLISHED)
    change_fields = ("updated_at", "venue__updated_at")
    tombstone_model = "summits.summit"

    def base_queryset(self):
        return Summit.objects.select_related("venue")

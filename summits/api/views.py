"""Summit editions (the rooms, which the programme places, are listed by forums.api.rooms)."""

from django.db.models import Q

from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus

from ..models import Summit
from .serializers import SummitSerializer

PUBLISHED = PublicationStatus.PUBLISHED


@documented
class SummitViewSet(PublicReadViewSet):
    """The published editions, newest first; look one up by its year."""

    serializer_class = SummitSerializer
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"
    ordering_fields = ["year", "id"]
    ordering = ["-year", "-id"]
    filterset_fields = ["year"]
    visible = Q(status=PUBLISHED)
    change_fields = ("updated_at", "venue__updated_at")
    tombstone_model = "summits.summit"

    def base_queryset(self):
        return Summit.objects.select_related("venue")

"""Summit editions and their rooms."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from core.api.filters import SUMMIT_YEAR
from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus
from forums.models import Forum, Session

from ..models import Room, Summit
from .serializers import RoomSerializer, SummitSerializer

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
    tombstone_model = "summits.summit"

    def base_queryset(self):
        return Summit.objects.select_related("venue")


class RoomFilter(django_filters.FilterSet):
    summit = django_filters.NumberFilter(method="filter_summit", label="Summit year", **SUMMIT_YEAR)

    class Meta:
        model = Room
        fields = ["summit"]

    def filter_summit(self, queryset, name, value):
        in_forum = Forum.objects.filter(room=OuterRef("pk"), summit__year=value)
        in_session = Session.objects.filter(room=OuterRef("pk"), forum__summit__year=value)
        return queryset.filter(Q(Exists(in_forum)) | Q(Exists(in_session)))


@documented
class RoomViewSet(PublicReadViewSet):
    """Rooms where public forums or sessions take place; ``?summit=`` narrows to one edition."""

    serializer_class = RoomSerializer
    filterset_class = RoomFilter
    ordering_fields = ["id"]  # not by name: see SpeakerViewSet
    ordering = ["id"]
    # A room appears or leaves with the forums and sessions held in it.
    change_fields = ("updated_at", "max:sessions__updated_at", "max:forums__updated_at",
                     "max:sessions__forum__updated_at", "max:forums__summit__updated_at")
    tombstone_model = "summits.room"

    @property
    def visible(self):
        forum = Forum.objects.filter(room=OuterRef("pk"), status=PUBLISHED, summit__status=PUBLISHED)
        session = Session.objects.filter(room=OuterRef("pk"), status=PUBLISHED, forum__status=PUBLISHED,
                                         forum__summit__status=PUBLISHED)
        return Q(Exists(forum)) | Q(Exists(session))

    def base_queryset(self):
        return Room.objects.select_related("venue")

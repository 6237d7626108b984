"""The rooms of every edition's venues, as the API lists them: a room is public while a public forum or session
takes place in it, so the list reads the programme and lives with it."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from core.api.filters import summit_year_filter
from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus
from summits.api.serializers import RoomSerializer
from summits.models import Room

from ..models import Forum, Session

PUBLISHED = PublicationStatus.PUBLISHED


class RoomFilter(django_filters.FilterSet):
    summit = summit_year_filter(method="filter_summit")

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
    # A room appears or leaves with the forums and sessions held in it, and shows its venue's slug.
    change_fields = ("updated_at", "venue__updated_at", "max:sessions__updated_at", "max:forums__updated_at",
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

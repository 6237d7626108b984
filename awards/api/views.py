"""Award programmes and laureates of the published editions."""

import django_filters
from django.db.models import F, Q

from core.api.filters import id_filter, summit_year_filter
from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus

from ..enums import NominationStatus, ProgrammeKind
from ..models import AwardProgramme, Nomination
from .serializers import AwardProgrammeSerializer, LaureateSerializer

PUBLISHED = PublicationStatus.PUBLISHED


class ProgrammeFilter(django_filters.FilterSet):
    summit = summit_year_filter("summit__year")
    kind = django_filters.ChoiceFilter(choices=ProgrammeKind.choices)

    class Meta:
        model = AwardProgramme
        fields = ["summit", "kind"]


class LaureateFilter(django_filters.FilterSet):
    summit = summit_year_filter("programme__summit__year")
    programme = id_filter("programme_id")

    class Meta:
        model = Nomination
        fields = ["summit", "programme"]


@documented
class AwardProgrammeViewSet(PublicReadViewSet):
    """Awards, honours, best-practice calls and the competition, with their categories."""

    serializer_class = AwardProgrammeSerializer
    filterset_class = ProgrammeFilter
    ordering_fields = ["id", "order"]
    ordering = ["id"]
    visible = Q(status=PUBLISHED, summit__status=PUBLISHED)
    change_fields = ("updated_at", "summit__updated_at", "max:categories__updated_at")
    tombstone_model = "awards.awardprogramme"

    def base_queryset(self):
        return AwardProgramme.objects.select_related("summit").prefetch_related("categories")


@documented
class LaureateViewSet(PublicReadViewSet):
    """Awarded nominations of programmes whose laureates have been announced."""

    serializer_class = LaureateSerializer
    filterset_class = LaureateFilter
    ordering_fields = ["id"]  # a cursor cannot page over the nullable rank
    ordering = ["id"]
    visible = Q(status=NominationStatus.AWARDED, programme__status=PUBLISHED,
                programme__summit__status=PUBLISHED, programme__laureates_announced_at__isnull=False)
    change_fields = ("updated_at", "programme__updated_at", "programme__summit__updated_at", "category__updated_at",
                     "organization__updated_at")
    tombstone_model = "awards.nomination"

    def base_queryset(self):
        return Nomination.objects.select_related("programme__summit", "category", "organization").order_by(
            F("awarded_rank").asc(nulls_last=True), "pk")

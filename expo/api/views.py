"""Exhibitors and exhibits of the published expos."""

import django_filters
from django.db.models import Prefetch, Q

from core.api.filters import TrueFalseFilter, id_filter, summit_year_filter
from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus

from ..enums import ExhibitCategory
from ..models import Exhibit, ExhibitImage, Exhibitor
from ..selectors import public_exhibitor_q
from .serializers import ExhibitorSerializer, ExhibitSerializer

PUBLISHED = PublicationStatus.PUBLISHED


class ExhibitorFilter(django_filters.FilterSet):
    summit = summit_year_filter("expo__summit__year")
    country = django_filters.CharFilter(field_name="organization__country", label="Country (ISO 3166 code)")

    class Meta:
        model = Exhibitor
        fields = ["summit", "country"]


class ExhibitFilter(django_filters.FilterSet):
    summit = summit_year_filter("exhibitor__expo__summit__year")
    exhibitor = id_filter("exhibitor_id")
    category = django_filters.ChoiceFilter(choices=ExhibitCategory.choices)
    is_new_release = TrueFalseFilter()
    shown_online = TrueFalseFilter()

    class Meta:
        model = Exhibit
        fields = ["summit", "exhibitor", "category", "is_new_release", "shown_online"]


@documented
class ExhibitorViewSet(PublicReadViewSet):
    """Approved, published exhibitors of the Light of the Internet Expo."""

    serializer_class = ExhibitorSerializer
    filterset_class = ExhibitorFilter
    ordering_fields = ["id"]
    ordering = ["id"]
    visible = public_exhibitor_q(of_public_expo=True)
    change_fields = ("updated_at", "expo__updated_at", "expo__summit__updated_at", "organization__updated_at",
                     "booth__updated_at", "booth__hall__updated_at")
    tombstone_model = "expo.exhibitor"

    def base_queryset(self):
        return Exhibitor.objects.select_related("expo__summit", "organization", "booth__hall")


@documented
class ExhibitViewSet(PublicReadViewSet):
    """Published exhibits of public exhibitors, with their images as thumbnails."""

    serializer_class = ExhibitSerializer
    filterset_class = ExhibitFilter
    ordering_fields = ["id", "order"]
    ordering = ["id"]
    visible = Q(status=PUBLISHED) & public_exhibitor_q("exhibitor__", of_public_expo=True)
    change_fields = ("updated_at", "exhibitor__updated_at", "exhibitor__expo__updated_at",
                     "exhibitor__expo__summit__updated_at", "max:images__updated_at")
    tombstone_model = "expo.exhibit"

    def base_queryset(self):
        return Exhibit.objects.select_related("exhibitor__expo__summit").prefetch_related(
            Prefetch("images", queryset=ExhibitImage.objects.order_by("order", "pk")))

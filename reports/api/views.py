"""The reports library: published editions."""

import django_filters
from django.db.models import Q

from core.api.filters import integer_filter, summit_year_filter
from core.api.schema import documented
from core.api.views import PublicReadViewSet

from ..enums import EditionStatus
from ..models import ReportEdition
from .serializers import ReportEditionSerializer


class ReportFilter(django_filters.FilterSet):
    summit = summit_year_filter("summit__year")
    series = django_filters.CharFilter(field_name="series__slug", label="Series (its slug)")
    year = integer_filter("year", min_value=1900, max_value=9999)

    class Meta:
        model = ReportEdition
        fields = ["summit", "series", "year"]


@documented
class ReportViewSet(PublicReadViewSet):
    """Blue books, reports, initiatives and action plans released at the summits."""

    serializer_class = ReportEditionSerializer
    filterset_class = ReportFilter
    ordering_fields = ["id", "year"]
    ordering = ["id"]
    visible = Q(status=EditionStatus.PUBLISHED)
    change_fields = ("updated_at", "series__updated_at", "summit__updated_at")
    tombstone_model = "reports.reportedition"

    def base_queryset(self):
        return ReportEdition.objects.select_related("series", "summit")

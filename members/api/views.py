"""The WIC's member organisations."""

import django_filters
from django.db.models import Q

from core.api.schema import documented
from core.api.views import PublicReadViewSet

from ..enums import Continent, MembershipStatus, MembershipType, OrganizationKind
from ..models import Organization
from .serializers import MemberOrganizationSerializer


class MemberFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country", label="Country (ISO 3166 code)")
    continent = django_filters.ChoiceFilter(choices=Continent.choices)
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices)
    type = django_filters.ChoiceFilter(field_name="membership__type", choices=MembershipType.choices,
                                       label="Membership type")

    class Meta:
        model = Organization
        fields = ["country", "continent", "kind", "type"]


@documented
class MemberViewSet(PublicReadViewSet):
    """Organisations that are active members of the WIC International Organization."""

    serializer_class = MemberOrganizationSerializer
    filterset_class = MemberFilter
    ordering_fields = ["id"]  # not by name: see SpeakerViewSet
    ordering = ["id"]
    visible = Q(membership__status=MembershipStatus.ACTIVE)
    change_fields = ("updated_at", "membership__updated_at")
    tombstone_model = "members.organization"

    def base_queryset(self):
        return Organization.objects.select_related("membership")

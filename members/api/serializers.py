"""Member organisations as the API shows them."""

from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from core.api.serializers import ImageField, TranslatedSerializer

from ..models import Membership, Organization


class OrganizationRefSerializer(serializers.ModelSerializer):
    """An organisation named from elsewhere (a forum's host, a speaker's employer)."""

    class Meta:
        model = Organization
        fields = ["id", "slug", "name", "short_name"]


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["type", "since"]


class MemberOrganizationSerializer(TranslatedSerializer):
    translated_fields = ("name", "short_name", "description")
    country = CountryField(country_dict=False)
    logo = ImageField(320, 320)
    membership = MembershipSerializer(read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "slug", "name", "short_name", "kind", "country", "continent", "website", "logo",
                  "description", "membership", "updated_at"]

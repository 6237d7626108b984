"""Award programmes and their laureates as the API shows them (never nominators, jurors or scores)."""

from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from core.api.serializers import TranslatedSerializer
from members.api.serializers import OrganizationRefSerializer

from ..models import AwardCategory, AwardProgramme, Nomination


class AwardCategorySerializer(TranslatedSerializer):
    translated_fields = ("name", "description")

    class Meta:
        model = AwardCategory
        fields = ["id", "slug", "name", "description", "translations"]


class AwardProgrammeSerializer(TranslatedSerializer):
    translated_fields = ("name", "description", "criteria")
    summit = serializers.IntegerField(source="summit.year", read_only=True)
    categories = AwardCategorySerializer(many=True, read_only=True)

    class Meta:
        model = AwardProgramme
        fields = ["id", "summit", "kind", "slug", "name", "description", "criteria", "nominations_open",
                  "nominations_close", "ceremony_session", "laureates_announced_at", "categories", "updated_at",
                  "translations"]


class LaureateSerializer(TranslatedSerializer):
    translated_fields = ("nominee_name", "title", "citation")
    summit = serializers.IntegerField(source="programme.summit.year", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    country = CountryField(country_dict=False)

    class Meta:
        model = Nomination
        fields = ["id", "summit", "programme", "category", "nominee_kind", "nominee_name", "organization",
                  "country", "title", "citation", "awarded_rank", "updated_at", "translations"]

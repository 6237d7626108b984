"""Exhibitors and exhibits as the API shows them (never the exhibitors' contacts)."""

from rest_framework import serializers

from core.api.serializers import ImageField, TranslatedSerializer
from members.api.serializers import OrganizationRefSerializer

from ..models import Booth, Exhibit, ExhibitImage, Exhibitor


class BoothSerializer(serializers.ModelSerializer):
    hall = serializers.CharField(source="hall.name", read_only=True)

    class Meta:
        model = Booth
        fields = ["code", "hall", "area_sqm"]


class ExhibitorSerializer(TranslatedSerializer):
    translated_fields = ("description",)
    summit = serializers.IntegerField(source="expo.summit.year", read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    booth = BoothSerializer(read_only=True, allow_null=True)
    logo = ImageField(320, 320)

    class Meta:
        model = Exhibitor
        fields = ["id", "summit", "organization", "booth", "logo", "description", "website", "updated_at",
                  "translations"]


class ExhibitImageSerializer(TranslatedSerializer):
    translated_fields = ("caption", "alt_text")
    image = ImageField(960, 720)

    class Meta:
        model = ExhibitImage
        fields = ["image", "caption", "alt_text", "translations"]


class ExhibitSerializer(TranslatedSerializer):
    translated_fields = ("title", "summary", "description")
    summit = serializers.IntegerField(source="exhibitor.expo.summit.year", read_only=True)
    images = ExhibitImageSerializer(many=True, read_only=True)

    class Meta:
        model = Exhibit
        fields = ["id", "summit", "exhibitor", "slug", "title", "summary", "description", "category",
                  "is_new_release", "shown_online", "images", "updated_at", "translations"]

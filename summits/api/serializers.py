"""Summits and rooms as the API shows them."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import ImageField, TranslatedSerializer

from ..models import Room, Summit, Venue


class VenueSerializer(TranslatedSerializer):
    translated_fields = ("name", "city", "address")

    class Meta:
        model = Venue
        fields = ["id", "slug", "name", "city", "address", "country"]


class RoomSerializer(TranslatedSerializer):
    translated_fields = ("name",)
    venue = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Room
        fields = ["id", "slug", "name", "venue", "capacity", "floor", "updated_at", "translations"]


FEEDS_SCHEMA = {
    "type": "object",
    "properties": {name: {"type": "string", "format": "uri"} for name in ("json", "xml", "ics")},
    "description": "The schedule feeds of the edition (c3voc JSON, frab XML, iCalendar).",
}


class SummitSerializer(TranslatedSerializer):
    translated_fields = ("name", "theme", "description", "city")
    venue = VenueSerializer(read_only=True, allow_null=True)
    banner = ImageField(1200, 630)
    feeds = serializers.SerializerMethodField()

    class Meta:
        model = Summit
        fields = ["id", "year", "slug", "name", "theme", "description", "start_date", "end_date", "city", "venue",
                  "mode", "banner", "guest_count", "country_count", "feeds", "updated_at", "translations"]

    @extend_schema_field(FEEDS_SCHEMA)
    def get_feeds(self, summit):
        return {
            fmt: settings.SITE_URL + reverse("feeds:summit-schedule", kwargs={"year": summit.year, "format": fmt})
            for fmt in ("json", "xml", "ics")
        }

"""Published report editions with their files, sizes and checksums, per language."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from core.api.serializers import LANGUAGES, ImageField, TranslatedSerializer

from ..models import ReportEdition, ReportSeries

FILE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "required": ["url", "size", "sha256"],
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "size": {"type": "integer", "nullable": True, "description": "Bytes."},
        "sha256": {"type": "string"},
    },
}


class ReportSeriesSerializer(TranslatedSerializer):
    translated_fields = ("name", "description")

    class Meta:
        model = ReportSeries
        fields = ["id", "slug", "kind", "name", "description", "translations"]


class ReportEditionSerializer(TranslatedSerializer):
    translated_fields = ("title", "summary")
    series = ReportSeriesSerializer(read_only=True)
    summit = serializers.IntegerField(source="summit.year", read_only=True, allow_null=True)
    cover = ImageField(400, 566)
    files = serializers.SerializerMethodField()

    class Meta:
        model = ReportEdition
        fields = ["id", "series", "summit", "year", "version", "title", "summary", "release_session", "released_on",
                  "published_at", "cover", "files", "updated_at", "translations"]

    @extend_schema_field({"type": "object", "properties": {code: FILE_SCHEMA for code in LANGUAGES},
                          "description": "The file of each language, or null where there is none."})
    def get_files(self, edition):
        request = self.context.get("request")
        files = {}
        for language in LANGUAGES:
            stored = getattr(edition, build_localized_fieldname("file", language))
            if not stored:
                files[language] = None
                continue
            url = stored.url
            files[language] = {
                "url": request.build_absolute_uri(url) if request else f"{settings.SITE_URL}{url}",
                "size": getattr(edition, build_localized_fieldname("file_size", language)),
                "sha256": getattr(edition, build_localized_fieldname("file_sha256", language)) or "",
            }
        return files

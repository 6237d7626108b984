"""Serializer building blocks: translated fields in one or every language, and expandable relations."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from core.images import thumbnail_url

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def translations_schema(fields: tuple[str, ...]) -> dict:
    per_language = {"type": "object", "properties": {field: {"type": "string"} for field in fields}}
    return {"type": "object", "nullable": True, "additionalProperties": per_language,
            "description": "Every language's text, with ?lang=all; null otherwise."}


class TranslatedSerializer(serializers.ModelSerializer):
    """Translated fields come in the asked language; with ``?lang=all`` also every language in ``translations``."""

    translated_fields: tuple[str, ...] = ()
    translations = serializers.SerializerMethodField()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        original = cls.get_translations

        # A function of the subclass's own, so that the schema of its ``translations`` names its own fields.
        def get_translations(self, obj):
            return original(self, obj)

        cls.get_translations = extend_schema_field(translations_schema(cls.translated_fields))(get_translations)

    def get_field_names(self, declared_fields, info):
        names = list(super().get_field_names(declared_fields, info))
        return names if "translations" in names else [*names, "translations"]

    def get_translations(self, obj):
        if not self.context.get("all_languages"):
            return None
        return {
            language: {field: getattr(obj, build_localized_fieldname(field, language)) or ""
                       for field in self.translated_fields}
            for language in LANGUAGES
        }


def expanded(serializer: serializers.Serializer, name: str) -> bool:
    return name in serializer.context.get("expand", ())


class ImageField(serializers.Field):
    """An uploaded image as the URL of its thumbnail (never the original), or null."""

    def __init__(self, width: int = 640, height: int = 640, **kwargs):
        self.width, self.height = width, height
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        url = thumbnail_url(value, self.width, self.height) if value else ""
        if not url:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


ImageField = extend_schema_field({"type": "string", "format": "uri", "nullable": True})(ImageField)

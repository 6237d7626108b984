from modeltranslation.translator import TranslationOptions, register

from .models import ReportEdition, ReportSeries


@register(ReportSeries)
class ReportSeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ReportEdition)
class ReportEditionTranslation(TranslationOptions):
    # One file per language, each with its own size and checksum, and its own cover (drawn from its first page).
    fields = ("title", "summary", "body", "file", "file_size", "file_sha256", "cover")

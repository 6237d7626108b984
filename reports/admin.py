from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import WicTabularInline, WicTranslationAdmin

from .models import ReportEdition, ReportSeries


class ReportEditionSummaryInline(WicTabularInline):
    """The series' editions at a glance; each is edited, and its files uploaded, on its own page."""

    model = ReportEdition
    fields = ["title", "year", "version", "status"]
    readonly_fields = fields
    ordering = ["-year", "-version"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReportSeries)
class ReportSeriesAdmin(WicTranslationAdmin):
    list_display = ["name", "kind", "authoring_body", "order"]
    list_filter = ["kind", "authoring_body"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    list_select_related = ["authoring_body"]
    autocomplete_fields = ["authoring_body"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ReportEditionSummaryInline]


@admin.register(ReportEdition)
class ReportEditionAdmin(WicTranslationAdmin):
    list_display = ["title", "series", "year", "version", "status", "summit"]
    list_filter = ["status", "series__kind", "summit"]
    search_fields = ["title_en", "title_zh_hans", "series__name_en", "series__name_zh_hans", "version"]
    list_select_related = ["series", "summit"]
    autocomplete_fields = ["series", "release_session", "summit"]
    readonly_fields = [
        "file_size_en", "file_size_zh_hans", "file_sha256_en", "file_sha256_zh_hans", "published_at",
    ]
    fieldsets = [
        (None, {"fields": ["series", "title_en", "title_zh_hans", "year", "version", "summit"]}),
        (_("Release"), {"fields": ["status", "release_at", "released_on", "release_session", "published_at"]}),
        (_("Files"), {"fields": ["file_en", "file_size_en", "file_sha256_en", "file_zh_hans", "file_size_zh_hans",
                                 "file_sha256_zh_hans", "cover"]}),
        (_("Summary"), {"fields": ["summary_en", "summary_zh_hans", "is_demo"]}),
    ]

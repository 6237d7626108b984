"""Speakers, with where they speak."""

from django.contrib import admin
from django.utils.translation import pgettext_lazy

from core.admin import WicTranslationAdmin
from summits.admin_spreadsheets import SpreadsheetAdminMixin

from ..models import SessionSpeaker, Speaker
from ..spreadsheets import SpeakerResource
from .speaker_portal import send_new_portal_links


class SpeakerSessionInline(admin.TabularInline):
    """Where the speaker speaks; placed from the session's page, where clashes are checked."""

    model = SessionSpeaker
    extra = 0
    fields = ["session", "role", "invitation_status", "answered_at", "consent_photo"]
    readonly_fields = ["session", "role", "invitation_status", "answered_at", "consent_photo"]
    can_delete = False
    verbose_name_plural = pgettext_lazy("part of a forum", "sessions")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Speaker)
class SpeakerAdmin(SpreadsheetAdminMixin, WicTranslationAdmin):
    spreadsheet_resource = SpeakerResource
    list_display = ["name", "title", "organization_label", "country", "email", "language", "is_demo"]
    list_filter = ["country", "language", "photo_public", "is_demo"]
    search_fields = ["name_en", "name_zh_hans", "native_name", "slug", "affiliation_en", "organization__name_en",
                     "email"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["photo_public"]  # follows the speaker's consent (forums/services/photo_consent.py)
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [SpeakerSessionInline]
    actions = [send_new_portal_links]


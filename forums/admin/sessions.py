"""Sessions with their speakers, and the edition's agenda at a glance."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import PublishableAdminMixin, WicTranslationAdmin
from core.admin_choices import edition_filter
from summits.admin_filters import CurrentEditionFilter
from summits.admin_spreadsheets import SpreadsheetAdminMixin
from summits.models import Room, Summit

from ..models import Session, SessionSpeaker
from ..scheduling import speaker_clash_messages
from ..selectors import agenda_by_day_and_room
from ..speaker_selectors import with_speaker_counts
from ..spreadsheets import SessionResource
from . import speaker_portal
from .streams import STREAM_FIELDS, StreamsAdminMixin


class SessionSpeakerInlineFormSet(BaseInlineFormSet):
    """Speakers of a session: a speaker cannot be in two sessions at once."""

    def clean(self):
        super().clean()
        session = self.instance
        if not (session.start and session.end):
            return
        speaker_ids = [
            form.cleaned_data["speaker"].pk for form in self.forms
            if form.is_valid() and form.cleaned_data.get("speaker") and not self._should_delete_form(form)
        ]
        messages = speaker_clash_messages(
            speaker_ids=speaker_ids, start=session.start, end=session.end, exclude_session_id=session.pk
        )
        if messages:
            raise ValidationError(messages)


class SessionSpeakerInline(speaker_portal.SpeakerStatusColumns, admin.TabularInline):
    """The session's speakers, each with where they stand with the speaker portal (changed only through it)."""

    model = SessionSpeaker
    formset = SessionSpeakerInlineFormSet
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["speaker", "role", "order", "invitation_status", "answered_at", "decline_reason", "profile_complete",
              "consent", "has_slides"]
    readonly_fields = ["invitation_status", "answered_at", "decline_reason", "profile_complete", "consent",
                       "has_slides"]
    ordering = ["order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


class RoomFilter(admin.RelatedFieldListFilter):
    """The rooms, each named with its venue, read in one query (not one more for each room's venue)."""

    def field_choices(self, field, request, model_admin):
        return [(room.pk, str(room)) for room in Room.objects.select_related("venue")]


@admin.register(Session)
class SessionAdmin(StreamsAdminMixin, SpreadsheetAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    spreadsheet_resource = SessionResource
    list_display = ["title", "forum", "type", "start", "end", "room", "language", "status",
                    speaker_portal.speakers_at_a_glance]
    list_filter = [CurrentEditionFilter.for_field("forum__summit"),
                   ("forum", edition_filter(summit_parameter="forum__summit__id__exact")), "type",
                   "language", "status", ("room", RoomFilter), *StreamsAdminMixin.stream_list_filters]
    search_fields = ["title_en", "title_zh_hans", "forum__title_en", "speakers__name_en", "guid"]
    list_select_related = ["forum", "room__venue"]
    autocomplete_fields = ["forum", "room"]
    readonly_fields = ["guid", "links_shown"]
    date_hierarchy = "start"
    inlines = [SessionSpeakerInline, *StreamsAdminMixin.stream_inlines]
    actions = [*PublishableAdminMixin.actions, speaker_portal.invite_speakers, speaker_portal.remind_speakers]
    fieldsets = [
        (None, {"fields": ["forum", "type", "title_en", "title_zh_hans", "guid"]}),
        (gettext_lazy("Time and place"), {"fields": ["start", "end", "room", "language"]}),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh_hans"]}),
        (gettext_lazy("Streams and interpretation"), {"fields": STREAM_FIELDS}),
        (gettext_lazy("Publication"), {"fields": ["status"]}),
    ]

    def get_urls(self):
        return [
            path("agenda/<int:summit_id>/", self.admin_site.admin_view(self.agenda_view),
                 name="forums_session_agenda"),
            path("speakers-status/<int:summit_id>/",
                 self.admin_site.admin_view(lambda request, summit_id: speaker_portal.speakers_status_view(
                     self, request, summit_id)), name="forums_session_speakers_status"),
            path("speakers/<int:placement_id>/slides/",
                 self.admin_site.admin_view(lambda request, placement_id: speaker_portal.slides_view(
                     self, request, placement_id)), name="forums_session_speaker_slides"),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return with_speaker_counts(super().get_queryset(request))

    def agenda_view(self, request, summit_id):
        """The edition's sessions day by day and room by room, clashes flagged at a glance.

        A page of the edition, linked from the Summit admin: whoever may view the edition may open it, and its
        breadcrumbs lead back to the edition. It is served here, next to the programme it reads.
        """
        summit = get_object_or_404(Summit, pk=summit_id)
        if not self.admin_site.get_model_admin(Summit).has_view_permission(request, summit):
            return redirect("admin:index")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Agenda of %(summit)s") % {"summit": summit},
            "summit": summit,
            "opts": Summit._meta,
            "agenda": agenda_by_day_and_room(summit),
        }
        return TemplateResponse(request, "admin/forums/session/agenda.html", context)



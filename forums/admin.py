from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.admin import PublishableAdminMixin, WicTabularInline, WicTranslationAdmin
from core.admin_choices import edition_filter, picker_label
from core.admin_review import ReviewMarkerAdminMixin
from summits.admin_filters import CurrentEditionFilter
from summits.models import Summit

from .models import Forum, Session, SessionSpeaker, Speaker, ThemeGroup
from .scheduling import describe_slot, speaker_clash_messages
from .selectors import agenda_by_day_and_room


# Every edition has its "Opening Ceremony" and its "Keynote speeches": the pickers say which (core/admin_choices.py).
@picker_label(ThemeGroup, related=("summit",))
def theme_group_label(group):
    return f"{group.summit.year} · {group.name}"


@picker_label(Forum, related=("summit",))
def forum_label(forum):
    return f"{forum.summit.year} · {forum.title}"


@picker_label(Session, related=("forum__summit",))
def session_label(session):
    """"2024 · Opening Ceremony · November 19 09:30 · Presentation of the award", in Wuzhen time."""
    start = localtime(session.start)
    when = f"{date_format(start, 'MONTH_DAY_FORMAT')} {time_format(start, 'H:i')}"
    return f"{session.forum.summit.year} · {session.forum.title} · {when} · {session.title}"


@admin.register(ThemeGroup)
class ThemeGroupAdmin(WicTranslationAdmin):
    list_display = ["name", "summit", "order"]
    list_filter = [CurrentEditionFilter.for_field("summit")]
    search_fields = ["name_en", "name_zh_hans"]
    list_select_related = ["summit"]


class SessionInlineFormSet(BaseInlineFormSet):
    """Sessions edited together with their forum: checked against the forum as edited, and against each other."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.forum = self.instance
        return form

    def clean(self):
        super().clean()
        sessions = [
            form.instance
            for form in self.forms
            if form.is_valid() and not self._should_delete_form(form) and form.instance.start and form.instance.end
        ]
        for index, session in enumerate(sessions):
            room = session.room or self.instance.room
            for other in sessions[index + 1:]:
                other_room = other.room or self.instance.room
                if room and room == other_room and session.start < other.end and other.start < session.end:
                    raise ValidationError(
                        _("%(room)s cannot hold %(first)s and %(second)s at the same time.")
                        % {"room": room.name, "first": describe_slot(session), "second": describe_slot(other)}
                    )


class SessionInline(WicTabularInline):
    model = Session
    formset = SessionInlineFormSet
    fields = ["title_en", "title_zh_hans", "type", "start", "end", "room", "language", "status"]
    autocomplete_fields = ["room"]
    show_change_link = True
    ordering = ["start"]


@admin.register(Forum)
class ForumAdmin(ReviewMarkerAdminMixin, PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["title", "summit", "kind", "theme_group", "room", "start", "end", "status", "is_demo"]
    list_filter = [CurrentEditionFilter.for_field("summit"),
                   "kind", ("theme_group", edition_filter(summit_parameter="summit__id__exact")), "status",
                   "is_demo"]
    search_fields = ["title_en", "title_zh_hans", "slug", "host__name_en"]
    list_select_related = ["summit", "theme_group", "room__venue"]
    autocomplete_fields = ["summit", "theme_group", "host", "co_hosts", "room"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "start"
    inlines = [SessionInline]
    actions = [*PublishableAdminMixin.actions, *ReviewMarkerAdminMixin.actions]
    fieldsets = [
        (None, {"fields": ["summit", "kind", "theme_group", "title_en", "title_zh_hans", "slug"]}),
        (gettext_lazy("Time and place"), {"fields": ["start", "end", "room", "seat_quota", "registration_mode"]}),
        (gettext_lazy("Hosts"), {"fields": ["host", "co_hosts"]}),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh_hans"]}),
        (gettext_lazy("Publication"), {"fields": ["status", "order", "is_demo"]}),
    ]


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


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    formset = SessionSpeakerInlineFormSet
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["speaker", "role", "order"]
    ordering = ["order"]


@admin.register(Session)
class SessionAdmin(PublishableAdminMixin, WicTranslationAdmin):
    list_display = ["title", "forum", "type", "start", "end", "room", "language", "status"]
    list_filter = [CurrentEditionFilter.for_field("forum__summit"),
                   ("forum", edition_filter(summit_parameter="forum__summit__id__exact")), "type",
                   "language", "status", "room"]
    search_fields = ["title_en", "title_zh_hans", "forum__title_en", "speakers__name_en", "guid"]
    list_select_related = ["forum", "room__venue"]
    autocomplete_fields = ["forum", "room"]
    readonly_fields = ["guid"]
    date_hierarchy = "start"
    inlines = [SessionSpeakerInline]
    fieldsets = [
        (None, {"fields": ["forum", "type", "title_en", "title_zh_hans", "guid"]}),
        (gettext_lazy("Time and place"), {"fields": ["start", "end", "room", "language"]}),
        (gettext_lazy("Description"), {"fields": ["description_en", "description_zh_hans"]}),
        (gettext_lazy("Publication"), {"fields": ["status"]}),
    ]

    def get_urls(self):
        return [
            path("agenda/<int:summit_id>/", self.admin_site.admin_view(self.agenda_view),
                 name="forums_session_agenda"),
            *super().get_urls(),
        ]

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


class SpeakerSessionInline(admin.TabularInline):
    """Where the speaker speaks; placed from the session's page, where clashes are checked."""

    model = SessionSpeaker
    extra = 0
    fields = ["session", "role"]
    readonly_fields = ["session", "role"]
    can_delete = False
    verbose_name_plural = pgettext_lazy("part of a forum", "sessions")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Speaker)
class SpeakerAdmin(WicTranslationAdmin):
    list_display = ["name", "title", "organization_label", "country", "is_demo"]
    list_filter = ["country", "is_demo"]
    search_fields = ["name_en", "name_zh_hans", "slug", "affiliation_en", "organization__name_en"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [SpeakerSessionInline]

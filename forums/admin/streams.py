"""A session's live stream, recording and interpretation channels in the admin: the channels inline, the list's
filters, and whether each link is shown, with whose consent it waits for (``selectors.session_media``)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from ..enums import InterpretationLanguage
from ..models import InterpretationChannel, Session, SessionSpeaker
from ..selectors import CHANNELS, session_media, stream_shown_q

STREAM_FIELDS = ["stream_url", "recording_url", "links_shown"]


class InterpretationChannelFormSet(BaseInlineFormSet):
    """A receiver's channel carries one language: two languages on one channel number are refused (one language
    on two channels is refused by the model's constraint)."""

    def clean(self):
        super().clean()
        seen: dict[int, str] = {}
        for form in self.forms:
            if not form.is_valid() or self._should_delete_form(form) or form.cleaned_data.get("channel") is None:
                continue
            channel, language = form.cleaned_data["channel"], form.cleaned_data.get("language")
            if channel in seen:
                raise ValidationError(
                    _("Channel %(channel)s carries %(first)s already: give %(second)s another channel.") % {
                        "channel": channel, "first": InterpretationLanguage(seen[channel]).label,
                        "second": InterpretationLanguage(language).label if language else "–"})
            if language:
                seen[channel] = language


class InterpretationChannelInline(admin.TabularInline):
    model = InterpretationChannel
    formset = InterpretationChannelFormSet
    extra = 0
    fields = ["language", "channel"]
    ordering = ["channel"]


class StreamFilter(admin.SimpleListFilter):
    title = gettext_lazy("live stream")
    parameter_name = "stream"

    def lookups(self, request, model_admin):
        return [("shown", _("Shown")), ("waiting", _("Waiting for consent")), ("none", _("No link"))]

    def queryset(self, request, queryset):
        if self.value() == "shown":
            return queryset.filter(stream_shown_q())
        if self.value() == "waiting":
            return queryset.exclude(stream_url="").exclude(stream_shown_q())
        if self.value() == "none":
            return queryset.filter(stream_url="")
        return queryset


class InterpretationFilter(admin.SimpleListFilter):
    title = gettext_lazy("interpretation")
    parameter_name = "interpretation"

    def lookups(self, request, model_admin):
        return InterpretationLanguage.choices

    def queryset(self, request, queryset):
        if self.value() in InterpretationLanguage.values:
            channels = InterpretationChannel.objects.filter(session=OuterRef("pk"), language=self.value())
            return queryset.filter(Exists(channels))
        return queryset


def _link_state(url: str, shown: str, waiting_for: tuple[str, ...], *, shown_text: str, consent: str) -> str:
    if not url:
        return _("No link.")
    if shown:
        return shown_text
    return _("Hidden: waiting for the consent to %(consent)s of %(speakers)s.") % {
        "consent": consent, "speakers": pgettext("between the items of a list", ", ").join(waiting_for)}


class StreamsAdminMixin:
    """For SessionAdmin: the channels inline, the list's filters and ``links_shown`` (in ``STREAM_FIELDS``)."""

    stream_inlines = [InterpretationChannelInline]
    stream_list_filters = [StreamFilter, InterpretationFilter]

    @admin.display(description=gettext_lazy("shown to the public"))
    def links_shown(self, session: Session) -> str:
        """Whether the public sees each link, and if not, whose consent it waits for."""
        if session.pk is None:
            return "–"
        prefetch_related_objects([session], Prefetch(
            "session_speakers", queryset=SessionSpeaker.objects.select_related("speaker")), CHANNELS)
        media = session_media(session)
        shown = _("Shown on the site, in the feeds and the API.")
        lines = [
            (_("Live stream"), _link_state(session.stream_url, media.stream_url, media.waiting_for_streaming,
                                           shown_text=shown, consent=_("live streaming"))),
            (pgettext("a session's video", "Recording"), _link_state(
                session.recording_url, media.recording_url, media.waiting_for_recording, shown_text=shown,
                consent=_("recording"))),
        ]
        colon = pgettext("between a label and its value", ": ")
        return format_html_join(mark_safe("<br>"), "{}{}{}", ((label, colon, state) for label, state in lines))

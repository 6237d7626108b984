"""The speaker portal in the admin: the actions that invite, remind and send new links, the edition's "Speakers'
status" page, the status columns of sessions and of their speakers, the speakers' slides (private: downloaded
here only), and speakers' travel for the protocol desk."""

from django import forms
from django.contrib import admin, messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from core.admin import WicAdmin
from summits.admin_filters import CurrentEditionFilter
from summits.models import Summit

from .. import services
from ..models import Forum, SessionSpeaker, SpeakerTravel
from ..speaker_selectors import consent_is_given, profile_is_complete, speakers_status


def _report(model_admin, request, outcome: services.Sending, sent_message: str, skipped_message: str) -> None:
    model_admin.message_user(request, f"{sent_message} {skipped_message}" if outcome.skipped else sent_message,
                             messages.SUCCESS if outcome.sent else messages.WARNING)


@admin.action(description=gettext_lazy("Invite speakers"), permissions=["change"])
def invite_speakers(model_admin, request, queryset):
    """Invite the not yet invited speakers of the chosen sessions (one email per session and speaker)."""
    try:
        outcome = services.invite_speakers(placements=SessionSpeaker.objects.filter(session__in=queryset),
                                           actor=request.user)
    except services.SpeakerPortalRefused as refused:
        model_admin.message_user(request, " ".join(refused.messages), messages.ERROR)
        return
    _report(model_admin, request, outcome,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", outcome.sent) % {
                "count": outcome.sent},
            ngettext("%(count)d speaker skipped: already invited or answered, or the edition has ended.",
                     "%(count)d speakers skipped: already invited or answered, or the edition has ended.",
                     outcome.skipped) % {"count": outcome.skipped})


@admin.action(description=gettext_lazy("Remind the missing ones"), permissions=["change"])
def remind_speakers(model_admin, request, queryset):
    """Remind, once a day, the speakers of the chosen sessions who owe an answer, their profile, consent or travel."""
    outcome = services.remind_speakers(placements=SessionSpeaker.objects.filter(session__in=queryset),
                                       actor=request.user)
    _report(model_admin, request, outcome,
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", outcome.sent) % {"count": outcome.sent},
            ngettext("%(count)d speaker skipped: nothing missing, no email address, reminded today already, or "
                     "the edition has ended.",
                     "%(count)d speakers skipped: nothing missing, no email address, reminded today already, or "
                     "the edition has ended.", outcome.skipped) % {"count": outcome.skipped})


@admin.action(description=gettext_lazy("Send a new portal link"), permissions=["change"])
def send_new_portal_links(model_admin, request, queryset):
    """A new speaker portal link for each chosen speaker; their earlier links stop working."""
    outcome = services.send_new_portal_links(speakers=queryset, actor=request.user)
    _report(model_admin, request, outcome,
            ngettext("%(count)d new portal link sent.", "%(count)d new portal links sent.", outcome.sent) % {
                "count": outcome.sent},
            ngettext("%(count)d speaker skipped: never invited to an edition still to come, or no email address.",
                     "%(count)d speakers skipped: never invited to an edition still to come, or no email address.",
                     outcome.skipped) % {"count": outcome.skipped})


@admin.display(description=gettext_lazy("speakers"))
def speakers_at_a_glance(session) -> str:
    """"2/3 accepted · 1 declined · consent 1/3", from the counts ``with_speaker_counts`` annotates."""
    if not session.speaker_count:
        return "—"
    parts = [_("%(accepted)d/%(total)d accepted") % {"accepted": session.accepted_count,
                                                     "total": session.speaker_count}]
    if session.declined_count:
        parts.append(_("%(count)d declined") % {"count": session.declined_count})
    parts.append(_("consent %(given)d/%(total)d") % {"given": session.consent_count, "total": session.speaker_count})
    return " · ".join(parts)


class SpeakerStatusColumns:
    """Read-only columns of a session's speakers inline: where each stands with the portal."""

    @admin.display(description=gettext_lazy("profile"), boolean=True)
    def profile_complete(self, placement) -> bool | None:
        return profile_is_complete(placement.speaker) if placement.pk else None

    @admin.display(description=gettext_lazy("consent"))
    def consent(self, placement) -> str:
        if not placement.pk or not consent_is_given(placement):
            return "—"
        given = [label for allowed, label in ((placement.consent_recording, _("recording")),
                                              (placement.consent_streaming, _("streaming")),
                                              (placement.consent_photo, _("photos"))) if allowed]
        return pgettext("between the items of a list", ", ").join(given) if given else _("none")

    @admin.display(description=gettext_lazy("slides"))
    def has_slides(self, placement) -> str:
        return slides_link(placement) if placement.pk and placement.slides else "—"


def slides_link(placement) -> str:
    return format_html('<a href="{}">{}</a>', reverse("admin:forums_session_speaker_slides", args=[placement.pk]),
                       _("Download"))


def slides_view(model_admin, request, placement_id: int):
    """A speaker's slides for a session, as an attachment, to staff who may view sessions; a 404 for other staff,
    for a placement without slides, and for a file gone from storage. Never cached: private storage."""
    if not model_admin.has_view_permission(request):
        raise Http404
    placement = SessionSpeaker.objects.select_related("speaker").filter(pk=placement_id).first()
    if placement is None or not placement.slides:
        raise Http404
    try:
        handle = placement.slides.open("rb")
    except FileNotFoundError:  # the row outlived its file (storage restored from an older backup)
        raise Http404 from None
    # Named by the session and the speaker's slug, never by the uploaded name: the speaker chose that one.
    speaker_part = slugify(placement.speaker.slug)[:80] or placement.speaker_id
    filename = f"slides-session-{placement.session_id}-{speaker_part}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


class StatusFilterForm(forms.Form):
    forum = forms.ModelChoiceField(queryset=Forum.objects.none(), required=False, label=gettext_lazy("Forum"),
                                   empty_label=gettext_lazy("All forums"))
    missing = forms.BooleanField(required=False, label=gettext_lazy("Only sessions with something missing"))

    def __init__(self, data, *, summit):
        super().__init__(data)
        self.fields["forum"].queryset = Forum.objects.filter(summit=summit).order_by("start", "order", "pk")


def speakers_status_view(model_admin, request, summit_id):
    """The edition's sessions with their speakers' answers, profiles, consents and travel counted; filterable by
    forum and to the sessions that still miss something. A page of the edition, like its agenda."""
    summit = get_object_or_404(Summit, pk=summit_id)
    if not model_admin.admin_site.get_model_admin(Summit).has_view_permission(request, summit):
        return redirect("admin:index")
    form = StatusFilterForm(request.GET or None, summit=summit)
    forum = form.cleaned_data["forum"] if form.is_valid() else None
    missing_only = form.cleaned_data["missing"] if form.is_valid() else False
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Speakers' status of %(summit)s") % {"summit": summit},
        "summit": summit, "opts": Summit._meta, "form": form,
        "rows": speakers_status(summit, forum_id=forum.pk if forum else None, missing_only=missing_only),
    }
    return TemplateResponse(request, "admin/forums/session/speakers_status.html", context)


@admin.register(SpeakerTravel)
class SpeakerTravelAdmin(WicAdmin):
    """The protocol desk's list: who arrives when and where, day by day."""

    list_display = ["speaker", "arrival_at", "arrival_place", "arrival_flight", "departure_at", "departure_place",
                    "departure_flight", "summit"]
    list_filter = [CurrentEditionFilter.for_field("summit"), "arrival_place", "departure_place"]
    search_fields = ["speaker__name_en", "speaker__name_zh_hans", "arrival_flight", "departure_flight"]
    list_select_related = ["speaker", "summit"]
    autocomplete_fields = ["speaker", "summit"]
    date_hierarchy = "arrival_at"
    ordering = ["arrival_at", "pk"]

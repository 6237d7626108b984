"""The speaker portal, reached by the speaker's signed link (forums/speaker_links.py): their sessions of one
edition with the answer to each, their profile, their consent and slides per accepted session, their travel.

Views parse input with ``portal_forms.py``, call the services and render. A forged, replaced or expired link, one
opened under another edition's address, or a session that is not the speaker's, is a 404 in the visitor's language.
"""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from summits.models import Summit

from . import services, speaker_links, speaker_selectors
from .enums import SpeakerInvitationStatus
from .portal_forms import ConsentForm, DeclineForm, ProfileForm, SlidesForm, TravelForm


def _private(response):
    """Pages reached by a speaker's link hold their personal data: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def speaker_link(view):
    """Resolve the speaker's link for the edition of the address, or answer the invalid-link page (404)."""

    @functools.wraps(view)
    def wrapper(request, year: int, speaker_token: str, **kwargs):
        summit = Summit.objects.filter(year=year).first()
        speaker = speaker_links.speaker_for_token(speaker_token, summit=summit) if summit else None
        if speaker is None:
            return _private(render(request, "forums/portal/invalid_link.html", status=404))
        context = {"speaker": speaker, "summit": summit, "token": speaker_token}
        try:
            response = view(request, **context, **kwargs)
        except Http404:
            response = render(request, "forums/portal/not_found.html", context, status=404)
        return _private(response)

    return wrapper


def _back(summit, token: str, name: str = "speaker-portal", **kwargs):
    return redirect(f"forums:{name}", year=summit.year, speaker_token=token, **kwargs)


def _trail(summit, token: str, here: str = "") -> list:
    """Breadcrumbs: the portal's home, then the page at hand."""
    home = reverse("forums:speaker-portal", kwargs={"year": summit.year, "speaker_token": token})
    return [(_("Speaker portal"), home if here else None), *([(here, None)] if here else [])]


def _add_refusal(form, refusal: ValidationError) -> None:
    field = getattr(refusal, "field", None)
    form.add_error(field if field in form.fields else None, refusal)


@require_http_methods(["GET", "HEAD"])
@speaker_link
def portal(request, *, speaker, summit, token: str):
    """The speaker's sessions of the edition, what each still needs, and the profile's checklist."""
    placements = speaker_selectors.portal_placements(speaker, summit)
    travel = speaker_selectors.travel_of(speaker, summit)
    checklist = speaker_selectors.profile_checklist(speaker)
    complete = all(item.done for item in checklist)
    travel_given = speaker_selectors.travel_is_given(travel)
    return render(request, "forums/portal/portal.html", {
        "speaker": speaker, "summit": summit, "token": token, "checklist": checklist, "profile_complete": complete,
        "travel": travel, "travel_given": travel_given, "trail": _trail(summit, token),
        "all_declined": bool(placements) and all(
            placement.invitation_status == SpeakerInvitationStatus.DECLINED for placement in placements),
        "placements": [(placement, speaker_selectors.missing_for(placement, profile_complete=complete,
                                                                 travel_given=travel_given))
                       for placement in placements],
    })


@require_http_methods(["GET", "HEAD", "POST"])
@speaker_link
def portal_session(request, *, speaker, summit, token: str, pk: int):
    """One session of the speaker: accept or decline it; once accepted, the consent questions and the slides."""
    placement = speaker_selectors.portal_placement(speaker, summit, pk)
    if placement is None:
        raise Http404
    decline_form = DeclineForm(initial={"reason": placement.decline_reason})
    consent_form = ConsentForm(initial={"recording": placement.consent_recording,
                                        "streaming": placement.consent_streaming, "photo": placement.consent_photo})
    slides_form = SlidesForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_session(placement=placement)
                messages.success(request, _("Thank you: you have accepted this session. A confirmation is on its "
                                            "way by email."))
                return _back(summit, token, "speaker-portal-session", pk=pk)
            if action == "decline":
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    services.decline_session(placement=placement, reason=decline_form.cleaned_data["reason"])
                    messages.success(request, _("You have declined this session. Thank you for letting us know."))
                    return _back(summit, token)
            elif action == "consent":
                consent_form = ConsentForm(request.POST)
                if consent_form.is_valid():
                    services.give_consent(placement=placement, **consent_form.cleaned_data)
                    messages.success(request, _("Your answers are saved. You can change them until the summit "
                                                "ends."))
                    return _back(summit, token, "speaker-portal-session", pk=pk)
            elif action == "slides":
                slides_form = SlidesForm(request.POST, request.FILES)
                if slides_form.is_valid():
                    services.upload_slides(placement=placement, slides=slides_form.cleaned_data["slides"])
                    messages.success(request, _("Your slides are saved."))
                    return _back(summit, token, "speaker-portal-session", pk=pk)
            else:
                return HttpResponseBadRequest()
        except services.SpeakerPortalRefused as refusal:
            messages.error(request, " ".join(refusal.messages))
            return _back(summit, token, "speaker-portal-session", pk=pk)
    return render(request, "forums/portal/session.html", {
        "speaker": speaker, "summit": summit, "token": token, "placement": placement, "session": placement.session,
        "accepted": placement.invitation_status == SpeakerInvitationStatus.ACCEPTED,
        "declined": placement.invitation_status == SpeakerInvitationStatus.DECLINED,
        "decline_form": decline_form, "consent_form": consent_form, "slides_form": slides_form,
        "trail": _trail(summit, token, placement.session.title),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@speaker_link
def portal_profile(request, *, speaker, summit, token: str):
    """The speaker's profile in English and Chinese, and their photo."""
    has_organisation = speaker.organization_id is not None
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, has_organisation=has_organisation)
        if form.is_valid():
            try:
                services.update_profile(speaker=speaker, profile=form.profile(speaker),
                                        photo=form.cleaned_data["photo"] or None)
            except ValidationError as refusal:
                _add_refusal(form, refusal)
            else:
                messages.success(request, _("Your profile is saved."))
                return _back(summit, token)
    else:
        form = ProfileForm(initial=ProfileForm.initial_from(speaker), has_organisation=has_organisation)
    return render(request, "forums/portal/profile.html", {
        "speaker": speaker, "summit": summit, "token": token, "form": form,
        "checklist": speaker_selectors.profile_checklist(speaker), "trail": _trail(summit, token, _("Your profile")),
    })


@require_http_methods(["GET", "HEAD", "POST"])
@speaker_link
def portal_travel(request, *, speaker, summit, token: str):
    """When and how the speaker arrives and leaves, for the protocol desk."""
    if request.method == "POST":
        form = TravelForm(request.POST)
        if form.is_valid():
            try:
                services.update_travel(speaker=speaker, summit=summit, travel=form.details())
            except services.SpeakerPortalRefused as refusal:
                _add_refusal(form, refusal)
            else:
                messages.success(request, _("Your arrival and departure are saved."))
                return _back(summit, token)
    else:
        form = TravelForm(initial=TravelForm.initial_from(speaker_selectors.travel_of(speaker, summit)))
    return render(request, "forums/portal/travel.html", {
        "speaker": speaker, "summit": summit, "token": token, "form": form,
        "trail": _trail(summit, token, _("Your arrival and departure")),
    })

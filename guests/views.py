"""Guests' pages: registration, the privacy notice, the guest's own page reached by a signed link, and check-in.

Views parse input with the forms in ``forms.py``, call ``services.py`` and render; the rules live in services.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core.clock import WUZHEN
from core.forms import rate_limited, within_rate_limit
from summits.models import Summit
from summits.selectors import next_edition, published_summit_or_404

from . import badges, calendars, links, pages, selectors, services
from .enums import CLOSED_REGISTRATION_STATUSES, InvitationStatus, RegistrationStatus
from .forms import CheckInForm, ForumsForm, InvitationForm, RegistrationForm, forum_options

BADGE_STATUSES = (RegistrationStatus.APPROVED, RegistrationStatus.CHECKED_IN)


def _within_rate_limit(request) -> bool:
    return within_rate_limit(request, scope="guests:register", limit=settings.REGISTRATION_RATE_LIMIT)


def _registration_request(form: RegistrationForm) -> services.RegistrationRequest:
    data = form.cleaned_data
    return services.RegistrationRequest(
        email=data["email"], full_name=data["full_name"], native_name=data["native_name"], title=data["title"],
        organization_name=data["organization_name"], category=data["category"], country=data["country"],
        phone=data["phone"], participation=data["participation"], forum_ids=tuple(data["forums"]),
        needs=data["needs"], language=translation.get_language(),
    )


@never_cache  # the form carries the visitor's CSRF token and, after a POST, what they typed
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, year: int):
    summit = published_summit_or_404(year)
    if not summit.registration_is_open:  # not open yet, closed, or the summit has ended: say why; a POST saves nothing
        return render(request, "guests/registration_closed.html", {
            "summit": summit, "section": "register", "next_summit": next_edition(summit),
        }, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        if not _within_rate_limit(request):
            return rate_limited(render(request, "guests/rate_limited.html", {"summit": summit}, status=429))
        form = RegistrationForm(request.POST, summit=summit, options=forum_options(summit))
        if form.is_bot:  # answer as if it worked, so the bot learns nothing
            return redirect("guests:registered", year=year)
        if form.is_valid():
            try:
                services.register_guest(summit=summit, request=_registration_request(form))
            except services.RegistrationError as refusal:
                form.add_error(refusal.field, refusal)
            else:
                # The same page whether the address was new or already registered: nothing is revealed.
                return redirect("guests:registered", year=year)
    else:
        form = RegistrationForm(summit=summit, options=forum_options(summit))
    return render(request, "guests/register.html", {"summit": summit, "form": form, "section": "register"})


def registered(request, year: int):
    return render(request, "guests/registered.html", {"summit": published_summit_or_404(year)})


def privacy(request, year: int):
    return render(request, "guests/privacy.html", {"summit": published_summit_or_404(year)})


def _invalid_link(request):
    return render(request, "guests/invalid_link.html", {"verify_days": settings.REGISTRATION_VERIFY_DAYS}, status=404)


def _private(response: HttpResponse) -> HttpResponse:
    """Pages reached by a signed link hold personal data: never cached, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def guest_link(view):
    """Resolve the signed token of the guest's own page, or answer with the invalid-link page."""

    @functools.wraps(view)
    def wrapper(request, year: int, token: str):
        registration = links.registration_for_manage_token(token)
        if registration is None or registration.summit.year != year:
            return _private(_invalid_link(request))
        return _private(view(request, registration=registration, token=token))

    return wrapper


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request, year: int, token: str):
    """The link in the verification email. Opening it (GET, HEAD: what a mail scanner does) only shows a page with a
    button; pressing it (POST) confirms the address, and the same address then says it is confirmed."""
    registration = links.registration_for_verify_token(token)
    if registration is None or registration.summit.year != year:
        return _private(_invalid_link(request))
    if request.method == "POST":
        services.verify_registration(registration=registration)
        return _private(redirect(request.get_full_path()))
    guest = registration.guest
    context = {
        "registration": registration,
        "summit": registration.summit,
        # A page in Chinese names the guest as their Chinese emails greet them.
        "name": guest.native_name if translation.get_language() == "zh-hans" and guest.native_name else
        guest.full_name,
        "closed": registration.status in CLOSED_REGISTRATION_STATUSES,
        "manage_url": reverse("guests:manage", kwargs={"year": year, "token": links.manage_token(registration)}),
    }
    template = "guests/verify.html" if registration.status == RegistrationStatus.SUBMITTED else "guests/verified.html"
    return _private(render(request, template, context))


def _token_urls(year: int, token: str) -> dict[str, str]:
    kwargs = {"year": year, "token": token}
    names = ("manage", "forums", "cancel", "badge_png", "badge_pdf", "agenda_ics")
    return {name: reverse(f"guests:{name}", kwargs=kwargs) for name in names}


@guest_link
def manage(request, *, registration, token: str):
    urls = _token_urls(registration.summit.year, token)
    # The same address with the webcal scheme: calendar apps subscribe to it and fetch updates themselves.
    webcal = "webcal://" + request.build_absolute_uri(urls["agenda_ics"]).split("://", 1)[1]
    context = {
        "registration": registration,
        "summit": registration.summit,
        "choices": selectors.registration_choices(registration),
        "open": registration.status not in CLOSED_REGISTRATION_STATUSES,
        # Forums are changed and registrations cancelled until the summit ends; afterwards the page is a record.
        "changeable": registration.status not in CLOSED_REGISTRATION_STATUSES and not registration.summit.has_ended,
        "badge_ready": registration.status in BADGE_STATUSES,
        "urls": urls,
        "webcal_url": webcal,
        "sections": pages.page_sections(registration),
    }
    return render(request, "guests/manage.html", context)


@guest_link
@require_http_methods(["GET", "HEAD", "POST"])
def change_forums(request, *, registration, token: str):
    urls = _token_urls(registration.summit.year, token)
    if registration.status in CLOSED_REGISTRATION_STATUSES or registration.summit.has_ended:
        return redirect(urls["manage"])
    current = list(registration.forum_choices.values_list("forum_id", flat=True))
    # Forums by invitation only are offered to the guests who hold them or were invited to them.
    options = forum_options(registration.summit, include=current,
                            reserved=services.invited_forum_ids(registration))
    if request.method == "POST":
        form = ForumsForm(request.POST, options=options)
        if form.is_valid():
            try:
                services.change_forums(registration=registration, forum_ids=form.cleaned_data["forums"])
            except services.RegistrationError as refusal:
                form.add_error(refusal.field, refusal)
            else:
                messages.success(request, _("Your forums are updated."))
                return redirect(urls["manage"])
    else:
        form = ForumsForm(initial={"forums": current}, options=options)
    context = {"registration": registration, "summit": registration.summit, "form": form, "urls": urls}
    return render(request, "guests/forums.html", context)


@guest_link
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, *, registration, token: str):
    urls = _token_urls(registration.summit.year, token)
    if request.method == "POST":
        if services.cancel_registration(registration=registration):
            messages.success(request, _("Your registration is cancelled."))
        return redirect(urls["manage"])
    if registration.status in CLOSED_REGISTRATION_STATUSES or registration.summit.has_ended:
        return redirect(urls["manage"])
    context = {"registration": registration, "summit": registration.summit, "urls": urls}
    return render(request, "guests/cancel.html", context)


def _badge_response(registration, render_badge, *, extension: str, content_type: str) -> HttpResponse:
    if registration.status not in BADGE_STATUSES:
        raise Http404("The badge comes with the accreditation.")
    response = HttpResponse(render_badge(registration), content_type=content_type)
    filename = f"wic{registration.summit.year}-badge-{registration.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@guest_link
def badge_png(request, *, registration, token: str):
    return _badge_response(registration, badges.badge_png, extension="png", content_type="image/png")


@guest_link
def badge_pdf(request, *, registration, token: str):
    return _badge_response(registration, badges.badge_pdf, extension="pdf", content_type="application/pdf")


@guest_link
def agenda_ics(request, *, registration, token: str):
    response = HttpResponse(calendars.agenda_ics(registration), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="wic{registration.summit.year}-agenda.ics"'
    return response


def invitation_link(view):
    """Resolve the signed token of an invitee's page (forged, expired, revoked: the invalid-link page, a 404)."""

    @functools.wraps(view)
    def wrapper(request, year: int, token: str):
        invitation = links.invitation_for_token(token)
        if invitation is None or invitation.summit.year != year:  # an invitee registers only through it
            return _private(render(request, "guests/invitation_invalid_link.html", status=404))
        return _private(view(request, invitation=invitation, token=token))

    return wrapper


def _answered(request, invitation):
    """An invitation answered already: an accepted one leads to the registration, a declined one says so."""
    if invitation.status == InvitationStatus.ACCEPTED and invitation.registration_id:
        return redirect("guests:manage", year=invitation.summit.year,
                        token=links.manage_token(invitation.registration))
    return render(request, "guests/invitation_answered.html", {"invitation": invitation, "summit": invitation.summit})


@invitation_link
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, *, invitation, token: str):
    """The invitee's page: accept (registered at once, seated in the reserved forums) or go on to decline."""
    if invitation.status != InvitationStatus.PENDING:
        return _answered(request, invitation)
    summit = invitation.summit
    reserved = set(invitation.reserved_forums.values_list("pk", flat=True))
    options = forum_options(summit, reserved=reserved)
    if request.method == "POST":
        form = InvitationForm(request.POST, invitation=invitation, options=options)
        if form.is_valid():
            data = form.cleaned_data
            answer = services.RegistrationRequest(
                email=invitation.email, full_name=data["full_name"], native_name=data["native_name"],
                title=data["title"],
                organization_name=data["organization_name"], category=data["category"], country=data["country"],
                phone=data["phone"], participation=data["participation"], forum_ids=tuple(data["forums"]),
                needs=data["needs"], language=translation.get_language(),
            )
            try:
                registration = services.accept_invitation(invitation=invitation, answer=answer)
            except services.RegistrationError as refusal:
                form.add_error(refusal.field, refusal)
            else:
                messages.success(request, _("Thank you: you are registered for the %(summit)s.")
                                 % {"summit": summit.name})
                return redirect("guests:manage", year=summit.year, token=links.manage_token(registration))
    else:
        form = InvitationForm(invitation=invitation, options=options)
    context = {
        "invitation": invitation, "summit": summit, "form": form,
        "expires_at": timezone.localtime(invitation.link_expires_at, WUZHEN),
        "decline_url": reverse("guests:invitation_decline", kwargs={"year": summit.year, "token": token}),
    }
    return render(request, "guests/invitation.html", context)


@invitation_link
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_decline(request, *, invitation, token: str):
    """Decline, after a confirmation: the seats held go to other guests."""
    if invitation.status != InvitationStatus.PENDING:
        return _answered(request, invitation)
    if request.method == "POST":
        services.decline_invitation(invitation=invitation)
        return redirect(request.get_full_path())
    context = {"invitation": invitation, "summit": invitation.summit,
               "invitation_url": reverse("guests:invitation", kwargs={"year": invitation.summit.year,
                                                                      "token": token})}
    return render(request, "guests/invitation_decline.html", context)


@sensitive_post_parameters("token")
@login_required
@permission_required("guests.change_registration", raise_exception=True)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request, year: int):
    """The check-in desk: a USB scanner types the badge's code and Enter; the page answers and waits for the next.

    Once the edition has ended the desk is closed: it says so, and a scan checks no one in.
    """
    summit = get_object_or_404(Summit, year=year)
    if summit.has_ended:
        return render(request, "guests/check_in_closed.html", {"summit": summit},
                      status=403 if request.method == "POST" else 200)
    result, already_at = None, None
    form = CheckInForm()
    if request.method == "POST":
        scanned = CheckInForm(request.POST)
        if scanned.is_valid():
            result = services.check_in(token=scanned.cleaned_data["token"])
            if result.already_at:
                already_at = timezone.localtime(result.already_at, WUZHEN).strftime("%H:%M")
        else:
            form = scanned
    # The service knows badges, not editions: say so when a badge belongs to another edition.
    other_summit = bool(result and result.registration and result.registration.summit_id != summit.pk)
    context = {"summit": summit, "form": form, "result": result, "already_at": already_at,
               "other_summit": other_summit}
    return render(request, "guests/check_in.html", context)

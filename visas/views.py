"""The guest's visa letter page, the letter's download, and the public verification page.

The guest's pages open with the token of their own registration page (guests.links); what they show and accept is
decided in ``services``. The verification page names the letter's holder and dates of stay only: never the
passport's data.
"""

import functools

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from guests.links import registration_for_manage_token

from . import letters, selectors, services
from .enums import LetterStatus
from .forms import LetterRequestForm

PASSPORT_POST_FIELDS = ("passport_number", "date_of_birth", "passport_expiry", "surname", "given_names")


def _private(response: HttpResponse) -> HttpResponse:
    """Never cached (by a browser or a proxy) and never indexed: these pages name a person."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid_link(request) -> HttpResponse:
    return render(request, "guests/invalid_link.html", {"verify_days": settings.REGISTRATION_VERIFY_DAYS},
                  status=404)


def guest_letter_link(view):
    """Open the guest's page by its signed token, as guests' own pages do: a forged or foreign token is a 404."""

    @functools.wraps(view)
    def wrapper(request, year: int, token: str):
        registration = registration_for_manage_token(token)
        if registration is None or registration.summit.year != year:
            return _private(_invalid_link(request))
        return _private(view(request, registration=registration, token=token))

    return wrapper


def _letter_request(form: LetterRequestForm) -> services.LetterRequest:
    data = form.cleaned_data
    return services.LetterRequest(
        surname=data["surname"], given_names=data["given_names"], nationality=data["nationality"],
        passport_number=data["passport_number"], passport_expiry=data["passport_expiry"],
        date_of_birth=data["date_of_birth"], sex=data["sex"], mission=data["mission"],
        mission_other=data["mission_other"], arrival_date=data["arrival_date"],
        departure_date=data["departure_date"],
    )


@sensitive_post_parameters(*PASSPORT_POST_FIELDS)
@guest_letter_link
@require_http_methods(["GET", "HEAD", "POST"])
def letter_page(request, *, registration, token: str):
    kwargs = {"year": registration.summit.year, "token": token}
    letter = selectors.latest_letter(registration)
    may_request = services.can_request(registration) and (letter is None or letter.status in (
        LetterStatus.REFUSED, LetterStatus.REVOKED))
    form = None
    if may_request:
        if request.method == "POST":
            form = LetterRequestForm(request.POST)
            if form.is_valid():
                try:
                    services.request_letter(registration=registration, request=_letter_request(form))
                except services.LetterRefused as refusal:
                    form.add_error(refusal.field, refusal)
                else:
                    return redirect(reverse("visas:letter", kwargs=kwargs))
        else:
            guest = registration.guest
            form = LetterRequestForm(initial={
                "nationality": guest.country.code,
                "arrival_date": registration.summit.start_date, "departure_date": registration.summit.end_date,
            })
    elif request.method == "POST":
        return redirect(reverse("visas:letter", kwargs=kwargs))
    context = {
        "registration": registration, "summit": registration.summit, "letter": letter, "form": form,
        "manage_url": reverse("guests:manage", kwargs=kwargs),
        "pdf_url": reverse("visas:letter_pdf", kwargs=kwargs),
        "eligible": services.can_request(registration),
        "window": services.stay_window(registration.summit),
    }
    return render(request, "visas/letter_page.html", context)


@guest_letter_link
def letter_pdf(request, *, registration, token: str):
    letter = selectors.latest_letter(registration)
    if letter is None or not letter.is_valid:
        raise Http404("A letter is downloaded once approved, and never once revoked.")
    response = HttpResponse(letters.letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.reference}.pdf"'
    return response


def verify(request, token: str):
    """What a consulate sees from the QR code: valid or revoked, the holder's name, the dates of stay and the
    reference. A refused, erased or unknown letter is a 404."""
    letter = selectors.letter_to_verify(token)
    if letter is None:
        raise Http404(_("No such letter."))
    response = render(request, "visas/verify.html", {"letter": letter, "summit": letter.registration.summit})
    return _private(response)

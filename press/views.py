"""The press accreditation's public pages: the journalist's application form and its thanks page.

The form has its own window: open until the edition ends, whatever the public registration form's dates or
invitation-only mode (the press office reviews every application)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.forms import rate_limited, within_rate_limit
from guests.services import RegistrationError
from summits.selectors import published_summit_or_404

from . import services
from .forms import AccreditationForm


@never_cache  # the form carries the visitor's CSRF token and, after a POST, what they typed
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, year: int):
    summit = published_summit_or_404(year)
    if summit.has_ended:  # a POST saves nothing
        return render(request, "press/closed.html", {"summit": summit},
                      status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        if not within_rate_limit(request, scope="press:apply", limit=settings.REGISTRATION_RATE_LIMIT):
            return rate_limited(render(request, "guests/rate_limited.html", {"summit": summit}, status=429))
        form = AccreditationForm(request.POST, request.FILES, summit=summit)
        if form.is_bot:  # answer as if it worked, so the bot learns nothing
            return redirect("press:applied", year=year)
        if form.is_valid():
            try:
                services.apply_for_accreditation(summit=summit, request=form.registration_request(),
                                                 application=form.application())
            except RegistrationError as refusal:
                form.add_error(refusal.field, refusal)
            else:
                # The same page whether the address was new or already registered: nothing is revealed.
                return redirect("press:applied", year=year)
    else:
        form = AccreditationForm(summit=summit)
    return render(request, "press/apply.html", {"summit": summit, "form": form, "section": "register"})


def applied(request, year: int):
    return render(request, "press/applied.html", {"summit": published_summit_or_404(year)})

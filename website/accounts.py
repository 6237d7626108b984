"""The site's accounts pages: where an account lands after signing in on the site without ``next`` (organizers in
the admin, jurors on their jury page, forum teams on their team page, anyone else on the home page;
``LOGIN_REDIRECT_URL`` names this view), and the page a locked-out sign-in gets (``AXES_LOCKOUT_CALLABLE``)."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from awards.selectors import has_jury_seat
from teams.selectors import is_on_a_team


@never_cache
@login_required(login_url="login")
def signed_in(request):
    user = request.user
    if user.is_staff:
        return redirect("admin:index")
    if has_jury_seat(user):
        return redirect("awards:jury")
    if is_on_a_team(user):
        return redirect("teams:home")
    return redirect("website:home")


def locked_out(request, original_response=None, credentials=None):
    """Too many wrong passwords for this username from this address: a page in the visitor's language saying when
    to try again (429, with Retry-After), for the admin's sign-in and the site's. The username is not echoed."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    response = render(request, "registration/locked_out.html",
                      {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
                      status=429)
    response["Cache-Control"] = "no-store"
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response

"""Where an account lands after signing in on the site without ``next``: organizers in the admin, jurors on their
jury page, anyone else on the home page (``LOGIN_REDIRECT_URL`` names this view)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from awards.selectors import has_jury_seat


@never_cache
@login_required(login_url="login")
def signed_in(request):
    user = request.user
    if user.is_staff:
        return redirect("admin:index")
    if has_jury_seat(user):
        return redirect("awards:jury")
    return redirect("website:home")

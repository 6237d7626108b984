import functools

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from .api.errors import api_not_found, api_server_error


def signed_in_page(view):
    """A page of the site for signed-in accounts (jurors, forum teams): others go to the site's sign-in; never
    cached, never indexed."""

    @functools.wraps(view)
    @login_required(login_url="login")
    @never_cache
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def health(request):
    """Liveness for load balancers: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request, exception=None):
    """JSON under /api/; elsewhere the site's page, in the language of the address (or of the browser)."""
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    """JSON under /api/; elsewhere the site's page, rendered without the request's context processors so that
    it needs neither the database nor anything else that may be what failed."""
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return HttpResponseServerError(loader.render_to_string("500.html", {"current_year": None, "current_summit": None}))

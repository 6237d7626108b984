"""The site's own middleware: its Content-Security-Policy, and the locale middleware that lets an answer whose
language is in its address say it does not vary with the visitor's.

A Content-Security-Policy for the public site: its pages load only their own styles, scripts and images.
The site has no inline style or script and nothing from another host (tests/site/test_findable.py); the browser
now holds it to that too, so injected markup cannot run or restyle the page. The admin and the API's documentation
are left to Django's and drf-spectacular's own pages.
"""

from functools import wraps

from django.conf import settings
from django.middleware.locale import LocaleMiddleware


class SiteContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        response = self.get_response(request)
        if (settings.SITE_CONTENT_SECURITY_POLICY and request.path.startswith(self.prefixes)
                and response.get("Content-Type", "").startswith("text/html")):
            response.setdefault("Content-Security-Policy", settings.SITE_CONTENT_SECURITY_POLICY)
        return response


def language_in_address(view):
    """Mark a view whose answers take their language from their address alone (the schedule feeds' ``?lang=``),
    never from the visitor's Accept-Language or language cookie; the view sets their Content-Language itself."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.language_in_address = True
        return response

    return marked


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, which says ``Vary: Accept-Language`` on every answer outside the language
    prefixes: true of the admin and the API, which follow the visitor's language, false of an answer marked
    ``language_in_address``, which it leaves alone. A cache keeps one copy of such an answer per address, not one
    per browser language, and a calendar behind it is not told that the same address may change language."""

    def process_response(self, request, response):
        if getattr(response, "language_in_address", False):
            return response
        return super().process_response(request, response)

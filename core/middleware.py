"""A Content-Security-Policy for the public site: its pages load only their own styles, scripts and images.

The site has no inline style or script and nothing from another host (tests/site/test_findable.py); the browser
now holds it to that too, so injected markup cannot run or restyle the page. The admin and the API's documentation
are left to Django's and drf-spectacular's own pages.
"""

from django.conf import settings


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

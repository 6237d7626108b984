"""The site's URLs plus ``bench/ceiling``: a bare Django view that answers stored bytes, touching no database.

It is the ceiling of this machine for an answer of that size: the same gunicorn, middleware and settings as the
real endpoints, minus all the work. The bytes (the schedule.json that ``bench/schedule.py`` fetched) are read once,
at import, from the file named by ``WIC_BENCH_CEILING_BODY``.
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from django.views import defaults

from wic import urls as site_urls

CEILING_BODY = Path(os.environ["WIC_BENCH_CEILING_BODY"]).read_bytes()
CEILING_CONTENT_TYPE = os.environ.get("WIC_BENCH_CEILING_CONTENT_TYPE", "application/json")


def ceiling(request):
    return HttpResponse(CEILING_BODY, content_type=CEILING_CONTENT_TYPE)


# Appended to the root URLconf rather than include()d: i18n_patterns() only works in the root.
urlpatterns = [path("bench/ceiling", ceiling, name="bench-ceiling"), *site_urls.urlpatterns]
# Error pages are looked up in the root URLconf: keep the site's own.
handler400 = getattr(site_urls, "handler400", defaults.bad_request)
handler403 = getattr(site_urls, "handler403", defaults.permission_denied)
handler404 = getattr(site_urls, "handler404", defaults.page_not_found)
handler500 = getattr(site_urls, "handler500", defaults.server_error)

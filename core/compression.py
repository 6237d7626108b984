"""Gzip for what partners read (the API's JSON, the schedule feeds' JSON, XML and iCalendar, the Atom feed, the
sitemap), never for the site's HTML pages.

schedule.json is 159 KB and about 25 KB gzipped; a page of 200 sessions from the API 237 KB. Django's GZipMiddleware
does the work (Vary: Accept-Encoding; the ETag made weak, which core.http's conditional check accepts back). HTML is
left alone: pages carry the CSRF token and echo what visitors typed, the ground of BREACH-style attacks on
compressed HTTPS answers, and they are small. WhiteNoise compresses the static files itself.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = frozenset({
    "application/json", "application/schedule+json", "application/xml", "text/xml", "text/calendar",
    "application/atom+xml", "application/rss+xml", "application/vnd.oai.openapi", "application/vnd.oai.openapi+json",
    "text/csv",
})


class PartnerFeedsGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type not in COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)

"""Compression of the answers that are not cached renders: the API's errors and pages of one partner, the schema.

Cached renders (feeds, API answers, public pages) are compressed once per content version by core/http.py and come
here already negotiated. What is left is compressed per request with Django's GZipMiddleware (Vary: Accept-Encoding,
the ETag made weak), for the machine-readable types only and when the client gives gzip a weight above zero. HTML
made per visitor is left alone: it carries the CSRF token and echoes what visitors typed, the ground of BREACH-style
attacks on compressed HTTPS answers. WhiteNoise compresses the static files itself.
"""

from django.middleware.gzip import GZipMiddleware

from . import encodings

MACHINE_TYPES = encodings.COMPRESSIBLE_TYPES - {"text/html", "text/plain"}


class PartnerFeedsGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if getattr(response, "negotiated_encoding", None) is not None:
            return response
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type not in MACHINE_TYPES:
            return response
        if encodings.preferred(request.headers.get("Accept-Encoding", "")) == encodings.IDENTITY:
            return response
        return super().process_response(request, response)

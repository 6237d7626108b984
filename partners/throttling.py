"""Rate limits for the API: one for anonymous clients (per address), a higher one per partner API key.

Both keep their counters in the default cache (Redis in production, shared by every worker). Rates come from
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (scopes "anonymous" and "partner"), read on every request rather than
copied when DRF's module is imported, so a settings change (a test, ``override_settings``) takes effect.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core.client_address import client_address

from .models import ApiKey


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(f"No throttle rate set for the {self.scope!r} scope.") from None


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Requests without an API key, counted per client address."""

    scope = "anonymous"

    def get_ident(self, request):
        # The address the site's forms count too (TRUSTED_PROXY_COUNT). DRF's own trusts the whole
        # X-Forwarded-For when NUM_PROXIES is unset, so a client could choose its address per request.
        return client_address(request)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerKeyRateThrottle(_SettingsRateThrottle):
    """Requests with a valid API key, counted per key whatever address they come from."""

    scope = "partner"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}

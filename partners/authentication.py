"""API keys on requests: ``X-Api-Key: <key>`` or ``Authorization: Api-Key <key>``.

No key is an anonymous request (the anonymous rate limit); a key that is unknown or revoked is refused with 401,
never quietly served at the anonymous rate, so a partner notices at once. A valid key authenticates no user: the
request stays anonymous (``request.user``) and ``request.auth`` is the ``ApiKey``.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from . import selectors, services

KEYWORD = "Api-Key"


def raw_key_of(request) -> str | None:
    """The key the request carries, "" for a header present but empty, or None for no key at all."""
    header = request.META.get("HTTP_X_API_KEY")
    if header is not None:
        return header.strip()
    parts = get_authorization_header(request).split()
    if not parts or parts[0].decode("latin-1").lower() != KEYWORD.lower():
        return None  # another scheme (or none): not ours to judge
    return parts[1].decode("latin-1") if len(parts) == 2 else ""


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        raw_key = raw_key_of(request)
        if raw_key is None:
            return None
        api_key = selectors.active_api_key(raw_key=raw_key) if raw_key else None
        if api_key is None:
            raise AuthenticationFailed(_("Unknown or revoked API key."))
        services.record_key_use(api_key=api_key)
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        """Makes DRF answer 401 (with this challenge), not 403, when a key is refused or missing."""
        return KEYWORD

"""What every public form of the site shares: a honeypot against bots, a per-address rate limit, and the
cleaning of names, phone numbers and countries."""

import hashlib
import re

from django import forms
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .client_address import client_address
from .countries import countries
from .text import has_control_characters, without_bidi_controls

HONEYPOT_FIELD = "website_url"
PHONE_CHARACTERS = re.compile(r"^[0-9+\-() ]+$")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 6, 20
RATE_LIMIT_WINDOW_SECONDS = 3600  # an hour, the window ``within_rate_limit`` counts in (its key names the hour)


def single_line(value: str) -> str:
    """A name or title as one line, runs of spaces, line breaks and other control characters (an escape, a bell: a
    subject they reach is refused by the mail library) made single spaces, without bidirectional controls
    (``core.text.BIDI_CONTROLS``)."""
    spaced = "".join(" " if has_control_characters(character) else character for character in value)
    return " ".join(without_bidi_controls(spaced).split())


class MultiLineTextField(forms.CharField):
    """A public form's free text of several lines (a guest's needs, a citation, a description): its line breaks
    kept, its bidirectional controls removed, which would otherwise show it reversed on the guest's page and in the
    admin."""

    widget = forms.Textarea

    def to_python(self, value):
        return super().to_python(without_bidi_controls(value) if isinstance(value, str) else value)


def clean_phone(value: str) -> str:
    """A phone number of 6 to 20 digits with spaces, +, - and brackets; "" stays "" (an optional field)."""
    phone = single_line(value)
    if not phone:
        return ""
    digits = sum(character.isdigit() for character in phone)
    if not PHONE_CHARACTERS.match(phone) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise forms.ValidationError(
            _("Enter a phone number of %(min)d to %(max)d digits; spaces, +, - and brackets are allowed."),
            code="invalid", params={"min": PHONE_MIN_DIGITS, "max": PHONE_MAX_DIGITS},
        )
    return phone


def country_choices() -> list[tuple[str, str]]:
    """Countries and regions named and sorted in the current language, in pinyin order in Chinese (a callable:
    evaluated at each use)."""
    return [("", "---------"), *countries]


def honeypot_field() -> forms.CharField:
    """The honeypot: rendered inside ``<div class="hp" aria-hidden="true">``, hidden from people by CSS, filled in
    by bots that fill in everything."""
    return forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class HoneypotMixin:
    """``is_bot`` tells the view to pretend success and save nothing. The form declares ``honeypot_field()`` under
    the name ``honeypot_field_name`` (a form whose page is already out keeps the name bots and browsers know)."""

    honeypot_field_name = HONEYPOT_FIELD

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.honeypot_field_name, "").strip())


class HoneypotForm(HoneypotMixin, forms.Form):
    """A public form with the honeypot under its usual name (``website_url``: several forms have a real website)."""

    website_url = honeypot_field()


def within_rate_limit(request, *, scope: str, limit: int) -> bool:
    """Count this address's attempts at ``scope`` in the current hour; False past ``limit``.

    The address (``core.client_address``, the same the API's throttle counts) is hashed so the cache holds no IP
    addresses. A cache that is down lets everyone through.
    """
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"{scope}:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=RATE_LIMIT_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=RATE_LIMIT_WINDOW_SECONDS)
        count = 1
    return count is None or count <= limit


def rate_limited(response: HttpResponse) -> HttpResponse:
    """A form's 429 page with ``Retry-After``: the seconds until the hour counted by ``within_rate_limit`` ends, so
    a client (a script, a proxy, a crawler) knows when to try again instead of retrying at once."""
    now = timezone.now()
    response["Retry-After"] = str(RATE_LIMIT_WINDOW_SECONDS - (now.minute * 60 + now.second))
    return response

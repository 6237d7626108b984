"""``{{ body_text|site_links }}``: the HTML part of an email, made from its text part, where only the site's own
addresses are links.

The text carries what people typed (a guest's name, an organisation): ``urlize`` would make a live link of any
address in it, so a name like ``https://evil.test CONFIRM YOUR SEAT`` would reach the guest's inbox as a link in an
email from us. Here an address outside SITE_URL stays text, and a zero-width non-joiner after its ``:`` and dots
keeps mail clients from linking it themselves; the reader sees it as it was typed.
"""

import re
from urllib.parse import SplitResult, urlsplit

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# An address as urlize would find it: a scheme, or a "www." host, up to a space, a quote or an angle bracket.
ADDRESS = re.compile(r"""(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"']+""", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'"
NOT_A_LINK = "\u200c"  # zero-width non-joiner: invisible, and breaks a client's address detection


def _on_the_site(address: str, site: SplitResult) -> bool:
    """The address points into the site: the same scheme and host (no user part, no other port), under its path."""
    parts = urlsplit(address)
    return (parts.scheme.lower(), parts.netloc.lower()) == (site.scheme.lower(), site.netloc.lower()) and (
        parts.path.startswith(site.path.rstrip("/") + "/") or parts.path == site.path.rstrip("/")
    )


def _inert(address: str) -> str:
    return escape(address).replace(".", "." + NOT_A_LINK).replace(":", ":" + NOT_A_LINK)


def _with_addresses(text, *, link_the_site: bool) -> SafeString:
    text = str(text)
    site = urlsplit(settings.SITE_URL)
    pieces, shown_up_to = [], 0
    for match in ADDRESS.finditer(text):
        address = match.group().rstrip(TRAILING_PUNCTUATION)
        pieces.append(escape(text[shown_up_to:match.start()]))
        if link_the_site and site.netloc and _on_the_site(address, site):
            pieces.append(format_html('<a href="{}">{}</a>', address, address))
        else:
            pieces.append(_inert(address))
        shown_up_to = match.start() + len(address)
    pieces.append(escape(text[shown_up_to:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped or built by format_html


@register.filter(is_safe=True)
def site_links(text) -> SafeString:
    """``text`` escaped, its addresses on SITE_URL made links, every other address left as inert text."""
    return _with_addresses(text, link_the_site=True)


@register.filter(is_safe=True)
def no_links(text) -> SafeString:
    """``text`` escaped, every address in it inert: for a subject or heading, which hold names, never links."""
    return _with_addresses(text, link_the_site=False)

"""Signed links: a page opened from an email without an account, for one purpose, one row, and only while valid.

A ``LinkPurpose`` declares what its token carries and how long it lasts; ``make_token`` and ``row_for_token`` are
the only code that signs and reads tokens. The wire format is ``django.core.signing`` with the purpose's salt
(compressed): the row's id alone, or ``[id, *claims]`` when the link carries claims. Claims are what revokes a link:
values copied from the row when the link is made (a version, an address, the moment of an unsubscription), and a
link whose claims no longer match its row opens nothing. So revocation needs no table of its own: a purpose changes
the row's value (raises a version, ...) and every earlier link stops working.

The salt of a purpose never changes once links are out: it is part of every token already emailed.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import translation


def _no_claims(row) -> tuple:
    return ()


def _never_expires() -> datetime.timedelta | None:
    return None


@dataclass(frozen=True)
class LinkPurpose:
    """One kind of signed link: its salt, where its rows live, what it carries besides the id, how long it lasts.

    ``rows`` gives the queryset a token may open (narrowed to the rows in a state that accepts the link, and with
    what the page needs selected); ``claims`` the row's values the token carries, each of a type in
    ``claim_types``; ``max_age`` is read on every check (a callable, so settings overridden in tests apply).
    ``accepts`` judges the token's claims against the row; by default they must equal the row's current claims.
    """

    salt: str
    rows: Callable[[], models.QuerySet]
    claims: Callable[[Any], Sequence] = _no_claims
    claim_types: tuple[type, ...] = ()
    max_age: Callable[[], datetime.timedelta | None] = _never_expires
    accepts: Callable[[Any, list], bool] | None = None

    def is_current(self, row, token_claims: list) -> bool:
        if self.accepts is not None:
            return self.accepts(row, token_claims)
        return token_claims == list(self.claims(row))


def make_token(purpose: LinkPurpose, row) -> str:
    """The token of ``row``'s link for ``purpose``: valid until it expires or its claims stop matching the row."""
    claims = list(purpose.claims(row))
    value = [row.pk, *claims] if purpose.claim_types else row.pk
    return signing.dumps(value, salt=purpose.salt, compress=True)


def _is_exactly(value, kind: type) -> bool:
    # bool is an int to isinstance(); a token never carries a bool where an id or a version is due.
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _parse(purpose: LinkPurpose, value) -> tuple[int, list] | None:
    """The id and claims of a signed value of the purpose's shape; None for any other shape."""
    if not purpose.claim_types:
        return (value, []) if _is_exactly(value, int) else None
    if not isinstance(value, list) or len(value) != 1 + len(purpose.claim_types):
        return None
    pk, *claims = value
    if not _is_exactly(pk, int):
        return None
    if not all(_is_exactly(claim, kind) for claim, kind in zip(claims, purpose.claim_types, strict=True)):
        return None
    return pk, claims


def row_for_token(purpose: LinkPurpose, token: str):
    """The row the token opens, or None: forged, tampered with, made for another purpose (another salt), expired,
    of another shape, for a row gone or in a state the purpose refuses, or revoked (claims no longer current)."""
    try:
        value = signing.loads(token, salt=purpose.salt, max_age=purpose.max_age())
    except signing.BadSignature:  # includes SignatureExpired
        return None
    parsed = _parse(purpose, value)
    if parsed is None:
        return None
    pk, claims = parsed
    row = purpose.rows().filter(pk=pk).first()
    if row is None or not purpose.is_current(row, claims):
        return None
    return row


def link_url(viewname: str, *, language: str, kwargs: dict, absolute: bool = True) -> str:
    """The address of a linked page in the recipient's language, absolute (on SITE_URL) for an email."""
    with translation.override(language):
        path = reverse(viewname, kwargs=kwargs)
    return f"{settings.SITE_URL}{path}" if absolute else path
